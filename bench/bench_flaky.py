"""Flaky network: 10,000 notes through a proxy that loses answers, drops connections and
cuts answers, from phones that retry exactly as the phone page's outbox does.

Run: `uv run python bench/bench_flaky.py [--notes 10000] [--phones 100] [--seed 1]
[--scale 0.01]`. The server (engine + ParticipantServer) runs in this process on a fresh
copy of a template workshop, with generous rate limits (see tests/flaky_support.py for
why); tests/flaky_proxy.py stands in front of it and, per connection, drops ~5% before
forwarding, forwards but throws away ~30% of the answers, cuts ~5% part-way, and hangs
up on ~5% within 10 ms of forwarding, often while the server is still at work. The
phones' backoff is notes.js's (1 s doubling, capped at 30 s, times 0.5-1.0 jitter),
multiplied by SCALE. Afterwards the SQLite file is read directly: every note must have
been acknowledged and be stored exactly once, as acknowledged.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator import templates  # noqa: E402
from tests.flaky_support import run  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=0.01,
                        help="multiplies the page's retry delays (1 s base, 30 s cap)")
    parser.add_argument("--give-up", type=float, default=600.0,
                        help="seconds after which notes still unacknowledged count as lost")
    parser.add_argument("--drop-connection", type=float, default=0.05)
    parser.add_argument("--drop-response", type=float, default=0.30)
    parser.add_argument("--cut-response", type=float, default=0.05)
    parser.add_argument("--hang-up", type=float, default=0.05,
                        help="forward, then close both sides within 10 ms")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-flaky-") as tmp:
        path = Path(tmp) / "flaky.workshop"
        templates.create(path)
        outcome = run(path, notes=args.notes, phones=args.phones, seed=args.seed,
                      scale=args.scale, drop_connection=args.drop_connection,
                      drop_response=args.drop_response, cut_response=args.cut_response,
                      hang_up=args.hang_up, give_up_s=args.give_up)
    c, p = outcome.counts, outcome.proxy
    print(f"{outcome.phones} phones, seed {args.seed}, retry delays x{args.scale}; proxy: "
          f"{args.drop_connection:.0%} connections dropped, {args.drop_response:.0%} "
          f"answers dropped, {args.cut_response:.0%} answers cut, {args.hang_up:.0%} "
          "hung up on both sides within 10 ms of forwarding")
    print(f"joins: {c.join_requests} requests for {outcome.phones} phones (the proxy's "
          "figures below count them too); "
          f"429/503 answers: {c.rate_limited}; answers that did not arrive: {c.no_answer}")
    print()
    print("| notes | requests sent | responses dropped | responses cut | hung up "
          "| connections dropped | retries | duplicates | lost | acknowledged as stored "
          "| wall time |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {outcome.notes:,} | {c.requests:,} | {p.responses_dropped:,} "
          f"| {p.responses_cut:,} | {p.hung_up:,} | {p.connections_dropped:,} | {c.retries:,} "
          f"| {outcome.duplicates} | {outcome.lost} "
          f"| {outcome.acknowledged - outcome.mismatched:,} | {outcome.wall_s:.1f} s |")
    if outcome.problems:
        print("PROBLEMS:", *outcome.problems, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
