"""The laptop side of bench_load.py: the real engine and participant server on a
workshop file, with or without the real main window. Started by bench_load.py.

    python bench/load_server.py FILE [--gui] [--write-rate R]

Prints one JSON line {"port", "codes"} when it listens. Then reads commands on stdin:
`reset` starts a new measuring window, `report` prints one JSON line with what was
measured since (with --gui: how late the GUI thread's 10 ms timer fired), end of input
stops it. CPU and RSS are read from /proc by bench_load.py, so this process measures
nothing else about itself.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path
from queue import Empty, SimpleQueue

from facilitator.domain.model import Phase
from facilitator.engine import Engine, SetActiveRound, SetPhase
from facilitator.server.limits import Limits
from facilitator.store import Store

TICK_MS = 10


def _activate(engine: Engine, path: Path) -> list[str]:
    """The first round active and collecting at every table; the tables' join codes."""
    reader = Store.open(path, readonly=True)
    try:
        first = reader.rounds()[0].id
        engine.execute(SetActiveRound(first))
        engine.execute(SetPhase(first, Phase.COLLECT))
        return [g.code for g in reader.groups()]
    finally:
        reader.close()


def _commands() -> SimpleQueue[str]:
    """stdin lines on a thread, so neither the GUI nor a plain wait blocks on them."""
    queue: SimpleQueue[str] = SimpleQueue()

    def read() -> None:
        for line in sys.stdin:
            queue.put(line.strip())
        queue.put("quit")

    threading.Thread(target=read, daemon=True).start()
    return queue


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def run_headless(path: Path, limits: Limits) -> None:
    from facilitator.server import ParticipantServer

    with Engine(path, backup_every_s=300) as engine:
        codes = _activate(engine, path)
        server = ParticipantServer(engine, path, host="127.0.0.1", port=0, limits=limits)
        port = server.start()
        print(json.dumps({"port": port, "codes": codes}), flush=True)
        commands = _commands()
        while (command := commands.get()) != "quit":
            if command == "report":
                print(json.dumps({"gui": None}), flush=True)
        server.stop()


def run_gui(path: Path, limits: Limits, screenshot: Path | None = None) -> None:
    """The whole app as on the day: window, wall, overview and server in one process,
    plus a 10 ms timer on the GUI thread whose lateness shows how responsive it stays."""
    from PySide6.QtCore import Qt, QTimer

    from facilitator import app

    application = app.ensure_application([])
    session = app.build(path, host="127.0.0.1", port=0, limits=limits)
    codes = _activate(session.engine, path)
    session.window.resize(1600, 900)
    session.window.show()
    app.settle_memory()  # as app.main does once the window is shown
    assert session.server is not None
    print(json.dumps({"port": session.server.port, "codes": codes}), flush=True)

    lateness: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        lateness.append(max(0.0, (now - last[0]) * 1000 - TICK_MS))
        last[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()

    commands = _commands()

    def poll() -> None:
        while True:
            try:
                command = commands.get_nowait()
            except Empty:
                return
            if command == "reset":
                lateness.clear()
            elif command == "report":
                if screenshot is not None:  # the window as it looks under this load
                    session.window.grab().save(str(screenshot))
                print(json.dumps({"gui": {
                    "ticks": len(lateness),
                    "late_p50_ms": _percentile(lateness, 50),
                    "late_p99_ms": _percentile(lateness, 99),
                    "late_max_ms": max(lateness, default=0.0),
                }}), flush=True)
            elif command == "quit":
                application.quit()

    poller = QTimer()
    poller.timeout.connect(poll)
    poller.start(100)
    application.exec()
    timer.stop()
    session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--gui", action="store_true", help="run the real main window too")
    parser.add_argument("--write-rate", type=float, default=Limits().write_rate,
                        help="steady notes/s one phone may post (default: the app's own)")
    parser.add_argument("--screenshot", type=Path,
                        help="with --gui: save the window to this PNG when asked to report")
    parser.add_argument("--fanout-share", type=float,
                        help="try another fanout.FANOUT_SHARE (the product's by default)")
    parser.add_argument("--max-hold-ms", type=float,
                        help="try another fanout.MAX_HOLD_S, in ms (the product's by default)")
    args = parser.parse_args()
    from facilitator.server import fanout

    if args.fanout_share is not None:
        fanout.FANOUT_SHARE = args.fanout_share
    if args.max_hold_ms is not None:
        fanout.MAX_HOLD_S = args.max_hold_ms / 1000
    limits = Limits(write_rate=args.write_rate,
                    write_burst=max(Limits().write_burst, int(args.write_rate * 20)))
    if args.gui:
        run_gui(args.file, limits, args.screenshot)
    else:
        run_headless(args.file, limits)


if __name__ == "__main__":
    main()
