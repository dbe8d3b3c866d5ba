"""The window says at once when work is not saved, and what to do; it recovers by
itself. File > Save a copy makes a complete copy; a round closing reminds to make one."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator import app as app_module
from facilitator.domain.model import Phase
from facilitator.engine import AddNote, Engine, SetPhase, core
from facilitator.engine.errors import StorageUnavailable
from facilitator.store import Store
from facilitator.ui.storage_banner import StorageBanner
from tests.storage_faults import DiskLimit, disk

__all__ = ["disk"]  # the fixture, imported for pytest

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
# The offscreen platform cannot pass size hints to a window manager; it says so once.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _shot(widget: QWidget, name: str) -> None:
    """FACILITATOR_SCREENSHOTS=1 rewrites docs/screenshots, as the phone screenshots do."""
    if os.environ.get("FACILITATOR_SCREENSHOTS") == "1":
        widget.grab().save(str(SHOTS / name))


def _banner(qtbot, engine: Engine) -> StorageBanner:  # type: ignore[no-untyped-def]
    """The banner inside a shown window, as in the main window: it shows itself."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    banner = StorageBanner(engine)
    layout.addWidget(banner)
    layout.addStretch(1)
    holder.resize(900, 200)
    qtbot.addWidget(holder)
    holder.show()
    _HOLDERS.append(holder)  # the window must outlive this function
    return banner


_HOLDERS: list[QWidget] = []


@pytest.fixture(autouse=True)
def _drop_holders() -> Iterator[None]:
    yield
    _HOLDERS.clear()


@pytest.fixture
def session(qtbot, workshop_path: Path) -> Iterator[app_module.Session]:  # type: ignore[no-untyped-def]
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    running.window.resize(1280, 800)
    running.window.show()
    qtbot.waitExposed(running.window)
    try:
        yield running
    finally:
        running.close()


def test_banner_shows_a_full_disk_at_once_and_goes_when_it_is_fixed(
    qtbot,
    workshop_path: Path,
    disk: DiskLimit,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(core, "PROBE_EVERY_S", 0.05)
    with Engine(workshop_path) as engine:
        banner = _banner(qtbot, engine)
        assert banner.isHidden()
        disk.set_full(True)
        with pytest.raises(StorageUnavailable):
            for i in range(200):
                engine.execute(AddNote(1, "z" * 250, is_paper=True), timeout=5)
                del i
        qtbot.waitUntil(lambda: banner.isVisible() and "vol" in banner.label.text())
        assert "ruimte" in banner.label.text() and "andere schijf" in banner.label.text()
        assert not banner.close_button.isVisible()  # a fault cannot be waved away
        _shot(banner.parentWidget(), "banner-disk-full.png")
        disk.set_full(False)
        qtbot.waitUntil(banner.isHidden, timeout=10_000)
        banner.detach()


def test_banner_shows_a_failed_backup(
    qtbot,
    workshop_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "backup", refuse)
    with Engine(workshop_path, backup_every_s=0.05) as engine:
        banner = _banner(qtbot, engine)
        qtbot.waitUntil(lambda: banner.isVisible() and "reservekopie" in banner.label.text())
        assert "No space left" in banner.label.text()
        banner.detach()


def test_a_copy_without_its_wal_says_so_in_the_window(
    qtbot, workshop_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "kopie.workshop"
    with Engine(workshop_path) as engine:
        engine.execute(AddNote(1, "in de wal", is_paper=True))
        shutil.copyfile(workshop_path, copy)  # a file manager's copy of the open file
    with Engine(copy) as engine:
        banner = _banner(qtbot, engine)
        assert banner.isVisible() and "-wal" in banner.label.text()
        banner.detach()


def test_save_a_copy_and_the_reminder_after_a_round(
    session: app_module.Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from facilitator.ui import storage_banner

    window = session.window
    assert window.save_copy_action in window.file_menu.actions()
    target = tmp_path / "stick" / "dag.workshop"
    target.parent.mkdir()
    monkeypatch.setattr(
        storage_banner.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    monkeypatch.setattr(storage_banner.QMessageBox, "exec", lambda self: 0)
    for i in range(30):
        session.engine.execute(AddNote(1, f"notitie {i}", is_paper=True))
    assert window.save_copy() == target
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 30
    conn.close()

    banner = window.storage_banner
    assert banner.isHidden()
    session.engine.execute(SetPhase(1, Phase.CLOSED))
    qtbot.waitUntil(lambda: banner.isVisible() and banner.copy_button.isVisible())
    assert "USB-stick" in banner.label.text()
    _shot(window, "banner-copy-reminder.png")
    banner.close_button.click()
    assert banner.isHidden()
