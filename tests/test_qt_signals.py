"""PySide6 6.12.0 on Python 3.11 aborts the whole process (bool_dealloc) after a few
hundred Signal.emit() calls, because each emit drops a reference to True. The GUI emits
far more than that in a day, so this runs 20,000 emits of both kinds in a child process
(an abort would otherwise take the test run down with it) and expects it to survive."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

_CHILD = textwrap.dedent(
    """
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Emitter(QObject):
        batch = Signal(object)
        flag = Signal(bool)

    app = QCoreApplication([])
    emitter = Emitter()
    seen = [0, 0]
    emitter.batch.connect(lambda events: seen.__setitem__(0, seen[0] + len(events)))
    emitter.flag.connect(lambda on: seen.__setitem__(1, seen[1] + (1 if on else 0)))
    for i in range(20_000):
        emitter.batch.emit((i,))
        emitter.flag.emit(True)
        emitter.flag.emit(False)
    print(seen[0], seen[1])
    """
)


def test_twenty_thousand_emits_do_not_abort_the_process() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=120, env=env
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.split() == ["20000", "20000"]


def test_engine_bridge_survives_twenty_thousand_batches(qtbot, engine) -> None:
    """The bridge's own signals, in this process: every batch arrives, none is lost."""
    from facilitator.engine import PhaseChanged
    from facilitator.ui.bridge import EngineBridge

    bridge = EngineBridge(engine)
    received = []
    bridge.changed.connect(received.extend)
    try:
        for i in range(20_000):
            bridge._on_engine_events((PhaseChanged(i, 0, "collect"),))
            if i % 1000 == 0:
                qtbot.wait(1)
        qtbot.waitUntil(lambda: len(received) == 20_000, timeout=10_000)
    finally:
        bridge.close()
    assert [e.round_id for e in received] == list(range(20_000))
