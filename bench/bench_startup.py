"""Start-up time: from launching the process to the main window shown, on the demo
workshop (offscreen platform; 5 cold runs, each in a fresh data folder).

    uv run python bench/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import sys, time
from PySide6.QtCore import QTimer
from facilitator import app
application = app.ensure_application([])
host = app.Host(port=0)
session = host.open(app.default_workshop())
session.window.show()
def shown():
    print(time.time(), flush=True)
    host.close()
    application.quit()
QTimer.singleShot(0, shown)
application.exec()
"""


def one_run(first_start: bool) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as data:
        env["FACILITATOR_DATA_DIR"] = data
        env["XDG_CONFIG_HOME"] = data  # QSettings too: a fresh user, not this one
        if not first_start:  # the demo exists already: an ordinary start
            subprocess.run([sys.executable, "-c", CHILD], env=env, check=True,
                           capture_output=True)
        started = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD], env=env, check=True,
                             capture_output=True, text=True).stdout
        return float(out.strip().splitlines()[-1]) - started


def main() -> None:
    for first in (True, False):
        times = [one_run(first) for _ in range(5)]
        label = "first start (creates the demo)" if first else "later start"
        print(f"{label}: median {statistics.median(times) * 1000:.0f} ms, "
              f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
