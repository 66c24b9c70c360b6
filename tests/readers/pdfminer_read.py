"""pdfminer.six as the tests see it.

    python3 tests/readers/pdfminer_read.py FILE.pdf

prints one JSON object on stdout and exits 0:
    {"version": "...",
     "text": pdfminer.high_level.extract_text(FILE),
     "words": [{"page": 1, "text": "...", "x0": ., "y0": ., "x1": ., "y1": .}, ...]}
A word is a maximal run of characters inside one text line of pdfminer's layout
analysis (default LAParams) that holds no whitespace and no space pdfminer inserted;
words come in pdfminer's reading order, coordinates in PDF points from the bottom left.
A file pdfminer cannot read exits 1 with the reason on stderr.
"""
import json
import sys

import pdfminer
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine


def lines(item):
    if isinstance(item, LTTextLine):
        yield item
    elif isinstance(item, LTTextContainer) or hasattr(item, "__iter__"):
        for child in item:
            yield from lines(child)


def words(path):
    out = []
    for number, page in enumerate(extract_pages(path, laparams=LAParams()), 1):
        for line in lines(page):
            word, box = [], None
            for ch in list(line) + [None]:
                text = ch.get_text() if ch is not None else " "
                if isinstance(ch, LTChar) and not text.isspace():
                    word.append(text)
                    b = (ch.x0, ch.y0, ch.x1, ch.y1)
                    box = b if box is None else (
                        min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3]))
                elif word:
                    out.append({"page": number, "text": "".join(word),
                                "x0": box[0], "y0": box[1], "x1": box[2], "y1": box[3]})
                    word, box = [], None
    return out


def main():
    path = sys.argv[1]
    try:
        result = {"version": pdfminer.__version__, "text": extract_text(path), "words": words(path)}
    except Exception as e:  # any reader failure is the test's failure, with its reason
        print(f"pdfminer.six could not read {path}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
