"""Shared fixtures. Tests never touch the user's real settings or data: the data and
config folders point into a temporary directory before anything imports Qt."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_SANDBOX = Path(tempfile.mkdtemp(prefix="facilitator-tests-"))
os.environ["FACILITATOR_DATA_DIR"] = str(_SANDBOX / "data")
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "xdg-data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "xdg-config")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from facilitator import templates  # noqa: E402  (after the environment is set)
from facilitator.engine import Engine  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    """One QApplication for the whole session, made before any test runs.

    The report rasterises charts with QtGui and would otherwise create a bare
    QGuiApplication first, which pytest-qt's widget tests cannot use.
    """
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        config._facilitator_qapp = QApplication([])  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def sandboxed_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """QSettings and QStandardPaths write under tmp_path, never into the real home."""
    from PySide6.QtCore import QSettings, QStandardPaths

    from facilitator import app as app_module

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    app_module.ensure_application()  # the organisation and app names QSettings uses
    yield
    QStandardPaths.setTestModeEnabled(False)


@pytest.fixture
def workshop_path(tmp_path: Path) -> Path:
    """A fresh workshop file from the organisatienetwerk template."""
    path = tmp_path / "test.workshop"
    templates.create(path)
    return path


@pytest.fixture
def engine(workshop_path: Path) -> Iterator[Engine]:
    with Engine(workshop_path) as running:
        yield running


@pytest.fixture
def server(engine: Engine, workshop_path: Path) -> Iterator[Any]:
    """The participant server on 127.0.0.1, the workshop's first round collecting notes.
    A module that needs another phase (or none) defines its own `server`."""
    from tests.test_server_support import collect, running

    collect(engine, workshop_path)
    with running(engine, workshop_path) as srv:
        yield srv


@pytest.fixture
def occupied() -> Iterator[Any]:
    """Another program listening on a port of its own (every interface, as a server)."""
    import socket

    sock = socket.socket()
    sock.bind(("0.0.0.0", 0))
    sock.listen(1)
    yield sock
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright, one per test module (test_phone_support)."""
    from tests.test_phone_support import browser_fixture

    yield from browser_fixture()


@pytest.fixture
def session(qtbot: Any, workshop_path: Path) -> Iterator[Any]:
    """The whole app on a fresh workshop, its window at 1366x768, shown and active (so
    key events reach it). A test module may define its own `session` instead."""
    from PySide6.QtWidgets import QApplication

    from facilitator import app as app_module

    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    running.window.resize(1366, 768)
    running.window.show()
    qtbot.waitExposed(running.window)
    running.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is running.window, timeout=5000)
    yield running
    running.close()

