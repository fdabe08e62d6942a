#!/usr/bin/env python3
"""Checks a gibtrace HTML report (analyze/html.c), as written or as a browser's DOM.

usage: check-html.py FILE [--compare] [--dom]
  --compare  a report of several columns: the Pareto chart and the intervals too
  --dom      FILE is Chromium's --dump-dom: also no data-js-error on <html>

Every chart's <svg class="chart"> must be there with at least a few drawn elements
(path, rect, circle, line, polyline) per column; the file must load nothing from
elsewhere (no src/href to another file or host, no @import, no url()).
"""
import re
import sys
from html.parser import HTMLParser

DRAWN = {"path", "rect", "circle", "line", "polyline"}


class Report(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.charts = {}  # id -> {tag: count}
        self.classes = {}  # id -> {class: count}
        self.stack = []  # open chart ids, nesting
        self.depth = 0
        self.external = []
        self.js_error = None
        self.th = 0
        self.in_fig = False
        self.scripts = 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html" and "data-js-error" in a:
            self.js_error = a["data-js-error"]
        if tag == "script":
            self.scripts += 1
            if "src" in a:
                self.external.append(f"<script src={a['src']}>")
        if tag in ("link", "iframe", "img", "object", "embed"):
            self.external.append(f"<{tag}>")
        for k in ("src", "href"):
            if k in a and a[k] and not a[k].startswith("#"):
                self.external.append(f"{k}={a[k]}")
        if tag == "table" and a.get("id") == "figures":
            self.in_fig = True
        if tag == "th" and self.in_fig:
            self.th += 1
        if tag == "svg" and "chart" in (a.get("class") or "").split():
            cid = a.get("id") or f"svg{len(self.charts)}"
            self.charts[cid] = {}
            self.classes[cid] = {}
            self.stack.append(cid)
            return
        if self.stack and tag in DRAWN:
            c = self.charts[self.stack[-1]]
            c[tag] = c.get(tag, 0) + 1
            for cl in (a.get("class") or "").split():
                k = self.classes[self.stack[-1]]
                k[cl] = k.get(cl, 0) + 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "svg" and self.stack:
            self.stack.pop()
        if tag == "table":
            self.in_fig = False

    def handle_data(self, data):
        self.text.append(data)


def main():
    args = sys.argv[1:]
    path = args[0]
    compare = "--compare" in args
    dom = "--dom" in args
    with open(path, encoding="utf-8") as f:
        src = f.read()
    p = Report()
    p.feed(src)
    p.close()
    errors = []
    ncols = p.th - 1  # "figure" and one per column
    if ncols < 1:
        errors.append("no figures table (table#figures)")
        ncols = 1
    if compare and ncols < 2:
        errors.append(f"a comparison with {ncols} column(s)")
    want = {
        "chart-cdf": ("path", ncols),
        "chart-tail": ("path", ncols),
        "chart-cost": ("rect", 5 * ncols),
        "chart-timeline": (None, 20),
    }
    if compare:
        want["chart-pareto"] = ("circle", ncols)
    for cid, (tag, least) in want.items():
        if cid not in p.charts:
            errors.append(f"chart {cid}: no <svg class=chart id={cid}>")
            continue
        counts = p.charts[cid]
        total = sum(counts.values())
        n = total if tag is None else counts.get(tag, 0)
        if n < least or total < 10:
            errors.append(
                f"chart {cid}: {n} <{tag or 'drawn'}> of at least {least} ({counts})"
            )
        print(f"check-html: {cid}: {total} drawn elements {counts}")
    if p.classes.get("chart-cdf", {}).get("curve", 0) < ncols:
        errors.append("chart-cdf: fewer curves than columns")
    if p.external:
        errors.append(f"loads from elsewhere: {p.external[:5]}")
    if re.search(r"@import|url\(", src):
        errors.append("CSS loads from elsewhere (@import or url())")
    if p.scripts > 1:
        errors.append(f"{p.scripts} scripts (only the error catcher is expected)")
    if dom and p.js_error is not None:
        errors.append(f"script error in the page: {p.js_error}")
    text = " ".join(p.text)
    for needle in ("Provenance", "origin", "created", "provenance", "Timeline"):
        if needle not in text:
            errors.append(f"no '{needle}' in the text")
    if compare and "inside the noise" not in text:
        errors.append("no 'inside the noise' legend for the intervals")
    if compare and not re.search(r"\[[-+][0-9.]+[kM]?, [-+][0-9.]+[kM]?\]", text):
        errors.append("no bootstrap interval in the table")
    for e in errors:
        print(f"check-html: {path}: {e}", file=sys.stderr)
    if errors:
        return 1
    print(f"check-html: {path}: ok, {ncols} column(s), {len(p.charts)} charts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
