"""Compile a .typ file with typst-py (the Typst compiler as a Python module), the
way scripts/bench-typst.sh times it: python3 scripts/typst/compile.py IN.typ OUT.pdf FONTS"""
import sys

import typst

typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)
