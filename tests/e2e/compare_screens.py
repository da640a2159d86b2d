"""Compare two folders of `make screenshots`: which pages look exactly the same, which differ
(with both sizes, so a page that grew or shrank stands out) and which are in one folder only.

    python -m tests.e2e.compare_screens screenshots-before screenshots

A difference is a place to look, not a fault: a clock or a "3 minutes ago" changes by itself."""

from __future__ import annotations

import argparse
import struct
from pathlib import Path


def png_size(path: Path) -> tuple[int, int]:
    """A PNG's width and height, from its header."""
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def compare(before: Path, after: Path) -> list[str]:
    """One line per screenshot: same, differs (sizes) or only before / only after."""
    names = sorted({p.name for p in before.glob("*.png")} | {p.name for p in after.glob("*.png")})
    lines = []
    for name in names:
        old, new = before / name, after / name
        if not new.exists():
            lines.append(f"only before  {name}")
        elif not old.exists():
            lines.append(f"only after   {name}")
        elif old.read_bytes() == new.read_bytes():
            lines.append(f"same         {name}")
        else:
            (w0, h0), (w1, h1) = png_size(old), png_size(new)
            lines.append(f"differs      {name}  {w0}×{h0} → {w1}×{h1}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    lines = compare(args.before, args.after)
    print(*lines, sep="\n")
    same = sum(line.startswith("same") for line in lines)
    print(f"\n{same} of {len(lines)} the same")


if __name__ == "__main__":
    main()
