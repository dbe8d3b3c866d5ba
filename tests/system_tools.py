"""What the suite needs from the machine, provided or refused loudly: a test never
skips because a tool is missing, so `uv run pytest` on a fresh clone either runs every
test or says what to install (`.ci/run` installs all of it on Debian).

Browser tests are marked `browser`; `uv run pytest -m "not browser"` is the inner loop
that needs neither Chromium nor npm.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

A11Y = Path(__file__).resolve().parent / "a11y"
AXE = A11Y / "node_modules" / "axe-core" / "axe.min.js"


def require_tool(name: str, apt_package: str, *, browser: bool = False) -> str:
    path = shutil.which(name)
    if path is None:
        hint = ' (or leave the browser tests out: uv run pytest -m "not browser")'
        pytest.fail(f"{name} is not installed: sudo apt-get install {apt_package}"
                    f"{hint if browser else ''}; .ci/run installs it", pytrace=False)
    return path


def provide_axe() -> Path:
    """axe-core, pinned in tests/a11y/package-lock.json: installed once with `npm ci`
    when missing (the first run on a fresh clone), else a loud failure saying why."""
    if AXE.exists():
        return AXE
    npm = require_tool("npm", "npm", browser=True)
    done = subprocess.run([npm, "ci", "--prefix", str(A11Y), "--no-audit", "--no-fund"],
                          capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0 or not AXE.exists():
        pytest.fail("npm ci --prefix tests/a11y failed, so the accessibility test cannot"
                    f" run:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}", pytrace=False)
    return AXE
