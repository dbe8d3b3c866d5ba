"""The window process's memory as notes arrive (issue 17): RSS at each wall size, and
which source lines hold the Python memory that grows.

    QT_QPA_PLATFORM=offscreen uv run python bench/bench_memory.py --notes 2000,20000,200000
    QT_QPA_PLATFORM=offscreen uv run python bench/bench_memory.py --spread [--visit] ...

The whole app as on the day (`app.build`: engine, participant server, window with the
wall of table 1 shown), notes added through the engine in chunks of 1,000 as phones
would, the GUI thread draining the bridge between chunks: all to table 1 (the wall in
view), or with `--spread` round-robin over the eight tables as on the day. At each size the RSS
(VmRSS) is read after a full garbage collection; with `--trace`, tracemalloc's top lines
by size at the end (tracemalloc itself costs memory and time: RSS figures of a `--trace`
run are not comparable).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_load import make_workshop  # noqa: E402

from facilitator.domain.model import Phase  # noqa: E402
from facilitator.engine import AddNote, SetActiveRound, SetPhase  # noqa: E402
from facilitator.store import Store  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", default="2000,20000,200000")
    parser.add_argument("--trace", action="store_true")
    parser.add_argument(
        "--visit",
        action="store_true",
        help="show every table once before the notes come, as a facilitator looking round",
    )
    parser.add_argument(
        "--spread", action="store_true", help="notes over all eight tables, not all on table 1"
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from facilitator import app

    sizes = [int(n) for n in args.notes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = folder  # the window's settings stay in here
        path = Path(folder) / "memory.workshop"
        make_workshop(path, 8)
        application = app.ensure_application([])
        session = app.build(path, host="127.0.0.1", port=0)
        reader = Store.open(path, readonly=True)
        round_id = reader.rounds()[0].id
        group_ids = [g.id for g in reader.groups()]
        reader.close()
        session.engine.execute(SetActiveRound(round_id))
        session.engine.execute(SetPhase(round_id, Phase.COLLECT))
        session.window.resize(1600, 900)
        session.window.show()
        for _ in range(20):
            application.processEvents()
        if args.visit:  # each table's wall shown once, then table 1 again
            for group_id in [*group_ids[1:], group_ids[0]]:
                session.window.groups.select_group(group_id)
                for _ in range(5):
                    application.processEvents()
        app.settle_memory()
        gc.collect()
        scene = session.window.wall.wall_scene
        rows = [{"notes": 0, "rss_mb": rss_mb(), "scene_items": len(scene.items())}]
        if args.trace:
            tracemalloc.start(1)
        added = 0
        started = time.perf_counter()
        for size in sizes:
            while added < size:
                chunk = min(1000, size - added)
                futures = [
                    session.engine.submit(
                        AddNote(
                            group_ids[(added + i) % len(group_ids) if args.spread else 0],
                            f"notitie {added + i} over het netwerk van bibliotheken",
                        )
                    )
                    for i in range(chunk)
                ]
                for future in futures:
                    future.result()
                added += chunk
                QCoreApplication.processEvents()
                QCoreApplication.processEvents()
            for _ in range(10):
                application.processEvents()
            gc.collect()
            rows.append(
                {
                    "notes": size,
                    "rss_mb": rss_mb(),
                    "scene_items": len(scene.items()),
                    "elapsed_s": round(time.perf_counter() - started, 1),
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        # Leave the wall: the facilitator picks table 2 (empty, or an eighth with --spread).
        session.window.groups.select_group(group_ids[1])
        for _ in range(10):
            application.processEvents()
        gc.collect()
        rows.append(
            {
                "notes": added,
                "rss_mb": rss_mb(),
                "scene_items": len(scene.items()),
                "switched": True,
            }
        )
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        if args.trace:
            snapshot = tracemalloc.take_snapshot()
            print("\ntop Python allocations by line:")
            for stat in snapshot.statistics("lineno")[:15]:
                print(f"  {stat.size / 1e6:7.1f} MB  {stat.count:8d} blocks  {stat.traceback}")
        session.close()
    where = ("over 8 tables" if args.spread else "on table 1") + (
        ", every table shown once first" if args.visit else ""
    )
    print(f"\n| notes {where} | RSS (MB) | per note since the start (KB) | scene items |")
    print("|---|---|---|---|")
    base = rows[0]["rss_mb"]
    for row in rows:
        per = (row["rss_mb"] - base) * 1024 / row["notes"] if row["notes"] else 0.0
        notes = f"{row['notes']:,}" + (", table 2 shown" if row.get("switched") else "")
        print(f"| {notes} | {row['rss_mb']:.0f} | {per:.2f} | {row['scene_items']:,} |")


if __name__ == "__main__":
    main()
