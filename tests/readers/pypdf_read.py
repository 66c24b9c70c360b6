"""pypdf as the tests see it.

    python3 tests/readers/pypdf_read.py FILE.pdf

prints one JSON object on stdout and exits 0:
    {"version": "...",
     "pages": [page.extract_text() for each page],
     "warnings": [every warning pypdf logged while reading]}
A file pypdf cannot read exits 1 with the reason on stderr.
"""
import json
import logging
import sys

import pypdf


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def main():
    path = sys.argv[1]
    warnings = Collect()
    logging.getLogger("pypdf").addHandler(warnings)
    try:
        pages = [page.extract_text() for page in pypdf.PdfReader(path).pages]
    except Exception as e:  # any reader failure is the test's failure, with its reason
        print(f"pypdf could not read {path}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    json.dump({"version": pypdf.__version__, "pages": pages, "warnings": warnings.messages}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
