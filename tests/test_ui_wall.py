"""The wall driven as a facilitator would at 10:15 (THE-DAY steps 10-12): drags that make
and join clusters, names typed in place, merged duplicates, hiding, typos, paper notes,
undo and redo of each, search, dots and the ranking, action points. Real engine,
offscreen, settings under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QMenu

from facilitator import app as app_module
from facilitator.domain.model import Phase
from facilitator.engine import (
    AddNote,
    CastVotes,
    CreateCluster,
    Join,
    SetActiveRound,
    SetPhase,
)
from facilitator.store import Store

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
T = 5000


class Wall:
    """A running app with the wall features installed, on an empty table's wall."""

    def __init__(self, qtbot, running) -> None:
        self.qtbot, self.running = qtbot, running
        self.window, self.engine = running.window, running.engine
        self.features = self.window.wall_features
        self.group = running.state.groups[5]
        self.window.groups.select_group(self.group.id)
        self.round_id = self.window.current_round_id()
        self.view = self.window.wall

    def add(self, *texts: str) -> list[int]:
        ids = [self.engine.execute(AddNote(self.group.id, t, round_id=self.round_id)).note.id
               for t in texts]
        self.qtbot.waitUntil(lambda: all(self.view.item(i) for i in ids), timeout=T)
        self.view.fit_all()
        return ids

    def stored(self, fn):
        store = Store.open(self.engine.path, readonly=True)
        try:
            return fn(store)
        finally:
            store.close()

    def note(self, note_id: int):
        return self.stored(lambda s: s.note(note_id))

    def clusters(self):
        return self.stored(lambda s: s.clusters(group_id=self.group.id, round_id=self.round_id))

    def until(self, predicate) -> None:
        self.qtbot.waitUntil(predicate, timeout=T)

    def drag(self, item, to: QPointF, grab: QPointF | None = None) -> None:
        """Press on the item, move in steps, release at a scene point: a real mouse drag."""
        viewport = self.view.viewport()
        start = self.view.mapFromScene(grab if grab is not None
                                       else item.mapToScene(QPointF(110, 75)))
        end = self.view.mapFromScene(to)
        self.qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        for step in range(1, 7):
            self.qtbot.mouseMove(viewport, start + (end - start) * (step / 6))
        self.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)

    def centre(self, note_id: int) -> QPointF:
        return self.view.item(note_id).mapToScene(QPointF(110, 75))

    def select(self, *items) -> None:
        self.view.wall_scene.clearSelection()
        for item in items:
            item.setSelected(True)
        self.view.setFocus()

    def close_name_editor(self) -> None:
        """A cluster made by hand opens its name field; leave the default name."""
        self.until(lambda: self.features.controller.editor is not None)
        self.features.controller.editor.cancel()

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.window.activateWindow()
        self.view.setFocus()
        self.qtbot.keyClick(self.view, key, modifier)


@pytest.fixture
def wall(qtbot, workshop_path: Path):
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    running.window.resize(1400, 900)
    running.window.show()
    qtbot.waitExposed(running.window)
    yield Wall(qtbot, running)
    running.close()


def test_drops_make_name_join_and_leave_a_cluster_and_each_undoes(wall) -> None:
    a, b, c = wall.add("Leesbevordering", "Voorlezen op school", "Boekstart")
    wall.drag(wall.view.item(a), wall.centre(b))
    wall.until(lambda: len(wall.clusters()) == 1)
    cluster = wall.clusters()[0]
    assert cluster.name == "Cluster 1"
    assert {wall.note(a).cluster_id, wall.note(b).cluster_id} == {cluster.id}
    # The new frame's name field is open, ready to type.
    wall.until(lambda: wall.features.controller.editor is not None)
    editor = wall.features.controller.editor
    editor.set_text("Jeugd")
    wall.qtbot.keyClick(editor.widget, Qt.Key.Key_Return)
    wall.until(lambda: wall.clusters()[0].name == "Jeugd")
    wall.until(lambda: wall.view.cluster_item(cluster.id).name() == "Jeugd")

    frame = wall.view.cluster_item(cluster.id)
    wall.drag(wall.view.item(c), frame.mapToScene(QPointF(30, 20)))
    wall.until(lambda: wall.note(c).cluster_id == cluster.id)
    wall.until(lambda: frame.member_count() == 3)
    assert frame.sceneBoundingRect().contains(wall.view.item(c).sceneBoundingRect().center())

    outside = frame.sceneBoundingRect().bottomRight() + QPointF(300, 40)
    wall.drag(wall.view.item(c), outside)
    wall.until(lambda: wall.note(c).cluster_id is None)
    assert wall.note(c).x is not None

    stack = wall.window.undo_stack
    stack.undo()  # leave
    wall.until(lambda: wall.note(c).cluster_id == cluster.id)
    stack.undo()  # join
    wall.until(lambda: wall.note(c).cluster_id is None)
    stack.undo()  # rename
    wall.until(lambda: wall.clusters()[0].name == "Cluster 1")
    stack.undo()  # create
    wall.until(lambda: wall.clusters() == [] and wall.note(a).cluster_id is None)
    wall.until(lambda: wall.view.cluster_items() == [])
    for _ in range(4):
        stack.redo()
    wall.until(lambda: len(wall.clusters()) == 1 and wall.clusters()[0].name == "Jeugd")
    again = wall.clusters()[0]
    wall.until(lambda: wall.note(a).cluster_id == again.id == wall.note(b).cluster_id)
    wall.until(lambda: wall.note(c).cluster_id is None)


def test_dragging_a_frame_moves_the_cluster_and_delete_frees_its_notes(wall) -> None:
    a, b = wall.add("Bibliotheek op school", "Leesconsulenten")
    wall.select(wall.view.item(a), wall.view.item(b))
    wall.key(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    wall.until(lambda: len(wall.clusters()) == 1)
    wall.close_name_editor()
    cluster_id = wall.clusters()[0].id
    wall.until(lambda: wall.view.cluster_item(cluster_id) is not None
               and wall.view.cluster_item(cluster_id).member_count() == 2)
    frame = wall.view.cluster_item(cluster_id)
    start = frame.pos()
    header = frame.mapToScene(QPointF(20, 10))
    wall.drag(frame, header + QPointF(200, 150), grab=header)
    wall.until(lambda: abs(wall.clusters()[0].x - start.x() - 200) < 2)
    member = wall.view.item(a)
    assert frame.sceneBoundingRect().contains(member.sceneBoundingRect().center())
    wall.window.undo_stack.undo()
    wall.until(lambda: abs(wall.clusters()[0].x - start.x()) < 0.01)
    wall.until(lambda: frame.pos() == start)

    wall.select(frame)
    wall.key(Qt.Key.Key_Delete)
    wall.until(lambda: wall.clusters() == [] and wall.note(b).cluster_id is None)
    wall.window.undo_stack.undo()
    wall.until(lambda: len(wall.clusters()) == 1)
    restored = wall.clusters()[0]
    assert restored.name == "Cluster 1"
    wall.until(lambda: wall.note(a).cluster_id == restored.id == wall.note(b).cluster_id)


def test_merging_duplicates_shows_plus_one_and_undo_and_unmerge_split_them(wall) -> None:
    a, b, _c = wall.add("Eén loket voor laaggeletterdheid", "één loket laaggeletterdheid", "x")
    wall.select(wall.view.item(a), wall.view.item(b))
    wall.key(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    wall.until(lambda: wall.note(b).merged_into == a)
    wall.until(lambda: wall.view.item(b) is None and wall.view.item(a).merged_count() == 1)
    wall.window.undo_stack.undo()
    wall.until(lambda: wall.note(b).merged_into is None and wall.view.item(b) is not None)
    assert wall.view.item(a).merged_count() == 0
    wall.window.undo_stack.redo()
    wall.until(lambda: wall.note(b).merged_into == a)
    wall.until(lambda: wall.view.item(a).merged_count() == 1)
    menu = QMenu()  # the kept note's context menu, as the scene fills it on a right-click
    wall.features.controller.fill_menu(wall.view.item(a), menu)
    labels = {action.text(): action for action in menu.actions()}
    assert "Tekst verbeteren (F2)" in labels and "Actiepunt maken…" in labels
    labels["Dubbel uit elkaar halen"].trigger()
    wall.until(lambda: wall.note(b).merged_into is None and wall.view.item(b) is not None)
    wall.window.undo_stack.undo()
    wall.until(lambda: wall.note(b).merged_into == a)


def test_a_merge_of_several_undoes_in_one_step_sent_as_one_engine_command(wall) -> None:
    a, b, c = wall.add("Eén loket", "één loket", "een loket!")
    frame = wall.engine.execute(CreateCluster(wall.group.id, wall.round_id, "Loket", (c,)))
    wall.until(lambda: wall.view.item(c).cluster_id == frame.id)
    stack = wall.window.undo_stack
    before = stack.count()
    wall.select(wall.view.item(a), wall.view.item(b), wall.view.item(c))
    wall.key(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    wall.until(lambda: wall.note(b).merged_into == a == wall.note(c).merged_into)
    assert stack.count() == before + 1  # one entry on the stack, not one per duplicate
    sent = wall.engine.commands
    stack.undo()
    wall.until(lambda: wall.note(b).merged_into is None and wall.note(c).merged_into is None)
    assert wall.note(c).cluster_id == frame.id  # back in the frame it came from
    wall.until(lambda: wall.view.item(b) is not None and wall.view.item(c) is not None)
    assert wall.engine.commands == sent + 1  # the whole undo was one engine command
    stack.redo()
    wall.until(lambda: wall.note(b).merged_into == a == wall.note(c).merged_into)
    assert wall.engine.commands == sent + 2


def test_hide_and_typo_fix_are_undoable(wall) -> None:
    (a,) = wall.add("Bibliotheken zijn zichtbar")
    wall.select(wall.view.item(a))
    wall.key(Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    wall.until(lambda: wall.note(a).hidden)
    wall.until(lambda: wall.view.item(a).hidden)
    wall.window.undo_stack.undo()
    wall.until(lambda: not wall.note(a).hidden)

    at = wall.view.mapFromScene(wall.centre(a))
    wall.qtbot.mouseDClick(wall.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    wall.until(lambda: wall.features.controller.editor is not None)
    editor = wall.features.controller.editor
    assert editor.text() == "Bibliotheken zijn zichtbar"
    editor.set_text("Bibliotheken zijn zichtbaar")
    wall.qtbot.keyClick(editor.widget, Qt.Key.Key_Return)
    wall.until(lambda: wall.note(a).text == "Bibliotheken zijn zichtbaar")
    wall.until(lambda: wall.view.item(a).text() == "Bibliotheken zijn zichtbaar")
    wall.window.undo_stack.undo()
    wall.until(lambda: wall.note(a).text == "Bibliotheken zijn zichtbar")
    assert wall.features.controller.editor is None


def test_paper_note_typed_in_is_marked_and_undo_takes_it_away(wall) -> None:
    field = wall.window.note_entry.field
    wall.qtbot.keyClicks(field, "Van papier: <i>meer</i> jeugd")
    wall.qtbot.keyClick(field, Qt.Key.Key_Return)
    notes = lambda: wall.stored(lambda s: s.notes(group_id=wall.group.id,  # noqa: E731
                                                  round_id=wall.round_id))
    wall.until(lambda: len(notes()) == 1)
    paper = notes()[0]
    assert paper.is_paper and paper.text == "Van papier: <i>meer</i> jeugd"
    wall.until(lambda: wall.view.item(paper.id) is not None)
    wall.window.undo_stack.undo()
    wall.until(lambda: notes() == [] and wall.view.note_items() == [])
    wall.window.undo_stack.redo()
    wall.until(lambda: len(notes()) == 1 and notes()[0].is_paper)


def test_search_highlights_matches_ignoring_case_and_accents(wall) -> None:
    a, b, c = wall.add("Één loket", "Jeugd en school", "Geen loket hier? Ja: LOKET")
    wall.key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = wall.features.search
    assert search.hasFocus()
    wall.qtbot.keyClicks(search, "een")
    assert wall.view.item(a).search_match() is True  # "Één" folds to "een"
    assert wall.view.item(c).search_match() is True  # "Geen"
    assert wall.view.item(b).search_match() is False
    assert wall.view.item(b).opacity() < 0.5
    wall.qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    assert all(i.search_match() is None and i.opacity() == 1.0 for i in wall.view.note_items())


def test_votes_show_dots_on_the_wall_and_a_ranking_with_a_tie(wall) -> None:
    a, b, c, d = wall.add("Jeugd", "Leesclub", "Data delen", "Lobby")
    wall.select(wall.view.item(a), wall.view.item(b))
    wall.window.cluster_action.trigger()
    wall.until(lambda: len(wall.clusters()) == 1)
    wall.close_name_editor()
    cluster = wall.clusters()[0]
    engine = wall.engine
    engine.execute(SetActiveRound(wall.round_id))
    engine.execute(SetPhase(wall.round_id, Phase.VOTE, (wall.group.id,)))
    p1 = engine.execute(Join(wall.group.id, "Anna"))
    p2 = engine.execute(Join(wall.group.id, "Bram"))
    engine.execute(CastVotes(p1.id, ((f"c{cluster.id}", 1), (f"n{c}", 1), (f"n{d}", 1))))
    engine.execute(CastVotes(p2.id, ((f"c{cluster.id}", 1), (f"n{c}", 1))))
    frame = wall.view.cluster_item(cluster.id)
    wall.until(lambda: frame.dots() == 2 and wall.view.item(c).dots() == 2)
    assert wall.view.item(d).dots() == 1
    rows = wall.features.results.rows()
    assert rows[0] == ["1.", "▣ Cluster 1", "● 2", "gelijk"]
    assert rows[1] == ["1.", "Data delen", "● 2", "gelijk"]
    assert rows[2] == ["3.", "Lobby", "● 1", ""]


def test_action_point_linked_to_a_cluster_lands_in_the_store(wall) -> None:
    a, b = wall.add("Jeugd", "Leesclub")
    wall.select(wall.view.item(a), wall.view.item(b))
    wall.window.cluster_action.trigger()
    wall.until(lambda: len(wall.clusters()) == 1)
    wall.close_name_editor()
    cluster = wall.clusters()[0]
    wall.until(lambda: wall.view.cluster_item(cluster.id) is not None)
    wall.select(wall.view.cluster_item(cluster.id))
    wall.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
             | Qt.KeyboardModifier.ShiftModifier)
    panel = wall.features.actions
    assert panel.what.text() == "Cluster 1"
    panel.what.setText("Leesoffensief met scholen")
    wall.qtbot.keyClicks(panel.who, "SPN")
    wall.qtbot.keyClicks(panel.due, "1 oktober")
    wall.qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    actions = lambda: wall.stored(lambda s: s.actions())  # noqa: E731
    wall.until(lambda: len(actions()) == 1)
    stored = actions()[0]
    assert (stored.what, stored.who, stored.due, stored.cluster_id) == (
        "Leesoffensief met scholen", "SPN", "1 oktober", cluster.id)
    wall.until(lambda: panel.table.rowCount() == 1)
    assert panel.table.item(0, 3).text() == "cluster: Cluster 1"
    panel.table.selectRow(0)
    wall.qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    wall.until(lambda: actions() == [])
    wall.window.undo_stack.undo()  # a wrongly deleted action point comes back, still linked
    wall.until(lambda: len(actions()) == 1 and actions()[0].cluster_id == cluster.id)
    wall.until(lambda: panel.table.rowCount() == 1)
    wall.window.undo_stack.undo()  # and the first add is undone too
    wall.until(lambda: actions() == [])


def test_shortcuts_are_listed_in_help(wall) -> None:
    wall.window.help_action.trigger()
    dialog = wall.window.help_dialog
    wall.qtbot.waitExposed(dialog)
    table = dialog.findChild(type(wall.features.results.table), "shortcuts")
    listed = {k for r in range(table.rowCount()) for k in table.item(r, 0).text().split(" / ")}
    assert {"Ctrl+F", "Ctrl+M", "F2", "Ctrl+G", "Del", "Ctrl+Z"} <= listed
    dialog.close()


def test_dropping_on_a_clustered_note_joins_and_f2_renames_the_frame(wall) -> None:
    a, b, c = wall.add("Jeugd", "Leesclub", "Voorleesexpress")
    wall.select(wall.view.item(a), wall.view.item(b))
    wall.key(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    wall.until(lambda: len(wall.clusters()) == 1)
    wall.close_name_editor()
    cluster = wall.clusters()[0]
    wall.until(lambda: wall.view.cluster_item(cluster.id).member_count() == 2)
    wall.drag(wall.view.item(c), wall.centre(b))  # onto a note that is in the cluster
    wall.until(lambda: wall.note(c).cluster_id == cluster.id)
    frame = wall.view.cluster_item(cluster.id)
    wall.select(frame)
    wall.key(Qt.Key.Key_F2)
    wall.until(lambda: wall.features.controller.editor is not None)
    editor = wall.features.controller.editor
    assert editor.text() == "Cluster 1"
    editor.set_text("Lezen <en> schrijven")
    wall.qtbot.keyClick(editor.widget, Qt.Key.Key_Return)
    wall.until(lambda: wall.clusters()[0].name == "Lezen <en> schrijven")
    wall.until(lambda: frame.name() == "Lezen <en> schrijven")
    wall.key(Qt.Key.Key_Escape)  # Esc on the wall leaves names alone
    assert wall.clusters()[0].name == "Lezen <en> schrijven"


def test_middle_button_pans_the_wall(wall) -> None:
    wall.add(*[f"briefje {i}" for i in range(40)])
    wall.view.zoom_by(3.0)
    bar = wall.view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    viewport = wall.view.viewport()
    wall.qtbot.mousePress(viewport, Qt.MouseButton.MiddleButton, pos=QPoint(600, 300))
    for x in (550, 500, 450):
        wall.qtbot.mouseMove(viewport, QPoint(x, 300))
    wall.qtbot.mouseRelease(viewport, Qt.MouseButton.MiddleButton, pos=QPoint(450, 300))
    assert bar.value() > before
    assert wall.view.wall_scene.selectedItems() == []


def test_zoom_from_below_the_minimum_steps_not_jumps(wall) -> None:
    """Fit-all on a big wall can show it at 0.025x: zooming must step from there."""
    view = wall.view
    view.resetTransform()
    view.scale(0.025, 0.025)
    view.zoom_by(1 / 1.15)
    assert view.transform().m11() == pytest.approx(0.025)  # out: stays, never jumps in
    view.zoom_by(1.15)
    assert view.transform().m11() == pytest.approx(0.025 * 1.15)  # in: one step
