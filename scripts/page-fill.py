#!/usr/bin/env python3
"""Page fill of a PDF folio wrote: the share of each page's text area used.

The text area is the page less its margins (the theme's, or `--margins` as the
content's `[design] margins` sets them). A page's fill is the distance from the
top of the text area down to the lowest thing printed inside it (a character's
box, a card, a chip, a rule, an image), over the height of the text area; the
footer below the area and a running head above it do not count.

A résumé's margins depend on the density fitting chose, so with `--resume` the
top margin is where its text starts, and the bottom margin is taken to be the same.

Usage: scripts/page-fill.py PDF [PDF ...] [--theme classic|modern|compact] [--margins PT] [--resume]
Prints one line per PDF: pages, the mean and the lowest fill of every page but
the last, and the last page's fill; `--pages` adds every page's fill.
Needs pdfminer.six (pip install pdfminer.six).
"""
import argparse
import statistics

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent, LTContainer, LTTextContainer

# (margin_top, margin_bottom) of each theme, as src/layout/theme.rs sets them
THEMES = {"classic": (54.0, 64.0), "modern": (54.0, 64.0), "compact": (40.0, 52.0)}


def leaves(obj):
    """Every printed object: characters, rectangles, lines, curves, images."""
    if isinstance(obj, LTChar):
        if obj.get_text().strip():
            yield obj
    elif isinstance(obj, (LTContainer, LTTextContainer)):
        for child in obj:
            yield from leaves(child)
    elif isinstance(obj, LTComponent):
        yield obj


def fills(pdf, top, bottom, resume=False):
    out = []
    for page in extract_pages(pdf):
        height = page.height
        if resume:
            top = bottom = min(height - o.y1 for o in leaves(page) if isinstance(o, LTChar))
        area_top, area_bottom = top, height - bottom
        lowest = area_top
        for obj in leaves(page):
            # pdfminer's y grows upwards: convert to distance from the page's top
            y_top, y_bottom = height - obj.y1, height - obj.y0
            if y_bottom <= area_top + 0.5 or y_top >= area_bottom - 0.5:
                continue  # a running head above the area, the footer below it
            lowest = max(lowest, min(y_bottom, area_bottom))
        out.append((lowest - area_top) / (area_bottom - area_top))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="+")
    ap.add_argument("--theme", default="classic", choices=sorted(THEMES))
    ap.add_argument("--margins", type=float, help="[design] margins in points")
    ap.add_argument("--pages", action="store_true", help="print every page's fill")
    ap.add_argument("--resume", action="store_true", help="margins from where the text starts")
    args = ap.parse_args()
    top, bottom = THEMES[args.theme]
    if args.margins is not None:
        top, bottom = args.margins, max(args.margins + 10.0, 48.0)
    for pdf in args.pdf:
        f = fills(pdf, top, bottom, args.resume)
        body = f[:-1] or f
        line = (
            f"{pdf}: {len(f)} pages, fill mean {statistics.mean(body):.0%}, "
            f"lowest {min(body):.0%} (all but the last page), last page {f[-1]:.0%}"
        )
        print(line)
        if args.pages:
            print("  " + " ".join(f"{x:.0%}" for x in f))


if __name__ == "__main__":
    main()
