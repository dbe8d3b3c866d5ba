"""The whole day by keyboard alone (issue 11): the phase buttons press as buttons do, the
wall's notes take the focus and move with the arrow keys, the wall's shortcuts act on the
focused note, dialogs open and close without a mouse, and F1 lists every key the window
has. Driven with key events only (QTest.keyClick on the window and what has the focus);
the phones' notes come in through the engine, as they do on the day."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QPushButton,
    QStyleOptionGraphicsItem,
    QTableWidget,
    QWidget,
)

from facilitator.domain.model import Note, Phase
from facilitator.engine import AddNote
from facilitator.store import Store
from facilitator.ui.shortcuts_dialog import unlisted_keys
from facilitator.ui.wall.grid import SLOT_H, SLOT_W
from facilitator.ui.wall.note_item import NoteItem

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
T = 5000
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def key(qtbot, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard is now, as the facilitator's hands do it."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None
    qtbot.keyClick(target, k, mods)


def stored(session, note_id: int) -> Note:
    store = Store.open(session.engine.path, readonly=True)
    try:
        note = store.note(note_id)
    finally:
        store.close()
    assert note is not None
    return note


def add_notes(qtbot, session, group_id: int, *texts: str) -> list[int]:
    round_id = session.window.current_round_id()
    ids = [session.engine.execute(AddNote(group_id, t, round_id=round_id)).note.id for t in texts]
    qtbot.waitUntil(lambda: all(session.window.wall.item(i) for i in ids), timeout=T)
    return ids


def focused_note(window) -> int | None:
    item = window.wall.wall_scene.focusItem()
    return item.note_id if isinstance(item, NoteItem) else None


def to_pane(qtbot, window, pane) -> None:
    """F6 until `pane` has the keyboard (at most once round all panes)."""
    for _ in range(5):
        if QApplication.focusWidget() is pane:
            return
        key(qtbot, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is pane


# -- phase buttons and the timer ----------------------------------------------------------


def test_space_and_enter_press_the_focused_phase_button_not_the_timer(qtbot, session) -> None:
    window, state = session.window, session.state
    round_id = window.current_round_id()
    collect = window.round_bar.phase_button(Phase.COLLECT)
    collect.setFocus(Qt.FocusReason.TabFocusReason)
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: {state.phase(round_id, g.id) for g in state.groups} == {Phase.COLLECT}, timeout=T
    )
    assert state.round(round_id).timer_ends_at is None  # Space is no longer the timer's

    key(qtbot, Qt.Key.Key_Tab)  # on to "Groeperen"
    assert QApplication.focusWidget() is window.round_bar.phase_button(Phase.GROUP)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: {state.phase(round_id, g.id) for g in state.groups} == {Phase.GROUP}, timeout=T
    )
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(
        lambda: {state.phase(round_id, g.id) for g in state.groups} == {Phase.VOTE}, timeout=T
    )

    key(qtbot, Qt.Key.Key_P, CTRL)  # the timer's own key, from anywhere in the window
    qtbot.waitUntil(lambda: state.round(round_id).timer_ends_at is not None, timeout=T)
    assert "Ctrl+P" in window.run_features.timer_bar.start_button.toolTip()


# -- the wall -----------------------------------------------------------------------------


def test_arrows_move_the_focus_shift_extends_space_toggles_esc_clears(qtbot, session) -> None:
    window = session.window
    group = session.state.groups[0].id
    window.groups.select_group(group)
    a, b, c, d = add_notes(qtbot, session, group, "Eén", "Twee", "Drie", "Vier")
    wall, scene = window.wall, window.wall.wall_scene
    wall.move_note(d, QPointF(0, SLOT_H))  # d under a: a b c / d
    to_pane(qtbot, window, wall)
    assert focused_note(window) == a  # the top-left note, selected
    assert [i.note_id for i in scene.selectedItems()] == [a]
    key(qtbot, Qt.Key.Key_Right)
    assert focused_note(window) == b
    assert [i.note_id for i in scene.selectedItems()] == [b]
    key(qtbot, Qt.Key.Key_Right, SHIFT)
    assert focused_note(window) == c
    assert sorted(i.note_id for i in scene.selectedItems()) == [b, c]
    key(qtbot, Qt.Key.Key_Space)  # c leaves the selection, keeps the focus
    assert [i.note_id for i in scene.selectedItems()] == [b]
    assert focused_note(window) == c
    key(qtbot, Qt.Key.Key_Left)
    key(qtbot, Qt.Key.Key_Left)
    key(qtbot, Qt.Key.Key_Down)
    assert focused_note(window) == d
    key(qtbot, Qt.Key.Key_Down)  # nothing below d: the focus stays
    assert focused_note(window) == d
    key(qtbot, Qt.Key.Key_Escape)
    assert scene.selectedItems() == []
    assert QApplication.focusWidget() is wall


def test_tab_leaves_the_wall_instead_of_walking_its_notes(qtbot, session) -> None:
    window = session.window
    group = session.state.groups[0].id
    window.groups.select_group(group)
    add_notes(qtbot, session, group, "Eén", "Twee", "Drie")
    to_pane(qtbot, window, window.wall)
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.wall
    key(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is window.wall


def test_ctrl_arrows_move_the_note_and_hop_over_taken_places(qtbot, session) -> None:
    window = session.window
    group = session.state.groups[0].id
    window.groups.select_group(group)
    a, b, c = add_notes(qtbot, session, group, "Eén", "Twee", "Drie")
    to_pane(qtbot, window, window.wall)
    assert focused_note(window) == a
    key(qtbot, Qt.Key.Key_Right, CTRL)  # b and c hold the next two places: a hops over
    qtbot.waitUntil(lambda: stored(session, a).x is not None, timeout=T)
    assert (stored(session, a).x, stored(session, a).y) == (3 * SLOT_W, 0)
    qtbot.waitUntil(lambda: window.wall.item(a).pos() == QPointF(3 * SLOT_W, 0), timeout=T)
    assert focused_note(window) == a  # the focus travels with the note
    key(qtbot, Qt.Key.Key_Down, CTRL)
    qtbot.waitUntil(lambda: stored(session, a).y == SLOT_H, timeout=T)
    key(qtbot, Qt.Key.Key_Up, CTRL)
    key(qtbot, Qt.Key.Key_Up, CTRL)  # off the top of the wall: stays
    qtbot.waitUntil(lambda: stored(session, a).y == 0, timeout=T)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: stored(session, a).y == SLOT_H, timeout=T)
    assert (stored(session, b).x, stored(session, c).x) == (None, None)  # never touched


def test_the_focused_note_draws_a_focus_ring(qtbot, session) -> None:
    window = session.window
    group = session.state.groups[0].id
    window.groups.select_group(group)
    (a,) = add_notes(qtbot, session, group, "Eén")
    item = window.wall.item(a)

    def drawn() -> QImage:
        image = QImage(240, 160, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        item.paint(painter, QStyleOptionGraphicsItem())
        painter.end()
        return image

    before = drawn()
    to_pane(qtbot, window, window.wall)
    assert item.hasFocus()
    after = drawn()
    ring = [QColor(after.pixel(x, 5)).lightness() for x in range(20, 200)]
    assert min(ring) < 60  # dark dashes along the ring's top edge
    assert [QColor(before.pixel(x, 5)).lightness() for x in range(20, 200)] != ring


def test_the_day_by_keyboard_alone(qtbot, session) -> None:
    """Pick a table, next step, focus a note, move it, cluster two, hide one, undo, open
    the export dialog and cancel it, F1 shows the keys: not one mouse event."""
    window, state = session.window, session.state
    round_id = window.current_round_id()
    first, second = state.groups[0].id, state.groups[1].id

    to_pane(qtbot, window, window.groups)  # pick a table
    key(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.current_group_id() == second, timeout=T)
    assert window.wall.key == (second, round_id)
    key(qtbot, Qt.Key.Key_PageDown)  # next step: the round's tables start collecting
    qtbot.waitUntil(lambda: state.phase(round_id, first) == Phase.COLLECT, timeout=T)

    a, b, c = add_notes(qtbot, session, second, "Meer overleg", "Vaker overleggen", "Koffie")
    to_pane(qtbot, window, window.wall)  # focus a note
    assert focused_note(window) == a
    key(qtbot, Qt.Key.Key_Down, CTRL)  # move it
    qtbot.waitUntil(lambda: stored(session, a).y == SLOT_H, timeout=T)

    key(qtbot, Qt.Key.Key_Up)  # cluster two: b, and c with Shift
    assert focused_note(window) == b
    key(qtbot, Qt.Key.Key_Right, SHIFT)
    key(qtbot, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: stored(session, b).cluster_id is not None, timeout=T)
    assert stored(session, c).cluster_id == stored(session, b).cluster_id
    controller = window.wall_features.controller
    qtbot.waitUntil(lambda: controller.editor is not None, timeout=T)  # name it
    qtbot.keyClicks(QApplication.focusWidget(), "Overleg")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: [c.name for c in state.clusters_of(second, round_id)] == ["Overleg"], timeout=T
    )
    assert QApplication.focusWidget() is window.wall  # back on the wall

    for _ in range(3):  # hide one: down to a, below the cluster
        if focused_note(window) == a:
            break
        key(qtbot, Qt.Key.Key_Down)
    assert focused_note(window) == a
    key(qtbot, Qt.Key.Key_H, CTRL)
    qtbot.waitUntil(lambda: stored(session, a).hidden, timeout=T)
    key(qtbot, Qt.Key.Key_Z, CTRL)  # undo
    qtbot.waitUntil(lambda: not stored(session, a).hidden, timeout=T)

    key(qtbot, Qt.Key.Key_E, CTRL)  # the export dialog, and Esc
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QDialog), timeout=T)
    dialog = QApplication.activeWindow()
    assert dialog is window.preparer.export_dialog
    key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=T)
    window.activateWindow()  # what a desktop's window manager does when a dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=T)
    assert QApplication.focusWidget() is window.wall  # the keyboard is back where it was

    key(qtbot, Qt.Key.Key_F1)  # the keys
    help_dialog = window.help_dialog
    assert help_dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is help_dialog, timeout=T)
    table = help_dialog.findChild(QTableWidget, "shortcuts")
    assert table.rowCount() == len(window.shortcut_rows()) > 30
    key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not help_dialog.isVisible(), timeout=T)


# -- F1 -------------------------------------------------------------------------------------


def test_every_key_of_the_window_is_in_the_f1_list(qtbot, session) -> None:
    window = session.window
    rows = window.shortcut_rows()
    assert unlisted_keys(window, rows) == []
    listed = {k for r in rows for k in r[0].split(" / ")}
    for needed in ("Ctrl+P", "F6", "Ctrl+Left", "Ctrl+G", "Ctrl+H", "F1", "PgDown", "F11"):
        # as the interface names the keys (Qt's own Dutch says "Ctrl+Links")
        assert QKeySequence(needed).toString(QKeySequence.SequenceFormat.NativeText) in listed
    assert "Space" not in listed  # the timer gave Space back to the buttons

    # Made from the actions: a key added anywhere shows up without touching the list.
    extra = QAction("Iets nieuws", window)
    extra.setShortcut("Ctrl+Alt+K")
    window.addAction(extra)
    assert ("Ctrl+Alt+K", "Iets nieuws", "") in window.shortcut_rows()
    extra.setShortcut("")
    assert unlisted_keys(window, window.shortcut_rows()) == []


# -- dialogs without a mouse ----------------------------------------------------------------


def _tab_stops(dialog: QDialog) -> set[QWidget]:
    """What Tab can reach in the dialog: enabled, visible, taking focus by Tab."""
    return {
        w
        for w in dialog.findChildren(QWidget)
        if w.isVisibleTo(dialog)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)  # their editors
    }


def check_keyboard_only(qtbot, dialog: QDialog, *, default: bool = True) -> None:
    """Focus starts inside; Tab walks every field and button and comes back round;
    Enter has a default button to press (`default`; the editor saves as one types, and
    Enter there only commits the field); Esc closes."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=T)
    start = QApplication.focusWidget()
    assert start is not None and dialog.isAncestorOf(start), dialog.windowTitle()
    stops = _tab_stops(dialog)
    seen: set[QWidget] = set()
    for _ in range(len(stops) + 2):
        key(qtbot, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None and dialog.isAncestorOf(focus)  # Tab stays in the dialog
        seen.add(focus)
    missing = [f"{type(w).__name__} {getattr(w, 'text', lambda: '')()}" for w in stops - seen]
    assert not missing, (dialog.windowTitle(), missing)
    buttons = dialog.findChildren(QPushButton)
    assert any(b.isDefault() for b in buttons) is default, dialog.windowTitle()
    key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=T)


@pytest.mark.parametrize(
    ("keys", "default"),
    [
        ((Qt.Key.Key_E, CTRL), True),  # export
        ((Qt.Key.Key_N, CTRL), True),  # new workshop
        ((Qt.Key.Key_Comma, CTRL), False),  # the editor
        ((Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier), True),  # the keys
    ],
)
def test_every_dialog_works_without_a_mouse(qtbot, session, keys, default) -> None:
    window = session.window
    window.wall.setFocus(Qt.FocusReason.OtherFocusReason)
    key(qtbot, *keys)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QDialog), timeout=T)
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, QDialog)
    check_keyboard_only(qtbot, dialog, default=default)


def test_the_about_box_works_without_a_mouse(qtbot, session) -> None:
    window = session.window
    checked: list[bool] = []

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        check_keyboard_only(qtbot, dialog)
        checked.append(True)

    QTimer.singleShot(0, check)
    window.show_about()  # modal: returns when Esc closed it
    assert checked == [True]


def test_merge_and_f2_act_on_the_notes_chosen_by_keyboard(qtbot, session) -> None:
    window = session.window
    group = session.state.groups[0].id
    window.groups.select_group(group)
    a, b, c = add_notes(qtbot, session, group, "Meer overleg", "Vaker overleggen", "Koffie")
    to_pane(qtbot, window, window.wall)
    key(qtbot, Qt.Key.Key_Right, SHIFT)  # a and b
    key(qtbot, Qt.Key.Key_M, CTRL)
    qtbot.waitUntil(lambda: stored(session, b).merged_into == a, timeout=T)
    qtbot.waitUntil(lambda: window.wall.item(b) is None, timeout=T)
    key(qtbot, Qt.Key.Key_Right)  # c, then back to a with Shift: both selected
    key(qtbot, Qt.Key.Key_Left, SHIFT)
    assert focused_note(window) == a
    assert len(window.wall.wall_scene.selectedItems()) == 2
    key(qtbot, Qt.Key.Key_F2)  # edits the focused one
    controller = window.wall_features.controller
    qtbot.waitUntil(lambda: controller.editor is not None, timeout=T)
    qtbot.keyClicks(QApplication.focusWidget(), "Thee")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(session, a).text == "Thee", timeout=T)
    assert stored(session, c).text == "Koffie"
    assert QApplication.focusWidget() is window.wall
