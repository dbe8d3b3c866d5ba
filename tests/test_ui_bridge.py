"""The engine-to-GUI bridge under a flood: the GUI thread gets the committed batches in
order, every one of them, never a commit split in two, and in slices of at most
DRAIN_EVENTS events, so a timer or a key press waiting on the GUI thread runs between
slices instead of after the whole flood (the window's 10 ms timer was a second late at
2,000 notes/s, docs/PERFORMANCE.md)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QTimer

from facilitator.ui.bridge import DRAIN_EVENTS, EngineBridge


class FloodingEngine:
    """The part of Engine the bridge uses: subscribe, and commits from another thread."""

    def __init__(self) -> None:
        self.listeners: list[Callable[[Sequence[Any]], None]] = []

    def subscribe(self, listener: Callable[[Sequence[Any]], None]) -> None:
        self.listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Sequence[Any]], None]) -> None:
        self.listeners.remove(listener)

    def commit(self, events: Sequence[Any]) -> None:
        for listener in self.listeners:
            listener(events)


def test_a_flood_reaches_the_gui_in_order_in_bounded_slices_of_whole_commits(
    qtbot,
) -> None:
    engine = FloodingEngine()
    bridge = EngineBridge(engine)  # type: ignore[arg-type]
    slices: list[tuple[Any, ...]] = []
    timer_fired_between: list[int] = []
    bridge.changed.connect(slices.append)
    commits = 1000  # three events each, as a note with its counts

    def flood() -> None:
        for i in range(commits):
            engine.commit([(i, "a"), (i, "b"), (i, "c")])

    writer = threading.Thread(target=flood)
    writer.start()
    writer.join()  # everything is pending before the GUI thread drains once
    QTimer.singleShot(0, lambda: timer_fired_between.append(len(slices)))
    qtbot.waitUntil(lambda: sum(len(s) for s in slices) == 3 * commits, timeout=5000)

    events = [event for part in slices for event in part]
    assert events == [(i, kind) for i in range(commits) for kind in "abc"]
    assert all(len(part) % 3 == 0 for part in slices)  # no commit split in two
    assert max(len(part) for part in slices) < DRAIN_EVENTS + 3
    # The timer posted after the flood ran before the flood was all through.
    assert timer_fired_between and timer_fired_between[0] < len(slices)
    bridge.close()
