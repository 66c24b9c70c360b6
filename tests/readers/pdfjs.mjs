// pdf.js, the reader in Firefox and in many web ATS, as the tests see it.
//
//   node tests/readers/pdfjs.mjs FILE.pdf
//
// prints one JSON object on stdout:
//   { "version": "<pdfjs-dist version>",
//     "pages": [ { "text": "...",            // getTextContent() items joined: each
//                                           // item's str, then "\n" where hasEOL
//                  "items": [ { "str", "x", "y", "width", "height", "hasEOL" } ],
//                  "structTree": {...} | null } ] }   // page.getStructTree()
// and exits 0; any failure to read the file exits 1 with the reason on stderr.
import { readFile } from "node:fs/promises";
import { getDocument, version } from "pdfjs-dist/legacy/build/pdf.mjs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node pdfjs.mjs FILE.pdf");
  process.exit(2);
}

try {
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const items = content.items
      .filter((i) => typeof i.str === "string")
      .map((i) => ({
        str: i.str,
        x: i.transform[4],
        y: i.transform[5],
        width: i.width,
        height: i.height,
        hasEOL: i.hasEOL,
      }));
    const text = items.map((i) => i.str + (i.hasEOL ? "\n" : "")).join("");
    const structTree = (await page.getStructTree()) ?? null;
    pages.push({ text, items, structTree });
  }
  await doc.destroy();
  process.stdout.write(JSON.stringify({ version, pages }));
} catch (e) {
  console.error(`pdf.js could not read ${file}: ${e?.message ?? e}`);
  process.exit(1);
}
