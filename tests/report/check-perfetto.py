#!/usr/bin/env python3
"""Checks the trace-event JSON of gibtrace export --perfetto (analyze/perfetto.c).

usage: check-perfetto.py OUT.json REPORT.json
  REPORT.json: gibtrace report --json of the same trace

- a traceEvents array; every event has ph, ts, pid and tid; ts a number >= 0
- complete slices (X) have dur >= 0, and the X slices of one track (pid, tid) do not
  overlap
- every flow start (s) has one finish (f) with the same id, name and category, and
  the other way round; the post->deliver flows number the delivered posts of
  gibtrace report --json
- the vocabulary is there: SIE slices, halt (poll) or halt (sleep), GAL irq, IPM and
  IAM counters, posts, kicks
"""
import json
import sys
from collections import defaultdict


def main():
    out, rep = sys.argv[1], sys.argv[2]
    with open(out) as f:
        doc = json.load(f)
    with open(rep) as f:
        report = json.load(f)
    errors = []

    def err(msg):
        if len(errors) < 20:
            errors.append(msg)

    ev = doc.get("traceEvents") if isinstance(doc, dict) else None
    if not isinstance(ev, list) or not ev:
        print(f"check-perfetto: {out}: no traceEvents array", file=sys.stderr)
        return 1
    slices = defaultdict(list)
    starts, finishes = {}, {}
    names = defaultdict(int)
    counters = set()
    for i, e in enumerate(ev):
        for k in ("ph", "ts", "pid", "tid"):
            if k not in e:
                err(f"event {i} has no {k}: {e}")
        ph = e.get("ph")
        ts = e.get("ts")
        if not isinstance(ts, (int, float)) or ts < 0:
            err(f"event {i}: ts {ts!r}")
            continue
        names[(ph, e.get("name"))] += 1
        if ph == "X":
            dur = e.get("dur")
            if not isinstance(dur, (int, float)) or dur < 0:
                err(f"event {i}: X slice with dur {dur!r}")
                continue
            slices[(e["pid"], e["tid"])].append((ts, dur, e.get("name"), i))
        elif ph in ("s", "f"):
            key = e.get("id")
            if key is None:
                err(f"event {i}: flow without id")
                continue
            side = starts if ph == "s" else finishes
            if key in side:
                err(f"event {i}: second flow {ph} with id {key}")
            side[key] = (e.get("name"), e.get("cat"), ts, i)
            if ph == "f" and e.get("bp") != "e":
                err(f"event {i}: flow finish not bound to its enclosing slice (bp)")
        elif ph == "C":
            args = e.get("args")
            if not isinstance(args, dict) or not args or not all(
                isinstance(v, (int, float)) for v in args.values()
            ):
                err(f"event {i}: counter without numeric args: {e}")
            counters.add(e.get("name"))
        elif ph not in ("M", "i"):
            err(f"event {i}: unexpected phase {ph!r}")
    for key, (name, cat, ts, i) in starts.items():
        g = finishes.get(key)
        if g is None:
            err(f"flow start {key} ({name}, event {i}) has no finish")
        elif (g[0], g[1]) != (name, cat):
            err(f"flow {key}: start {name}/{cat}, finish {g[0]}/{g[1]}")
        elif g[2] < ts:
            err(f"flow {key} ({name}) finishes at {g[2]} before it starts at {ts}")
    for key, (name, _, _, i) in finishes.items():
        if key not in starts:
            err(f"flow finish {key} ({name}, event {i}) has no start")
    overlaps = 0
    for track, s in slices.items():
        s.sort()
        for a, b in zip(s, s[1:]):
            if b[0] < a[0] + a[1] - 1e-6:
                overlaps += 1
                err(f"track {track}: {a[2]} at {a[0]}+{a[1]} overlaps {b[2]} at {b[0]}")
    post_flows = sum(1 for (n, _, _, _) in starts.values() if n == "post->deliver")
    alert_flows = sum(1 for (n, _, _, _) in starts.values() if n == "alert->kick")
    delivered = report["totals"]["delivered"]
    if post_flows != delivered:
        err(f"{post_flows} post->deliver flows, but report --json says {delivered} delivered")
    for want in [("X", "SIE"), ("X", "GAL irq"), ("i", "kick (kicker)")]:
        if not names.get(want) and not (want[1].startswith("kick") and
                                        any(n and n.startswith("kick") for (p, n) in names)):
            err(f"no {want[0]} event named {want[1]!r}")
    if not names.get(("X", "halt (poll)")) and not names.get(("X", "halt (sleep)")):
        err("no halt (poll) or halt (sleep) slice")
    if not any(p == "i" and n and n.startswith("post isc") for (p, n) in names):
        err("no post instants")
    for c in ("IPM", "IAM"):
        if c not in counters:
            err(f"no {c} counter")
    if report["totals"]["alerts"] and not alert_flows:
        err("alerts but no alert->kick flow")
    for e in errors:
        print(f"check-perfetto: {out}: {e}", file=sys.stderr)
    nx = sum(len(s) for s in slices.values())
    print(
        f"check-perfetto: {out}: {len(ev)} events, {nx} X slices on {len(slices)} tracks, "
        f"{post_flows} post->deliver flows (= {delivered} delivered), {alert_flows} "
        f"alert->kick flows, counters {sorted(counters)}: {'FAILED' if errors else 'ok'}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
