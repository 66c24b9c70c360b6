#!/usr/bin/env bash
# A contact sheet of every theme: the first page of the portfolio and the résumé
# of the fictional example in classic, modern and compact, side by side.
# Usage: scripts/contact-sheet.sh [OUT.png] [PAGE_SIZE]   (default: contact-sheet.png, a4)
# Needs pdftoppm (poppler-utils) and Python's Pillow (pip install pillow).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-contact-sheet.png}
size=${2:-a4}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp content/examples/ada-photo.png "$tmp/"
for theme in classic modern compact; do
  # the example with only the theme and page size chosen (its margin and size overrides left out)
  sed -e "s/^theme = .*/theme = \"$theme\"/" -e "s/^page_size = .*/page_size = \"$size\"/" \
      -e '/^margins = /d' -e '/^font_size = /d' -e '/^accent = /d' \
      content/examples/ada-example.toml > "$tmp/$theme.toml"
  target/release/folio build "$tmp/$theme.toml" --resume --out-dir "$tmp/$theme" >/dev/null
  for variant in portfolio resume; do
    pdftoppm -png -r 45 -f 1 -l 1 -singlefile "$tmp/$theme/$variant.pdf" "$tmp/$theme-$variant"
  done
done
python3 - "$tmp" "$out" <<'PY'
import sys
from PIL import Image, ImageDraw
tmp, out = sys.argv[1], sys.argv[2]
themes = ["classic", "modern", "compact"]
tiles = [[Image.open(f"{tmp}/{t}-{v}.png").convert("RGB") for v in ("portfolio", "resume")] for t in themes]
w, h = tiles[0][0].size
pad, label = 16, 22
sheet = Image.new("RGB", (pad + len(themes) * (2 * w + pad) + pad, label + h + 2 * pad), "#e9ecf1")
draw = ImageDraw.Draw(sheet)
for i, (t, (p, r)) in enumerate(zip(themes, tiles)):
    x = pad + i * (2 * w + pad)
    draw.text((x, pad // 2), f"{t}: portfolio and resume", fill="#222")
    sheet.paste(p, (x, label + pad))
    sheet.paste(r, (x + w + 4, label + pad))
sheet.save(out)
print(f"wrote {out} ({sheet.size[0]}x{sheet.size[1]})")
PY
