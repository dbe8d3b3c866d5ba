"""A running timer keeps its remaining time when the laptop's wall clock is set: phones
showed -3000 s or 4200 s left after a jump of an hour."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from facilitator.engine import Engine, StartTimer
from facilitator.server.views import timer_json
from facilitator.store import Store


@pytest.mark.parametrize("jump", [3600.0, -3600.0])
def test_wall_clock_jump_does_not_move_the_timer(
    engine: Engine, workshop_path: Path, monkeypatch: pytest.MonkeyPatch, jump: float
) -> None:
    engine.execute(StartTimer(1))
    store = Store.open(workshop_path, readonly=True)
    try:
        round_ = store.round(1)
        assert round_ is not None
        before = timer_json(round_)
        left = before["ends_at"] - before["now"]
        assert round_.duration_s - 5 < left <= round_.duration_s
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + jump)  # NTP, or a hand
        engine.execute(StartTimer(1))  # the engine keeps running under the new clock
        after = timer_json(store.round(1))  # type: ignore[arg-type]
        assert after["ends_at"] == before["ends_at"]
        assert left - 5 < after["ends_at"] - after["now"] <= left
    finally:
        store.close()
