"""End to end, as on the day: a note typed on a phone (Debian's Chromium at 390x844)
reaches the facilitator's wall in the Qt window the moment it is stored, and the Word
report exported afterwards, reopened with python-docx."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from facilitator import app as app_module
from facilitator.domain.model import Phase
from facilitator.report import ReportOptions, render
from facilitator.store import Store
from tests.test_phone_support import PHONE, browser_fixture

pytestmark = [pytest.mark.browser,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def browser() -> Iterator[Any]:
    yield from browser_fixture()


@pytest.fixture
def session(qtbot: Any, workshop_path: Path, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    running.window.resize(1400, 900)
    running.window.show()
    qtbot.waitExposed(running.window)
    yield running
    running.close()
    QStandardPaths.setTestModeEnabled(False)


def test_a_phone_note_reaches_the_wall_and_the_report(session: Any, browser: Any,
                                                      qtbot: Any, workshop_path: Path) -> None:
    window = session.window
    reader = Store.open(workshop_path, readonly=True)
    group = reader.groups()[0]
    round_ = reader.rounds()[0]
    window.request_phase(round_.id, Phase.COLLECT)  # as the phase button does
    qtbot.waitUntil(lambda: reader.phase(round_.id, group.id) is Phase.COLLECT)
    assert window.current_group_id() == group.id and window.current_round_id() == round_.id

    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    page.goto(session.server.join_url(group.code, "127.0.0.1"))
    page.click("#join-button")
    page.wait_for_selector("#note-text")
    text = "Eén loket voor laaggeletterdheid <b>overal</b>"
    page.fill("#note-text", text)
    page.click("#send")
    page.wait_for_selector("#mine .note-state.saved")
    context.close()

    wall = window.wall
    qtbot.waitUntil(lambda: any(item.text() == text for item in wall.note_items()),
                    timeout=5000)
    stored = reader.notes(group_id=group.id, round_id=round_.id)
    assert [n.text for n in stored] == [text]
    assert {item.note_id for item in wall.note_items()} == {stored[0].id}

    report = docx.Document(io.BytesIO(render(reader.snapshot(), "docx", ReportOptions())))
    body = "\n".join(p.text for p in report.paragraphs)
    body += "\n".join(c.text for t in report.tables for r in t.rows for c in r.cells)
    assert text in body
    assert round_.question in body
    reader.close()
