"""Help > Over Facilitator, and the one-time note on Windows' firewall question."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from facilitator import app as app_module
from facilitator import identity
from facilitator.ui import about, first_start


@pytest.fixture
def window(qtbot, workshop_path: Path):
    session = app_module.build(workshop_path, host="127.0.0.1", port=0)
    qtbot.addWidget(session.window)
    yield session.window
    session.close()


def test_help_menu_has_about_with_name_and_version(window, qtbot) -> None:
    bar = window.menuBar()
    help_menu = next(a.menu() for a in bar.actions() if a.text() == "&Help")
    assert window.about_action in help_menu.actions()
    assert window.about_action.text() == "&Over Facilitator…"
    assert window.about_action.menuRole() == window.about_action.MenuRole.AboutRole
    shown: list[about.AboutDialog] = []
    original = about.AboutDialog.exec
    about.AboutDialog.exec = lambda self: shown.append(self) or 0  # type: ignore[method-assign]
    try:
        window.about_action.trigger()
    finally:
        about.AboutDialog.exec = original  # type: ignore[method-assign]
    dialog = shown[0]
    qtbot.addWidget(dialog)
    assert dialog.title_label.text() == identity.title()
    assert dialog.title_label.textFormat() == Qt.TextFormat.PlainText
    assert "PySide6 6.11.3" in dialog.versions_label.text()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(str(app_module.data_dir()) in text for text in texts)  # where workshops go
    # The menu bar keeps one Help menu, at its right end.
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.count("&Help") == 1 and titles[-1] == "&Help"


def test_about_dialog_lays_out_at_its_minimum_width(qtbot, tmp_path: Path) -> None:
    dialog = about.AboutDialog(str(tmp_path / "Facilitator"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab()
    assert image.width() >= 460


def test_firewall_note_only_on_windows_and_only_once() -> None:
    shown: list[QMessageBox] = []
    assert not first_start.explain_firewall(platform="linux", show=shown.append)
    assert not first_start.explain_firewall(platform="darwin", show=shown.append)
    assert shown == []
    # Offscreen (tests, the smoke test) nobody could close it: not shown, not marked.
    assert not first_start.explain_firewall(platform="win32", show=shown.append)
    assert shown == []
    assert first_start.explain_firewall(platform="win32", interactive=True, show=shown.append)
    assert len(shown) == 1
    box = shown[0]
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "Windows vraagt" in box.text() and "Toegang toestaan" in box.text()
    assert QSettings().value(first_start.SHOWN_KEY, False, type=bool)
    # The next start says nothing again.
    assert not first_start.explain_firewall(platform="win32", interactive=True, show=shown.append)
    assert len(shown) == 1


def test_main_explains_the_firewall_before_the_server_listens(
    workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    monkeypatch.setattr(
        first_start, "explain_firewall", lambda *args, **kwargs: order.append("firewall")
    )

    def opened(self: app_module.Host, path: Path) -> None:
        order.append("open")  # build() starts the server inside Host.open
        raise RuntimeError("stop before the window")

    monkeypatch.setattr(app_module.Host, "open", opened)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    assert app_module.main([str(workshop_path)]) == 1
    assert order == ["firewall", "open"]
