// The official JSON Resume schema validator (@jsonresume/schema), as the tests run it.
//
//   node tests/readers/jsonresume.mjs FILE.json
//
// prints one JSON object on stdout:
//   { "version": "<@jsonresume/schema version>", "valid": true|false,
//     "errors": [ "<each validation error>" ] }
// and exits 0; a file that cannot be read or is not JSON exits 1 with the reason.
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";

const require = createRequire(import.meta.url);
const { validate } = require("@jsonresume/schema");
const { version } = require("@jsonresume/schema/package.json");

const file = process.argv[2];
if (!file) {
  console.error("usage: node jsonresume.mjs FILE.json");
  process.exit(2);
}

try {
  const doc = JSON.parse(await readFile(file, "utf8"));
  validate(doc, (errors, valid) => {
    const shown = (errors || []).map((e) => e.stack || String(e));
    console.log(JSON.stringify({ version, valid: Boolean(valid), errors: shown }));
  });
} catch (e) {
  console.error(String(e && e.stack ? e.stack : e));
  process.exit(1);
}
