"""What /api/state costs as the wall grows, and what a phase change costs (issue 17).

    uv run python bench/bench_state.py --notes 40,40000 --phones 300

For each wall size: a fresh file with table 1 holding that many notes (added through the
engine), the real engine and participant server in this process, `--phones` phones
joined at table 1 (each from its own loopback address) and one at table 2. Then:

1. one phone reads /api/state 15 times in a row: median time and the answer's size;
2. table 1 goes to the vote phase and all its phones read /api/state at once, as the
   page does after a phase change: the time until the last answer, the bytes sent,
   and, meanwhile, how long table 2's phone waited for its note to be acknowledged.

The server shares this process (and its GIL) with the clients, so the times include the
clients' own work; compare before/after pairs taken the same way, not absolute figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_load import Http, address, make_workshop  # noqa: E402

from facilitator.domain.model import Phase  # noqa: E402
from facilitator.engine import AddNote, Engine, SetActiveRound, SetPhase  # noqa: E402
from facilitator.server import ParticipantServer  # noqa: E402
from facilitator.server.server import raise_open_files_limit  # noqa: E402
from facilitator.store import Store  # noqa: E402


async def _join(port: int, local: str, code: str) -> tuple[Http, str]:
    http = Http(port, local)
    status, payload = await http.request("POST", "/api/join", json.dumps({"code": code}).encode())
    assert status == 201, payload
    return http, json.loads(payload)["token"]


async def _measure(
    port: int, codes: list[str], phones: int, engine: Engine, round_id: int, group_id: int
) -> dict[str, Any]:
    members = [await _join(port, address(i), codes[0]) for i in range(phones)]
    other, other_token = await _join(port, "127.1.0.1", codes[1])
    first, token = members[0]
    times, size = [], 0
    for _ in range(15):  # under the per-phone read limit's burst of 20
        started = time.perf_counter()
        status, payload = await first.request("GET", "/api/state", token=token)
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, payload
        size = len(payload)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, engine.execute, SetPhase(round_id, Phase.VOTE, (group_id,)))
    started = time.perf_counter()

    async def read(http: Http, tok: str) -> int:
        status, payload = await http.request("GET", "/api/state", token=tok)
        assert status == 200, (status, payload[:200])
        return len(payload)

    async def other_note() -> float:
        await asyncio.sleep(0.05)  # once the refetch is under way
        sent = time.perf_counter()
        body = json.dumps({"client_note_id": "andere-tafel-01", "text": "intussen"}).encode()
        status, payload = await other.request("POST", "/api/notes", body, other_token)
        assert status == 201, payload
        return (time.perf_counter() - sent) * 1000

    results = await asyncio.gather(other_note(), *(read(h, t) for h, t in members))
    refetch_s = time.perf_counter() - started
    for http, _ in members:
        http.close()
    other.close()
    return {
        "state_ms": statistics.median(times),
        "state_bytes": size,
        "refetch_s": refetch_s,
        "refetch_mb": sum(results[1:]) / 1e6,
        "vote_state_bytes": results[1],
        "other_ack_ms": results[0],
    }


def one(notes: int, phones: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.workshop"
        make_workshop(path, 2)
        reader = Store.open(path, readonly=True)
        round_id = reader.rounds()[0].id
        groups = reader.groups()
        reader.close()
        with Engine(path) as engine:
            engine.execute(SetActiveRound(round_id))
            engine.execute(SetPhase(round_id, Phase.COLLECT))
            futures = [
                engine.submit(AddNote(groups[0].id, f"notitie {i} over het netwerk"))
                for i in range(notes)
            ]
            for future in futures:
                future.result()
            server = ParticipantServer(engine, path, host="127.0.0.1", port=0)
            port = server.start()
            try:
                result = asyncio.run(
                    _measure(port, [g.code for g in groups], phones, engine, round_id, groups[0].id)
                )
            finally:
                server.stop()
    return {"notes": notes, "phones": phones, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", default="40,40000")
    parser.add_argument("--phones", type=int, default=300)
    args = parser.parse_args()
    raise_open_files_limit(4 * args.phones + 256)
    rows = []
    for notes in (int(n) for n in args.notes.split(",")):
        row = one(notes, args.phones)
        print(json.dumps(row), file=sys.stderr, flush=True)
        rows.append(row)
    print(
        "| notes on the wall | /api/state median (ms) | its size (KB) | vote-phase refetch "
        f"by {args.phones} phones (s) | bytes sent (MB) | one vote-phase state (KB) | "
        "other table's note ack meanwhile (ms) |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['notes']:,} | {r['state_ms']:.1f} | {r['state_bytes'] / 1e3:.0f} | "
            f"{r['refetch_s']:.2f} | {r['refetch_mb']:.1f} | "
            f"{r['vote_state_bytes'] / 1e3:.0f} | {r['other_ack_ms']:.0f} |"
        )


if __name__ == "__main__":
    main()
