"""An ATS-style parse with openresume-parser (a port of OpenResume's parser), as the tests run it.

    python3 tests/readers/ats_read.py FILE.pdf|FILE.txt

prints on stdout, as JSON, what the parser returns: {"ok", "resume", "diagnostics"}.

A PDF goes through its public entry point, `parse_resume_from_pdf` (pypdf's text,
line by line). The parser has no entry point for plain text, so a .txt file is
given to the same pipeline the PDF path feeds (`_parse_text_fragments`), one
fragment per line exactly as `_read_pdf` makes them from a page's text: blank
lines leave a gap, as they do there.
"""

import json
import sys

from openresume import parse_resume_from_pdf
from openresume import parser as orp


def parse_text(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    items = []
    for number, line in enumerate(lines):
        if line.strip():
            items.append(
                orp._PdfTextFragment(line, 0, -number * 10, float(len(line)), 1, "text", True, 1, len(items))
            )
    return orp._parse_text_fragments(items)


def main():
    path = sys.argv[1]
    result = parse_resume_from_pdf(path) if path.endswith(".pdf") else parse_text(path)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
