#!/usr/bin/env bash
# A contact sheet of every theme x page size x variant: the first page of the
# portfolio and the résumé of the fictional example in classic, modern and
# compact, one row per page size (A4, then US Letter), and, with --pages, a
# second sheet of every page of each portfolio.
# Usage: scripts/contact-sheet.sh [OUT.png] [--pages]   (default: contact-sheet.png)
# Needs pdftoppm (poppler-utils) and Python's Pillow (pip install pillow).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-contact-sheet.png}
pages=${2:-}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp content/examples/ada-photo.png "$tmp/"
for size in a4 letter; do
  for theme in classic modern compact; do
    # the example with only the theme and page size chosen (its margin and size overrides left out)
    name="$theme-$size"
    sed -e "s/^theme = .*/theme = \"$theme\"/" -e "s/^page_size = .*/page_size = \"$size\"/" \
        -e '/^margins = /d' -e '/^font_size = /d' -e '/^accent = /d' \
        content/examples/ada-example.toml > "$tmp/$name.toml"
    target/release/folio build "$tmp/$name.toml" --resume --out-dir "$tmp/$name" >/dev/null
    for variant in portfolio resume; do
      pdftoppm -png -r 45 -f 1 -l 1 -singlefile "$tmp/$name/$variant.pdf" "$tmp/$name-$variant"
    done
    if [ "$pages" = "--pages" ]; then
      pdftoppm -png -r 30 "$tmp/$name/portfolio.pdf" "$tmp/$name-page"
    fi
  done
done
python3 - "$tmp" "$out" "$pages" <<'PY'
import glob, sys
from PIL import Image, ImageDraw
tmp, out, pages = sys.argv[1], sys.argv[2], sys.argv[3]
themes, sizes = ["classic", "modern", "compact"], ["a4", "letter"]
pad, label = 16, 22

def sheet(rows, path):
    """rows: [(caption, [image, ...])]; one row of tiles each, captioned."""
    w = max(sum(t.size[0] + 4 for t in tiles) for _, tiles in rows) + 2 * pad
    h = sum(label + max(t.size[1] for t in tiles) + pad for _, tiles in rows) + pad
    img = Image.new("RGB", (w, h), "#e9ecf1")
    draw = ImageDraw.Draw(img)
    y = pad
    for caption, tiles in rows:
        draw.text((pad, y), caption, fill="#222")
        x = pad
        for t in tiles:
            img.paste(t, (x, y + label))
            x += t.size[0] + 4
        y += label + max(t.size[1] for t in tiles) + pad
    img.save(path)
    print(f"wrote {path} ({img.size[0]}x{img.size[1]})")

rows = []
for s in sizes:
    tiles = [Image.open(f"{tmp}/{t}-{s}-{v}.png").convert("RGB") for t in themes for v in ("portfolio", "resume")]
    rows.append((f"{s}: " + "   ".join(f"{t} portfolio, resume" for t in themes), tiles))
sheet(rows, out)
if pages == "--pages":
    rows = []
    for s in sizes:
        for t in themes:
            files = sorted(glob.glob(f"{tmp}/{t}-{s}-page-*.png"))
            rows.append((f"{t}, {s}: every page of the portfolio", [Image.open(f).convert("RGB") for f in files]))
    sheet(rows, out.replace(".png", "-pages.png"))
PY
