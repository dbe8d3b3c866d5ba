"""Start-up of the built app: from launching dist/Facilitator/Facilitator to its main
window mapped on an X server, as a facilitator double-clicking it would wait.

    uv run python tools/build_app.py   # first
    uv run python bench/bench_bundle_start.py [--runs 5] [--folder dist/Facilitator]

Runs under its own Xvfb (Qt's xcb platform, as on a Linux desktop) and polls
`xwininfo -root -tree` for the window titled "Facilitator — ...". Each run gets a fresh
HOME, so every run is a first start (it creates the demo workshop). "cold": before the
run every file of the bundle is dropped from the page cache (posix_fadvise DONTNEED, so
other programs' cached files stay), as after a reboot; "warm": right after another run.
Needs Xvfb and xwininfo (x11-utils); Linux only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = ":87"


def evict(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def window_shown() -> bool:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"],
        env={"DISPLAY": DISPLAY, "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
    ).stdout
    return '"Facilitator —' in tree


def one_run(command: list[str], cold: bool, folder: Path) -> float:
    if cold:
        evict(folder)
    home = Path(tempfile.mkdtemp(prefix="facilitator-start-"))
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "DISPLAY": DISPLAY,
        "QT_QPA_PLATFORM": "xcb",
        "LANG": "C.UTF-8",
    }
    started = time.monotonic()
    process = subprocess.Popen(
        [*command, "--port", "0"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while not window_shown():
            if process.poll() is not None:
                raise SystemExit(f"exited {process.returncode}: {process.stderr.read()!r}")
            if time.monotonic() - started > 120:
                raise SystemExit("no window within 120 s")
            time.sleep(0.02)
        return time.monotonic() - started
    finally:
        # A SIGINT in the first instants, before the app installs its Ctrl+C handler, can
        # be swallowed inside a Qt callback: give the app a moment, and kill if need be.
        time.sleep(1.0)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=ROOT / "dist" / "Facilitator")
    args = parser.parse_args()
    xvfb = subprocess.Popen(
        ["Xvfb", DISPLAY, "-screen", "0", "1920x1080x24", "-noreset", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.0)
        bundle = [str(args.folder / "Facilitator")]
        checkout = [sys.executable, str(ROOT / "main.py")]
        for name, command, folder in (
            ("bundle", bundle, args.folder),
            ("checkout (uv's Python)", checkout, args.folder),
        ):
            for cold in (True, False):
                if cold and name != "bundle":
                    continue
                times = [one_run(command, cold, folder) for _ in range(args.runs)]
                print(
                    f"{name:24} {'cold' if cold else 'warm'}: median "
                    f"{statistics.median(times):.2f} s, min {min(times):.2f}, max "
                    f"{max(times):.2f} ({args.runs} runs)",
                    flush=True,
                )
    finally:
        xvfb.terminate()
        xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
