"""Preparing a workshop as the facilitator does in the week before (THE-DAY steps 1-2):
a new workshop from the template, event details, groups renamed, round questions and
settings edited, rounds reordered, a refused delete, a saved template, and exports.

Everything runs on the offscreen platform with the real engine and server underneath;
settings and files stay inside tmp_path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from facilitator import app as app_module
from facilitator import templates
from facilitator.domain.model import Visibility
from facilitator.domain.ports import PORT_RANGE
from facilitator.engine import Join
from facilitator.store import Store
from facilitator.ui.prepare import empty_spec

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
WAIT = 5000


@pytest.fixture
def host(qtbot, workshop_path: Path):
    running = app_module.Host(host="127.0.0.1", port=0)
    running.open(workshop_path)
    _show(qtbot, running.session.window)
    yield running
    running.close()


def _show(qtbot, window) -> None:
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)


def _stored(path: Path):
    store = Store.open(path, readonly=True)
    try:
        return store.snapshot()
    finally:
        store.close()


def _retype(qtbot, edit: QLineEdit, text: str) -> None:
    """Select what is there and type over it, then Enter, as a person would."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _editor(qtbot, window):
    window.preparer.edit_action.trigger()
    editor = window.preparer.editor
    qtbot.waitExposed(editor)
    return editor


def test_file_menu_has_the_file_actions_once(host) -> None:
    window = host.session.window
    file_menu = next(a.menu() for a in window.menuBar().actions()
                     if a.menu() and window.quit_action in a.menu().actions())
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts == ["&Nieuwe werkplaats…", "&Openen…", "&Recent geopend",
                     "&Demo-werkplaats openen", "Opslaan als &sjabloon…",
                     "Werkplaats &voorbereiden…", "Verslag &exporteren…", "&Kopie opslaan…",
                     "&Afsluiten"]
    assert window.preparer.edit_action.shortcut().toString() == "Ctrl+,"


def test_new_workshop_from_the_template_switches_the_session(qtbot, host, tmp_path) -> None:
    old_window = host.session.window
    old_engine = host.session.engine
    old_window.preparer.new_action.trigger()
    dialog = old_window.preparer.new_dialog
    qtbot.waitExposed(dialog)
    assert dialog.template_radio.isChecked()
    assert dialog.template_combo.currentText() == "organisatienetwerk"
    target = tmp_path / "directeurendag.workshop"
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(target))
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert target.is_file()
    assert host.session.engine.path == target
    assert host.session.engine is not old_engine
    new_window = host.session.window
    assert new_window is not old_window and new_window.isVisible()
    assert [g.name for g in host.session.state.groups] == [f"Tafel {i}" for i in range(1, 9)]
    assert host.session.state.workshop.port in PORT_RANGE  # its own port, chosen now
    assert hasattr(new_window, "preparer")  # the new window has the File actions too
    # The old session is gone: its engine takes no more commands.
    with pytest.raises(Exception):  # noqa: B017  (EngineStopped)
        old_engine.execute(Join(host.session.state.groups[0].id), timeout=2)


def test_event_details_and_groups_are_edited_through_the_engine(qtbot, host) -> None:
    window, path = host.session.window, host.session.engine.path
    editor = _editor(qtbot, window)
    event = editor.event_tab
    _retype(qtbot, event.title_edit, "KB/OB-directeurendag 2026")
    _retype(qtbot, event.date_edit, "28 mei")
    _retype(qtbot, event.place_edit, "Den Haag")
    _retype(qtbot, event.organisers_edit, "KB, SPN, VOB")
    qtbot.waitUntil(lambda: _stored(path).workshop.place == "Den Haag", timeout=WAIT)
    # Typed last, stored last: each field is its own command, in order.
    qtbot.waitUntil(lambda: _stored(path).workshop.organisers == "KB, SPN, VOB", timeout=WAIT)
    workshop = _stored(path).workshop
    assert (workshop.title, workshop.date, workshop.organisers) == (
        "KB/OB-directeurendag 2026", "28 mei", "KB, SPN, VOB")
    qtbot.waitUntil(lambda: "2026" in window.windowTitle(), timeout=WAIT)

    editor.tabs.setCurrentWidget(editor.groups_tab)
    groups = editor.groups_tab
    groups.items.list.setCurrentRow(2)
    _retype(qtbot, groups.name_edit, "Tafel 3 <b>Jeugd</b>")
    _retype(qtbot, groups.host_edit, "Anne")
    qtbot.mouseClick(groups.swatch_buttons[3], Qt.MouseButton.LeftButton)
    third = host.session.state.groups[2].id
    qtbot.waitUntil(lambda: _stored(path).groups[2].colour == "#b5d8ff", timeout=WAIT)
    stored = _stored(path).groups[2]
    assert (stored.id, stored.name, stored.host) == (third, "Tafel 3 <b>Jeugd</b>", "Anne")
    qtbot.waitUntil(lambda: groups.items.list.item(2).text() == "Tafel 3 <b>Jeugd</b>",
                    timeout=WAIT)
    assert groups.items.current_id() == third  # the selection stays on the group edited

    qtbot.mouseClick(groups.items.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_stored(path).groups) == 9, timeout=WAIT)
    qtbot.waitUntil(lambda: groups.items.list.count() == 9, timeout=WAIT)
    assert groups.items.list.currentRow() == 8  # the new group, ready to be named
    assert groups.name_edit.text() == "Tafel 9"
    qtbot.mouseClick(groups.items.up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _stored(path).groups[7].name == "Tafel 9", timeout=WAIT)
    qtbot.waitUntil(lambda: groups.items.list.currentRow() == 7, timeout=WAIT)
    qtbot.mouseClick(groups.items.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_stored(path).groups) == 8, timeout=WAIT)
    assert not groups.error.isVisible()


def test_deleting_a_group_with_a_participant_is_refused_plainly(qtbot, host) -> None:
    window, path = host.session.window, host.session.engine.path
    first = host.session.state.groups[0]
    host.session.engine.execute(Join(first.id, name="Directeur"))
    editor = _editor(qtbot, window)
    editor.tabs.setCurrentWidget(editor.groups_tab)
    groups = editor.groups_tab
    groups.items.list.setCurrentRow(0)
    qtbot.mouseClick(groups.items.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(groups.error.isVisible, timeout=WAIT)
    assert groups.error.text().startswith("De groep kon niet worden verwijderd: hier hebben "
                                          "deelnemers al iets gemaakt")
    assert groups.error.textFormat() == Qt.TextFormat.PlainText
    assert [g.id for g in _stored(path).groups][0] == first.id
    assert groups.items.list.count() == 8


def test_rounds_edited_as_on_the_day(qtbot, host) -> None:
    """Round two's question edited; round three hidden until reveal with 3 dots."""
    window, path = host.session.window, host.session.engine.path
    editor = _editor(qtbot, window)
    editor.tabs.setCurrentWidget(editor.rounds_tab)
    rounds = editor.rounds_tab
    rounds.items.list.setCurrentRow(1)
    question = "Wat brengt u in het netwerk, en wat vraagt u van de anderen?"
    rounds.question_edit.setFocus()
    rounds.question_edit.selectAll()
    qtbot.keyClicks(rounds.question_edit, question)
    qtbot.waitUntil(lambda: _stored(path).rounds[1].question == question, timeout=WAIT)
    qtbot.waitUntil(lambda: rounds.items.list.item(1).text().startswith("2. Wat brengt u in"),
                    timeout=WAIT)

    rounds.items.list.setCurrentRow(2)
    assert rounds.question_edit.toPlainText().startswith("Bij welke maatschappelijke taken")
    assert rounds.method_combo.currentText() == "Wat? / Dus wat? / Wat nu?"
    assert rounds.instruction_label.text().startswith("Wat zien we?")
    assert rounds.visibility_combo.currentText() == "direct zichtbaar"
    rounds.visibility_combo.setFocus()
    qtbot.keyClick(rounds.visibility_combo, Qt.Key.Key_Down)
    assert rounds.visibility_combo.currentText() == "verborgen tot onthullen"
    rounds.dots_spin.setFocus()
    rounds.dots_spin.selectAll()
    qtbot.keyClicks(rounds.dots_spin, "3")
    qtbot.keyClick(rounds.dots_spin, Qt.Key.Key_Return)
    qtbot.mouseClick(rounds.multi_check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not _stored(path).rounds[2].multi_dots, timeout=WAIT)
    third = _stored(path).rounds[2]
    assert (third.visibility, third.dot_budget) == (Visibility.HIDDEN, 3)
    assert third.question.startswith("Bij welke maatschappelijke taken")

    # Another method offers its own timing as the duration.
    rounds.method_combo.setFocus()
    qtbot.keyClick(rounds.method_combo, Qt.Key.Key_Up)  # 15%-oplossingen: 10 minutes
    assert rounds.duration_spin.value() == 10
    assert "10 min" in rounds.suggested_label.text()
    qtbot.waitUntil(lambda: _stored(path).rounds[2].duration_s == 600, timeout=WAIT)


def test_dot_advice_follows_the_walls(qtbot, host) -> None:
    from facilitator.engine import AddNote

    window = host.session.window
    editor = _editor(qtbot, window)
    rounds = editor.rounds_tab
    rounds.items.list.setCurrentRow(3)
    assert "nog leeg" in rounds.advice_label.text()
    round_id = host.session.state.rounds[3].id
    group_id = host.session.state.groups[0].id
    for i in range(9):
        host.session.engine.execute(AddNote(group_id, f"idee {i}", round_id=round_id))
    qtbot.waitUntil(lambda: "±3 stippen bij 9 briefjes/clusters" in rounds.advice_label.text(),
                    timeout=WAIT)


def test_rounds_reorder_add_and_remove(qtbot, host) -> None:
    window, path = host.session.window, host.session.engine.path
    editor = _editor(qtbot, window)
    rounds = editor.rounds_tab
    ids = [r.id for r in host.session.state.rounds]
    rounds.items.list.setCurrentRow(3)
    qtbot.mouseClick(rounds.items.up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [r.id for r in _stored(path).rounds] == [ids[0], ids[1], ids[3],
                                                                      ids[2]], timeout=WAIT)
    qtbot.waitUntil(lambda: rounds.items.ids() == [ids[0], ids[1], ids[3], ids[2]], timeout=WAIT)
    assert rounds.items.current_id() == ids[3]
    assert rounds.items.list.item(2).text().startswith("3. Welke eerste concrete stap")

    qtbot.mouseClick(rounds.items.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_stored(path).rounds) == 5, timeout=WAIT)
    qtbot.waitUntil(lambda: rounds.items.list.count() == 5, timeout=WAIT)
    added = _stored(path).rounds[4]
    assert (added.question, added.duration_s) == ("", 600)  # asked for, not made up (issue 11)
    assert rounds.items.current_id() == added.id
    qtbot.mouseClick(rounds.items.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_stored(path).rounds) == 4, timeout=WAIT)


def test_saved_template_starts_the_next_workshop(qtbot, host, tmp_path) -> None:
    window = host.session.window
    editor = _editor(qtbot, window)
    editor.tabs.setCurrentWidget(editor.groups_tab)
    editor.groups_tab.items.list.setCurrentRow(0)
    _retype(qtbot, editor.groups_tab.name_edit, "Tafel Noord")
    qtbot.waitUntil(lambda: host.session.state.groups[0].name == "Tafel Noord", timeout=WAIT)
    saved = window.preparer.save_template(tmp_path / "mijn-sjabloon")
    assert saved == tmp_path / "mijn-sjabloon.json"
    assert "Sjabloon opgeslagen" in window.statusBar().currentMessage()

    window.preparer.new_action.trigger()
    dialog = window.preparer.new_dialog
    qtbot.keyClicks(dialog.template_file_edit, str(saved))
    assert dialog.file_radio.isChecked()
    dialog.path_edit.selectAll()
    target = tmp_path / "volgende"
    qtbot.keyClicks(dialog.path_edit, str(target))
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert host.session.engine.path == tmp_path / "volgende.workshop"
    _show(qtbot, host.session.window)
    assert host.session.state.groups[0].name == "Tafel Noord"
    assert len(host.session.state.rounds) == 4


def test_new_workshop_refuses_an_existing_file_and_makes_an_empty_one(qtbot, host,
                                                                      tmp_path) -> None:
    window = host.session.window
    window.preparer.new_action.trigger()
    dialog = window.preparer.new_dialog
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(host.session.engine.path))
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "al een bestand" in dialog.error.text()
    qtbot.mouseClick(dialog.empty_radio, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dialog.empty_radio.height() // 2))  # on the circle
    assert dialog.empty_radio.isChecked()
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "leeg.workshop"))
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    state = host.session.state
    assert (len(state.groups), len(state.rounds)) == (1, 1)
    assert state.workshop.title == "Nieuwe werkplaats"
    assert state.rounds[0].question == empty_spec().rounds[0].question


def test_opening_a_damaged_file_keeps_the_workshop_open(qtbot, host, tmp_path) -> None:
    damaged = tmp_path / "kapot.workshop"
    damaged.write_bytes(b"dit is geen werkplaats")
    before = host.session.engine.path
    assert not host.session.window.preparer.open_workshop(damaged)
    assert host.session.engine.path == before
    window = host.session.window
    assert window.isVisible()
    box = window.preparer.last_message
    qtbot.waitUntil(box.isVisible, timeout=WAIT)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "kapot.workshop" in box.text()
    box.close()


def test_export_dialog_writes_the_report_in_the_chosen_language(qtbot, host, tmp_path) -> None:
    import docx

    from facilitator.engine import AddNote

    session = host.session
    session.engine.execute(AddNote(session.state.groups[0].id, "Leesbevordering; samen",
                                   round_id=session.state.rounds[0].id))
    window = session.window
    window.export_action.trigger()
    dialog = window.preparer.export_dialog
    qtbot.waitExposed(dialog)
    assert dialog.language_combo.currentText() == "Nederlands"
    assert not dialog.names_check.isChecked() and not dialog.hidden_check.isChecked()
    assert not dialog.url_edit.isEnabled()

    def export(target: Path) -> None:
        dialog.path_edit.selectAll()
        qtbot.keyClicks(dialog.path_edit, str(target))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.status.text().startswith("Opgeslagen:"), timeout=60_000)
        assert str(target) in dialog.status.text()
        assert dialog.progress.value() == dialog.progress.maximum()

    export(tmp_path / "verslag-nl.docx")
    dutch = [p.text for p in docx.Document(tmp_path / "verslag-nl.docx").paragraphs]
    assert "Samenvatting" in dutch and "Summary" not in dutch

    dialog.language_combo.setFocus()
    qtbot.keyClick(dialog.language_combo, Qt.Key.Key_Down)
    assert dialog.language_combo.currentData() == "en"
    export(tmp_path / "report-en.docx")
    english = [p.text for p in docx.Document(tmp_path / "report-en.docx").paragraphs]
    assert "Summary" in english and "Samenvatting" not in english
    assert "Opgeslagen" in window.statusBar().currentMessage()

    dialog.format_combo.setFocus()
    qtbot.keyClick(dialog.format_combo, Qt.Key.Key_Down)  # CSV
    assert dialog.fmt() == "csv"
    assert dialog.path_edit.text().endswith(".csv")
    export(tmp_path / "notities.csv")
    csv_text = (tmp_path / "notities.csv").read_text(encoding="utf-8-sig")
    assert csv_text.startswith("table,round,question")  # English, as chosen
    assert "Leesbevordering; samen" in csv_text


def test_export_dialog_makes_table_cards_for_the_join_address(qtbot, host, tmp_path) -> None:
    import docx

    window = host.session.window
    window.export_action.trigger()
    dialog = window.preparer.export_dialog
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("cards"))
    assert dialog.url_edit.isEnabled()
    port = host.session.server.port
    assert dialog.url_edit.text().endswith(f":{port}")
    dialog.path_edit.setText(str(tmp_path / "kaarten"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "kaarten.docx"
    qtbot.waitUntil(lambda: dialog.status.text() == f"Opgeslagen: {written}", timeout=60_000)
    text = "\n".join(p.text for p in docx.Document(written).paragraphs)
    code = host.session.state.groups[0].code
    assert f"{dialog.url_edit.text()}/j/{code}" in text or code in text


def test_table_cards_without_an_address_are_explained(qtbot, host, tmp_path) -> None:
    window = host.session.window
    window.export_action.trigger()
    dialog = window.preparer.export_dialog
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("cards"))
    dialog.url_edit.clear()
    assert dialog.start() is None
    assert "adres voor telefoons" in dialog.status.text()
    assert templates.available()  # the dialog never needed a file dialog


def test_ctrl_comma_opens_the_editor(qtbot, host) -> None:
    window = host.session.window
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.preparer.editor is not None
                    and window.preparer.editor.isVisible(), timeout=WAIT)


def test_a_round_dropped_elsewhere_in_the_list_is_moved_by_the_engine(qtbot, host) -> None:
    from PySide6.QtCore import QModelIndex

    window, path = host.session.window, host.session.engine.path
    rounds = _editor(qtbot, window).rounds_tab
    ids = [r.id for r in host.session.state.rounds]
    # What a drop does to the list's model: round four lands above round two.
    assert rounds.items.list.model().moveRow(QModelIndex(), 3, QModelIndex(), 1)
    qtbot.waitUntil(lambda: [r.id for r in _stored(path).rounds] == [ids[0], ids[3], ids[1],
                                                                      ids[2]], timeout=WAIT)
    qtbot.waitUntil(lambda: rounds.items.ids() == [ids[0], ids[3], ids[1], ids[2]],
                    timeout=WAIT)


def test_an_empty_group_name_is_refused_and_the_name_comes_back(qtbot, host) -> None:
    window = host.session.window
    editor = _editor(qtbot, window)
    editor.tabs.setCurrentWidget(editor.groups_tab)
    groups = editor.groups_tab
    groups.items.list.setCurrentRow(0)
    _retype(qtbot, groups.name_edit, "   ")
    qtbot.waitUntil(groups.error.isVisible, timeout=WAIT)
    assert groups.error.text() == "De groep kon niet worden opgeslagen: de naam is leeg."
    assert groups.name_edit.text() == "Tafel 1"
    assert host.session.state.groups[0].name == "Tafel 1"


def test_open_switches_to_another_workshop_on_its_own_port(qtbot, tmp_path) -> None:
    """Each workshop comes up on its own port, the one on its printed table cards (issue
    11: a stable address); the old file's port is not carried over."""
    first, other = tmp_path / "eerste.workshop", tmp_path / "ander.workshop"
    Store.create(first, empty_spec()).close()
    Store.create(other, empty_spec()).close()
    ports = [_stored(p).workshop.port for p in (first, other)]
    running = app_module.Host(host="127.0.0.1")  # no --port: each workshop's own
    try:
        running.open(first)
        _show(qtbot, running.session.window)
        assert running.session.server.port == ports[0]
        assert running.session.window.preparer.open_workshop(other)
        assert running.session.engine.path == other
        assert running.session.server.port == ports[1]  # its printed cards keep working
        assert running.session.window.isVisible()
        assert running.session.window.windowTitle().endswith("Nieuwe werkplaats")
    finally:
        running.close()


def test_typing_is_kept_after_a_pause_without_leaving_the_field(qtbot, host) -> None:
    """THE-DAY step 3: the lid closes mid-edit; what was typed is already stored."""
    window, path = host.session.window, host.session.engine.path
    editor = _editor(qtbot, window)
    editor.event_tab.place_edit.setFocus()
    qtbot.keyClicks(editor.event_tab.place_edit, "Den Haag")
    editor.tabs.setCurrentWidget(editor.groups_tab)
    editor.groups_tab.items.list.setCurrentRow(1)
    editor.groups_tab.host_edit.setFocus()
    qtbot.keyClicks(editor.groups_tab.host_edit, "Pieter")
    qtbot.waitUntil(lambda: _stored(path).groups[1].host == "Pieter", timeout=WAIT)
    assert _stored(path).workshop.place == "Den Haag"


def test_quitting_with_a_question_half_typed_stores_it(qtbot, host) -> None:
    window, path = host.session.window, host.session.engine.path
    rounds = _editor(qtbot, window).rounds_tab
    rounds.items.list.setCurrentRow(0)
    rounds.question_edit.setFocus()
    rounds.question_edit.selectAll()
    qtbot.keyClicks(rounds.question_edit, "Wat kan alleen het netwerk?")
    window.quit_action.trigger()  # before the typing pause is over
    host.close()
    assert _stored(path).rounds[0].question == "Wat kan alleen het netwerk?"


def test_an_emptied_question_is_refused_when_left_and_comes_back(qtbot, host) -> None:
    window = host.session.window
    editor = _editor(qtbot, window)
    editor.tabs.setCurrentWidget(editor.rounds_tab)
    rounds = editor.rounds_tab
    rounds.items.list.setCurrentRow(0)
    original = rounds.question_edit.toPlainText()
    rounds.question_edit.setFocus()
    rounds.question_edit.selectAll()
    qtbot.keyClick(rounds.question_edit, Qt.Key.Key_Delete)
    qtbot.wait(900)  # a pause in typing does not send an empty question
    assert not rounds.error.isVisible()
    rounds.dots_spin.setFocus()  # leaving the field does
    qtbot.waitUntil(rounds.error.isVisible, timeout=WAIT)
    assert rounds.error.text() == "De ronde kon niet worden opgeslagen: de vraag is leeg."
    assert rounds.question_edit.toPlainText() == original


def test_text_typed_for_one_group_never_lands_on_the_next(qtbot, host) -> None:
    window, path = host.session.window, host.session.engine.path
    editor = _editor(qtbot, window)
    editor.tabs.setCurrentWidget(editor.groups_tab)
    groups = editor.groups_tab
    groups.items.list.setCurrentRow(0)
    groups.name_edit.setFocus()
    groups.name_edit.selectAll()
    qtbot.keyClicks(groups.name_edit, "Tafel Oost")
    groups.items.list.setCurrentRow(1)  # chosen without leaving the field, e.g. by code
    assert groups.name_edit.text() == "Tafel 2"
    qtbot.waitUntil(lambda: _stored(path).groups[0].name == "Tafel Oost", timeout=WAIT)
    qtbot.wait(900)
    assert _stored(path).groups[1].name == "Tafel 2"


def test_a_round_title_is_typed_in_the_editor_and_heads_the_report(qtbot, host) -> None:
    """Issue 12: a short title per round, stored through the engine, used by the report."""
    window, path = host.session.window, host.session.engine.path
    editor = _editor(qtbot, window)
    editor.tabs.setCurrentWidget(editor.rounds_tab)
    rounds = editor.rounds_tab
    rounds.items.list.setCurrentRow(0)
    assert rounds.title_edit.text() == "Wat alleen het netwerk kan"  # from the template
    _retype(qtbot, rounds.title_edit, "Maatschappelijke opgaven")
    qtbot.waitUntil(lambda: _stored(path).rounds[0].title == "Maatschappelijke opgaven",
                    timeout=WAIT)
    state = host.session.state
    qtbot.waitUntil(lambda: state.rounds[0].title == "Maatschappelijke opgaven", timeout=WAIT)
    rounds.items.list.setCurrentRow(1)
    rounds.items.list.setCurrentRow(0)
    assert rounds.title_edit.text() == "Maatschappelijke opgaven"

    from facilitator.report import ReportOptions, render
    from facilitator.report.sections import title_of

    assert title_of(_stored(path).rounds[0]) == "Maatschappelijke opgaven"
    assert render(_stored(path), "json", ReportOptions())  # the title travels in the JSON


def test_export_dialog_offers_full_notes_and_a_house_style(qtbot, host, tmp_path) -> None:
    import docx

    house = docx.Document()
    house.styles["Heading 1"].font.name = "Georgia"
    house.save(tmp_path / "huisstijl.docx")
    window = host.session.window
    window.export_action.trigger()
    dialog = window.preparer.export_dialog
    qtbot.waitExposed(dialog)
    assert dialog.notes_combo.currentData() == "short"  # short by default
    dialog.notes_combo.setCurrentIndex(dialog.notes_combo.findData("separate"))
    dialog.style_edit.setText(str(tmp_path / "huisstijl.docx"))
    target = tmp_path / "dag-verslag.docx"
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Opgeslagen:"), timeout=60_000)
    report = docx.Document(target)
    assert report.styles["Heading 1"].font.name == "Georgia"
    appendix = docx.Document(tmp_path / "dag-verslag-bijlage.docx")
    assert "Bijlage: alle notities" in [p.text for p in appendix.paragraphs]

    dialog.style_edit.setText(str(tmp_path / "bestaat-niet.docx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("De huisstijl is niet te lezen")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    assert not dialog.notes_combo.isEnabled() and not dialog.style_edit.isEnabled()


def test_the_form_of_address_on_phones_is_chosen_in_the_editor(qtbot, host) -> None:
    """Issue 15: the phone says "je" or "u" as the workshop sets it; the facilitator sets
    it here, by keyboard, and it is stored through the engine."""
    window, path = host.session.window, host.session.engine.path
    editor = _editor(qtbot, window)
    combo = editor.event_tab.address_combo
    start = _stored(path).workshop.address
    assert combo.currentData() == start
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down if start == "je" else Qt.Key.Key_Up)
    other = "u" if start == "je" else "je"
    assert combo.currentData() == other
    qtbot.waitUntil(lambda: _stored(path).workshop.address == other, timeout=WAIT)
    assert _stored(path).workshop.title  # the other fields are kept as they were
