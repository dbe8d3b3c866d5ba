"""How long the Word report takes, and how much memory, for a big day: 2,000 notes over
8 groups and 4 rounds, clustered and voted on (built from the sample notes).

Run: `uv run python bench/bench_report.py [--notes 2000] [--repeat 3]`. Target: the
report in under 2 s and under 200 MB. Peak memory is the process's peak resident set
(ru_maxrss), because lxml allocates outside Python's tracemalloc; the figure includes
Python, python-docx and Qt themselves, so it is an upper bound for the report.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from facilitator.report import ReportOptions, render  # noqa: E402  (after the platform)
from facilitator.report.sample import sample_snapshot  # noqa: E402


def _rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    snapshot = sample_snapshot(total_notes=args.notes)
    print(
        f"snapshot: {len(snapshot.notes)} notes, {len(snapshot.groups)} groups, "
        f"{len(snapshot.rounds)} rounds, {len(snapshot.clusters)} clusters, "
        f"{len(snapshot.votes)} votes"
    )
    options = ReportOptions(base_url="http://192.168.1.20:8321")
    render(snapshot, "cards", options)  # warm up: Qt start, fonts, reference document
    before = _rss_mb()
    for fmt in ("docx", "csv", "json", "cards"):
        times = []
        size = 0
        for _ in range(args.repeat if fmt == "docx" else 1):
            start = time.perf_counter()
            size = len(render(snapshot, fmt, options))
            times.append(time.perf_counter() - start)
        print(f"{fmt:5s}: best {min(times):.2f} s, worst {max(times):.2f} s, {size / 1e6:.2f} MB")
    peak = _rss_mb()
    print(f"peak RSS {peak:.0f} MB (before the exports, after warm-up: {before:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
