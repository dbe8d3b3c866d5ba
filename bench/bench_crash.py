"""Crash reliability: SIGKILL `facilitator serve` at random moments while phones post.

Run: `uv run python bench/bench_crash.py [--trials 50] [--phones 40] [--seed 1]
[--max-kill 0.7]`. Each trial starts the server on a fresh copy of a template workshop,
lets PHONES phones (threads, each from its own loopback address) post notes one after
another as the phone page's outbox does, kills the process with SIGKILL after a random
delay (seeded, printed), and checks the file: PRAGMA integrity_check, every note
answered 200/201 is there, no client_note_id twice. It then restarts the server on the
same file, resends the notes still in the outboxes (same ids), posts a new note, stops
the server with SIGTERM and checks again: every note exactly once.

The trial itself lives in tests/crash_support.py, shared with tests/test_crash.py.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator import templates  # noqa: E402
from tests.crash_support import Trial, run_trial  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=50)
    # 40 phones: each may send 40 notes at once (the per-participant burst), then 2/s;
    # 1,600 notes keep the writer busy for ~0.7 s here (then 2/s per phone), the window
    # the kill falls in by default; a kill after that finds the phones waiting (Retry-After).
    parser.add_argument("--phones", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1, help="seeds the trials' seeds")
    parser.add_argument("--max-kill", type=float, default=0.7,
                        help="kill at a moment between 0 and this many seconds of load")
    args = parser.parse_args()
    seeds = random.Random(args.seed).sample(range(1_000_000), args.trials)
    trials: list[Trial] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as tmp:
        pristine = Path(tmp) / "pristine.workshop"
        templates.create(pristine)
        for i, seed in enumerate(seeds, 1):
            path = Path(tmp) / f"trial-{i:03d}.workshop"
            shutil.copyfile(pristine, path)
            trial = run_trial(path, seed, phones=args.phones, max_kill_s=args.max_kill)
            trials.append(trial)
            print(f"trial {i:3d}  seed {seed:6d}  kill at {trial.kill_after_s:5.3f} s  "
                  f"acknowledged {trial.acknowledged:4d}  in flight {trial.in_flight:2d}  "
                  f"resent {trial.resent:2d} (already stored: {trial.resent_found_stored:2d})  "
                  f"restart {trial.restart_s * 1000:4.0f} ms  "
                  f"{'OK' if not trial.problems else 'PROBLEMS: ' + '; '.join(trial.problems)}",
                  flush=True)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    wall = time.monotonic() - started
    print()
    print(f"{args.phones} phones, kill between 0 and {args.max_kill} s of load, "
          f"seed {args.seed}, {wall:.0f} s in all")
    print()
    print("| trials | kills with requests in flight | notes acknowledged "
          "| requests in flight at the kill | resent after "
          "the restart | of those already stored | lost | duplicates | integrity failures "
          "| median restart |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(trials)} | {sum(1 for t in trials if t.in_flight)} "
          f"| {sum(t.acknowledged for t in trials):,} "
          f"| {sum(t.in_flight for t in trials):,} | {sum(t.resent for t in trials):,} "
          f"| {sum(t.resent_found_stored for t in trials):,} "
          f"| {sum(t.lost for t in trials)} | {sum(t.duplicates for t in trials)} "
          f"| {sum(t.integrity_failures for t in trials)} "
          f"| {statistics.median(t.restart_s for t in trials) * 1000:.0f} ms |")
    return 1 if any(t.problems for t in trials) else 0


if __name__ == "__main__":
    sys.exit(main())
