#!/usr/bin/env python3
"""Checks that a screenshot is a PNG of the expected size and not blank.

usage: check-png.py FILE WIDTH HEIGHT

Blank: a single colour, or almost nothing but the background. The top 900 rows
(title, legend, the latency charts) must hold at least 16 colours and 2% of pixels
unlike the most common one.
"""
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import png  # noqa: E402


def main():
    path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        print(f"check-png: {path}: no screenshot", file=sys.stderr)
        return 1
    pw, ph, chans, rows = png.read(path, max_rows=900)
    if (pw, ph) != (w, h):
        print(f"check-png: {path}: {pw}x{ph}, expected {w}x{h}", file=sys.stderr)
        return 1
    counts = {}
    for r in rows:
        for i in range(0, len(r), chans * 2):  # every other pixel is plenty
            px = r[i : i + chans]
            counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values())
    common = max(counts.values())
    other = 1 - common / total
    print(
        f"check-png: {path}: {pw}x{ph}, {len(counts)} colours in the top {len(rows)} rows, "
        f"{100 * other:.1f}% unlike the background, {os.path.getsize(path)} bytes"
    )
    if len(counts) < 16 or other < 0.02:
        print(f"check-png: {path}: looks blank", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
