"""Issue 11, "errors in the user's words": what the facilitator reads when something is
refused says what failed and why in plain language (never `UpdateRound`, an exception's
class or the engine's English log text), and it goes away with what it was about. A new
round starts with an empty question and asks for one; it does not start without it.

Real engine and server underneath, offscreen; settings stay in tmp_path (conftest).
"""

from __future__ import annotations

import dataclasses
import errno
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from facilitator import app as app_module
from facilitator.domain.model import Phase
from facilitator.domain.rules import RuleViolation
from facilitator.domain.text import InvalidText
from facilitator.engine import commands as c
from facilitator.engine.errors import NotFound, StorageUnavailable
from facilitator.ui.failures import failure_text
from tests.storage_faults import DiskLimit, disk

__all__ = ["disk"]  # the fixture, imported for pytest

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
WAIT = 5000

# An internal name: two capitalised parts glued together (UpdateRound, RuleViolation,
# StorageUnavailable, NotFound), or a traceback's marks.
_INTERNAL = re.compile(r"\b[A-Z][a-z]+[A-Z]\w*|Traceback|Error\b|\(\)|_[a-z]+_|\w+_\w+")


def _internal_names(text: str) -> list[str]:
    return _INTERNAL.findall(text)


@pytest.fixture
def session(qtbot, workshop_path: Path):
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    window = running.window
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield running
    running.close()


def _commands() -> list[object]:
    """One bare instance of every command class (isinstance is all the text needs)."""
    found = []
    for name in dir(c):
        cls = getattr(c, name)
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == c.__name__:
            if cls in (c.Do, c.Compound):
                continue  # wrappers: their inner command speaks
            found.append(object.__new__(cls))
    return found


_ERRORS: list[BaseException] = [
    RuleViolation("wrong_phase", "the round is in phase 'prepare', not collect"),
    RuleViolation("no_question", "the round has no question yet"),
    RuleViolation("has_content", "this round already has notes"),
    RuleViolation("other_wall", "the notes are on different walls"),
    RuleViolation("a_code_nobody_knows", "SomeInternalThing failed"),
    InvalidText("empty", "text is empty"),
    InvalidText("too_long", "text is longer than 500 characters"),
    NotFound("round"),
    StorageUnavailable("full", "database or disk is full"),
    StorageUnavailable("read_only", "attempt to write a readonly database"),
    StorageUnavailable("io_error", "disk I/O error"),
    OSError(errno.ENOSPC, "No space left on device"),
    KeyError("round_id"),
    RuntimeError("UpdateRound blew up in apply()"),
]


def test_no_failure_text_names_a_command_an_exception_or_the_log_text(qapp) -> None:
    """Every command class x every kind of refusal: a sentence in words. Adding a
    command or a refusal code cannot bring class names back unnoticed."""
    commands = _commands()
    assert len(commands) > 30
    for command in [*commands, c.Do(1, c.UpdateRound(1, c.RoundSpec("x")))]:
        for error in _ERRORS:
            text = failure_text(command, error)
            assert not _internal_names(text), (type(command).__name__, error, text)
            assert str(error) not in text  # the engine's English log text stays out
            assert text.endswith(".") and ": " in text


def test_a_refused_phase_is_said_in_words_and_goes_when_the_table_changes(qtbot, session) -> None:
    window = session.window
    added = session.engine.execute(c.AddRound(c.RoundSpec("", duration_s=600)))
    qtbot.waitUntil(lambda: added.id in [r.id for r in session.state.rounds], timeout=WAIT)
    window.round_bar.select_round(added.id)
    qtbot.waitUntil(lambda: window.current_round_id() == added.id, timeout=WAIT)

    window.request_phase(added.id, Phase.COLLECT)  # as the phase button does
    bar = window.statusBar()
    qtbot.waitUntil(
        lambda: bar.currentMessage() != "" and "vraag" in bar.currentMessage(), timeout=WAIT
    )
    said = bar.currentMessage()
    assert said.startswith("De fase kon niet worden gewijzigd: de ronde heeft nog geen vraag")
    assert not _internal_names(said), said
    assert "SetPhase" not in said and "RuleViolation" not in said

    window.groups.select_group(session.state.groups[1].id)  # another table in view
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=WAIT)
    assert window.failure.text() == ""


def test_a_refused_round_goes_when_its_problem_is_fixed(qtbot, session) -> None:
    window = session.window
    added = session.engine.execute(c.AddRound(c.RoundSpec("", duration_s=600)))
    qtbot.waitUntil(lambda: added.id in [r.id for r in session.state.rounds], timeout=WAIT)
    window.round_bar.select_round(added.id)
    window.request_phase(added.id, Phase.COLLECT)
    qtbot.waitUntil(lambda: "geen vraag" in window.statusBar().currentMessage(), timeout=WAIT)
    session.bridge.submit(c.UpdateRound(added.id, c.RoundSpec("Wat nu?", duration_s=600)))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=WAIT)


def test_a_refused_round_in_the_editor_says_what_and_why_until_another_is_chosen(
    qtbot, session
) -> None:
    window = session.window
    window.preparer.edit_action.trigger()
    editor = window.preparer.editor
    qtbot.waitExposed(editor)
    editor.tabs.setCurrentWidget(editor.rounds_tab)
    rounds = editor.rounds_tab
    rounds.items.list.setCurrentRow(0)
    original = rounds.question_edit.toPlainText()
    rounds.question_edit.setFocus()
    qtbot.waitUntil(rounds.question_edit.hasFocus, timeout=WAIT)
    rounds.question_edit.selectAll()
    qtbot.keyClick(rounds.question_edit, Qt.Key.Key_Delete)
    rounds.dots_spin.setFocus()  # leaving the field sends it: refused, an empty question
    qtbot.waitUntil(rounds.error.isVisible, timeout=WAIT)
    assert rounds.error.text() == "De ronde kon niet worden opgeslagen: de vraag is leeg."
    assert rounds.question_edit.toPlainText() == original
    rounds.items.list.setCurrentRow(1)  # another round: the refusal was about the first
    assert not rounds.error.isVisible()
    assert "vraag" not in window.statusBar().currentMessage()  # said once, in the editor


def test_a_new_round_starts_empty_and_asks_for_its_question(qtbot, session) -> None:
    window, path = session.window, session.engine.path
    window.preparer.edit_action.trigger()
    editor = window.preparer.editor
    qtbot.waitExposed(editor)
    editor.tabs.setCurrentWidget(editor.rounds_tab)
    rounds = editor.rounds_tab
    before = len(session.state.rounds)
    qtbot.mouseClick(rounds.items.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rounds.items.list.count() == before + 1, timeout=WAIT)
    added = session.state.rounds[-1]
    assert added.question == ""  # no made-up "Nieuwe vraag" for phones to show
    assert rounds.items.current_id() == added.id
    assert rounds.question_edit.toPlainText() == ""
    qtbot.waitUntil(rounds.question_edit.hasFocus, timeout=WAIT)
    assert rounds.question_hint.isVisible()
    assert "nog geen vraag" in rounds.question_hint.text()
    assert "(nog geen vraag)" in rounds.items.list.currentItem().text()
    editor.grab().save(str(path.parent / "editor-new-round.png"))

    qtbot.keyClicks(rounds.question_edit, "Wat pakken we als eerste op?")
    assert not rounds.question_hint.isVisible()  # typing answers the hint
    qtbot.waitUntil(
        lambda: session.state.round(added.id).question == "Wat pakken we als eerste op?",
        timeout=WAIT,
    )
    window.request_phase(added.id, Phase.COLLECT)  # now it starts
    group = session.state.groups[0].id
    qtbot.waitUntil(lambda: session.state.phase(added.id, group) is Phase.COLLECT, timeout=WAIT)


def test_the_round_bar_says_a_round_has_no_question(qtbot, session) -> None:
    window = session.window
    added = session.engine.execute(c.AddRound(c.RoundSpec("", duration_s=600)))
    qtbot.waitUntil(lambda: added.id in [r.id for r in session.state.rounds], timeout=WAIT)
    window.round_bar.select_round(added.id)
    qtbot.waitUntil(lambda: "nog geen vraag" in window.round_bar.question.text(), timeout=WAIT)
    assert window.round_bar.combo.currentText().endswith("(nog geen vraag)")


# -- after export: open the file or its folder --------------------------------------------


def _export_dialog(qtbot, session):
    session.window.export_action.trigger()
    dialog = session.window.preparer.export_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_after_export_the_file_and_its_folder_open_from_the_dialog(
    qtbot, session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices,
        "openUrl",
        staticmethod(lambda url: opened.append(url.toLocalFile()) or True),
    )
    dialog = _export_dialog(qtbot, session)
    assert not dialog.open_file_button.isVisible()  # nothing written yet
    target = tmp_path / "uit" / "verslag.docx"
    target.parent.mkdir()
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.open_file_button.isVisible, timeout=60_000)
    assert dialog.open_folder_button.isVisible()
    assert dialog.open_file_button.hasFocus()  # Space opens what was just made
    dialog.grab().save(str(tmp_path / "export-done.png"))

    qtbot.keyClick(dialog.open_file_button, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(target), str(target.parent)]

    dialog.path_edit.setText(str(tmp_path / "ander.docx"))  # the next export hides them
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not dialog.open_file_button.isVisible()
    qtbot.waitUntil(dialog.open_file_button.isVisible, timeout=60_000)
    qtbot.mouseClick(dialog.open_file_button, Qt.MouseButton.LeftButton)
    assert opened[-1] == str(tmp_path / "ander.docx")


def test_a_file_that_will_not_open_says_where_it_is(
    qtbot, session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    dialog = _export_dialog(qtbot, session)
    dialog.path_edit.setText(str(tmp_path / "verslag.docx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.open_file_button.isVisible, timeout=60_000)
    qtbot.mouseClick(dialog.open_file_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == (
        f"Dit kon niet worden geopend; het staat hier: {tmp_path / 'verslag.docx'}"
    )


def test_an_export_that_cannot_be_written_says_why_in_words(qtbot, session, tmp_path: Path) -> None:
    dialog = _export_dialog(qtbot, session)
    dialog.path_edit.setText(str(tmp_path / "bestaat-niet" / "verslag.docx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "kon niet" in dialog.status.text(), timeout=60_000)
    said = dialog.status.text()
    assert said == ("Het bestand kon niet worden opgeslagen: de map of het bestand bestaat niet.")
    assert not _internal_names(said)  # was "FileNotFoundError: [Errno 2] ..."
    assert not dialog.open_file_button.isVisible()


def test_a_copy_that_cannot_be_written_says_why_in_words(
    qtbot, session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.ui import storage_banner

    target = tmp_path / "uitgetrokken-stick" / "dag.workshop"  # the stick was pulled
    monkeypatch.setattr(
        storage_banner.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    said: list[str] = []
    monkeypatch.setattr(storage_banner.QMessageBox, "exec", lambda box: said.append(box.text()))
    assert session.window.save_copy() is None
    assert said == ["De kopie is niet gelukt: de map of het bestand bestaat niet."]
    assert not _internal_names(said[0]) and "Errno" not in said[0], said


def test_a_full_disk_is_said_in_words_and_goes_with_the_table(
    qtbot, disk: DiskLimit, workshop_path: Path
) -> None:
    """The real path: the disk refuses a paper note, the engine raises StorageUnavailable,
    the bridge hands it to the window, the status bar says it in words."""
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    window = running.window
    try:
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        disk.set_full(True)
        with pytest.raises(StorageUnavailable):  # fill the pages left inside the file
            for _ in range(200):
                running.engine.execute(c.AddNote(1, "z" * 250, is_paper=True), timeout=5)
        window.note_entry.field.setText("papier " + "z" * 200)
        window.note_entry.field.returnPressed.emit()
        bar = window.statusBar()
        qtbot.waitUntil(lambda: "schijf" in bar.currentMessage(), timeout=WAIT)
        said = bar.currentMessage()
        assert said == "Het briefje kon niet worden toegevoegd: de schijf is vol."
        assert not _internal_names(said)
        window.groups.select_group(running.state.groups[2].id)  # another table
        qtbot.waitUntil(lambda: "schijf" not in bar.currentMessage(), timeout=WAIT)
        disk.set_full(False)
    finally:
        running.close()
