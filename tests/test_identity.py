"""The app's name and version: one source (pyproject.toml), the same everywhere it shows."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import facilitator
from facilitator import identity
from facilitator.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _pyproject_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def test_the_version_is_pyprojects_and_the_fallback_agrees() -> None:
    assert identity.version() == _pyproject_version()
    # A bundle without dist-info falls back to __version__: it must not drift.
    assert facilitator.__version__ == _pyproject_version()


def test_without_metadata_the_fallback_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    monkeypatch.setattr(facilitator, "__version__", "9.9.9")
    assert identity.title() == "Facilitator 9.9.9"


def test_version_flag_prints_name_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"Facilitator {_pyproject_version()}"
    assert main(["-V"]) == 0
    assert capsys.readouterr().out.strip() == f"Facilitator {_pyproject_version()}"


def test_version_flag_does_not_load_qt() -> None:
    code = (
        "import sys; from facilitator.cli import main; main(['--version']); "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["Facilitator", _pyproject_version(), "False"]
