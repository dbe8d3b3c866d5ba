"""One /api/state answer, in-process (no HTTP), at 40 and 40,000 notes, collecting and
voting: the state handler's own work, for a before/after pair of checkouts (issue 17).

    uv run python bench/bench_state_answer.py [/path/to/a/checkout]

The checkout's `facilitator` is imported (so an older tree can be measured with this
script; by default this one); "first" includes building the group's shared part, "each"
is the mean of ten later answers with nothing changed.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parent.parent)
sys.path.insert(0, ROOT)
sys.path.insert(0, ROOT + "/bench")

from bench_load import make_workshop  # noqa: E402

import facilitator.server.views as views  # noqa: E402
from facilitator.domain.model import Phase  # noqa: E402
from facilitator.engine import AddNote, Engine, Join, SetActiveRound, SetPhase  # noqa: E402
from facilitator.store import Store  # noqa: E402


def answer_maker(store: Any, participant: Any) -> Callable[[], bytes]:
    """The tree's way of making one answer: spliced bytes (after) or dict + dumps (before)."""
    if hasattr(views, "state_body"):

        class Cache:
            view: Any = None

            def get(self, group_id: int, round_: Any, phase: Phase) -> Any:
                if self.view is None:
                    self.view = views.build_wall_view(store, round_, phase, group_id)
                return self.view

        cache = Cache()
        return lambda: views.state_body(store, participant, "x", cache)  # type: ignore[return-value]
    return lambda: json.dumps(
        views.state_json(store, participant, "x"), ensure_ascii=False, separators=(",", ":")
    ).encode()


def main() -> None:
    for notes in (40, 40_000):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "state.workshop"
            make_workshop(path, 2)
            reader = Store.open(path, readonly=True)
            round_id, group_id = reader.rounds()[0].id, reader.groups()[0].id
            reader.close()
            with Engine(path) as engine:
                engine.execute(SetActiveRound(round_id))
                engine.execute(SetPhase(round_id, Phase.COLLECT))
                futures = [
                    engine.submit(AddNote(group_id, f"notitie {i} over het netwerk"))
                    for i in range(notes)
                ]
                for future in futures:
                    future.result()
                participant = engine.execute(Join(group_id, "x", ""))
                store = Store.open(path, readonly=True)
                for phase in (Phase.COLLECT, Phase.VOTE):
                    engine.execute(SetPhase(round_id, phase, (group_id,)))
                    one = answer_maker(store, participant)
                    started = time.perf_counter()
                    one()
                    first = (time.perf_counter() - started) * 1000
                    started = time.perf_counter()
                    for _ in range(10):
                        body = one()
                    each = (time.perf_counter() - started) / 10 * 1000
                    print(
                        f"{Path(ROOT).name} notes={notes} {phase.value}: first {first:.1f} ms,"
                        f" each {each:.1f} ms, {len(body) / 1000:.0f} KB",
                        flush=True,
                    )
                store.close()


if __name__ == "__main__":
    main()
