"""A frame that grows never lies over another frame or a note put down by hand (issue 11,
readable wall): what it would cover moves aside, in the same undo step. And Ctrl+G puts
loose notes into a selected cluster: the keyboard's way to drop notes on a frame."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt

from facilitator.store import Store
from facilitator.ui.wall.grid import SLOT_H, SLOT_W
from facilitator.ui.wall.room import make_room
from tests.test_ui_wall_tall import CTRL, T, add, key, overlaps

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def rect(x: float, y: float, w: float = 2 * SLOT_W - 20, h: float = SLOT_H) -> QRectF:
    return QRectF(QPointF(x, y), QSizeF(w, h))


# -- the geometry ---------------------------------------------------------------------


def test_a_frame_growing_sideways_pushes_its_neighbour_right_by_whole_slots() -> None:
    grown = rect(0, 0, w=3 * SLOT_W - 20)  # two slots wide before, three now
    moved = make_room(grown, {"right": rect(2 * SLOT_W, 0), "far": rect(6 * SLOT_W, 0)})
    assert moved == {"right": QPointF(3 * SLOT_W, 0)}  # "far" is not in the way: stays


def test_a_frame_growing_down_pushes_the_one_below_down() -> None:
    grown = rect(0, 0, h=3 * SLOT_H)
    moved = make_room(grown, {"below": rect(0, 2 * SLOT_H, w=4 * SLOT_W)})
    assert moved == {"below": QPointF(0, 3 * SLOT_H)}


def test_what_moves_aside_never_lands_on_something_else() -> None:
    grown = rect(0, 0, w=3 * SLOT_W - 20)
    placed = {
        "neighbour": rect(2 * SLOT_W, 0),
        "next": rect(4 * SLOT_W, 0),  # right where the neighbour would go first
        "note": rect(2 * SLOT_W, SLOT_H, w=SLOT_W - 20),  # under it, so down is no way
    }
    moved = make_room(grown, placed)
    new = QRectF(moved["neighbour"], placed["neighbour"].size())
    assert not new.intersects(placed["next"]) and not new.intersects(grown)
    assert not new.intersects(placed["note"])
    assert set(moved) == {"neighbour"}


# -- the real window --------------------------------------------------------------------


def stored_place(session, cluster_id: int) -> QPointF:
    store = Store.open(session.engine.path, readonly=True)
    try:
        cluster = next(c for c in store.clusters() if c.id == cluster_id)
    finally:
        store.close()
    return QPointF(cluster.x, cluster.y)


def select(view, *items) -> None:
    view.wall_scene.clearSelection()
    for item in items:
        item.setSelected(True)
    view.setFocus(Qt.FocusReason.OtherFocusReason)


def ctrl_g_new_cluster(qtbot, window, *note_ids: int):
    view = window.wall
    before = {f.cluster_id for f in view.cluster_items()}
    select(view, *(view.item(n) for n in note_ids))
    key(qtbot, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: len(view.cluster_items()) == len(before) + 1, timeout=T)
    controller = window.wall_features.controller
    qtbot.waitUntil(lambda: controller.editor is not None, timeout=T)
    key(qtbot, Qt.Key.Key_Escape)  # keep the proposed name
    frame = next(f for f in view.cluster_items() if f.cluster_id not in before)
    qtbot.waitUntil(lambda: frame.member_count() == len(note_ids), timeout=T)
    return frame


def test_notes_put_in_a_cluster_by_ctrl_g_grow_it_and_its_neighbour_moves_aside(
    qtbot, session
) -> None:
    window = session.window
    view = window.wall
    ids = add(qtbot, session, *(f"Idee {n}" for n in range(1, 13)))
    by_place = sorted(ids, key=lambda n: (view.item(n).pos().y(), view.item(n).pos().x()))
    left = ctrl_g_new_cluster(qtbot, window, *by_place[:2])  # the first two of the top row
    row = sorted(
        (n for n in ids if view.item(n).cluster_id is None and view.item(n).pos().y() == 0),
        key=lambda n: view.item(n).pos().x(),
    )
    right = ctrl_g_new_cluster(qtbot, window, *row[:2])  # the two beside it
    assert right.pos().x() - left.pos().x() == 2 * SLOT_W  # side by side, a slot apart
    assert overlaps(view) == []
    right_was = right.pos()
    steps = window.undo_stack.count()

    # The left frame and three loose notes selected, Ctrl+G: into that cluster. Five
    # notes lay out three wide, so the frame grows over its neighbour.
    loose = [n for n in ids if view.item(n).cluster_id is None][:3]
    select(view, left, *(view.item(n) for n in loose))
    key(qtbot, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: left.member_count() == 5, timeout=T)
    qtbot.waitUntil(lambda: stored_place(session, right.cluster_id) != right_was, timeout=T)
    qtbot.waitUntil(lambda: right.pos() != right_was, timeout=T)
    assert len(view.cluster_items()) == 2  # no new cluster
    assert right.pos() == QPointF(right_was.x() + SLOT_W, right_was.y())  # one slot on
    assert overlaps(view) == []
    assert window.undo_stack.count() == steps + 1

    # One Ctrl+Z: the notes out again and the neighbour back where it was.
    key(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: left.member_count() == 2, timeout=T)
    qtbot.waitUntil(lambda: right.pos() == right_was, timeout=T)
    assert stored_place(session, right.cluster_id) == right_was
    assert overlaps(view) == []


def test_ctrl_g_with_two_clusters_selected_asks_for_one_and_changes_nothing(
    qtbot, session
) -> None:
    window = session.window
    view = window.wall
    ids = add(qtbot, session, *(f"Idee {n}" for n in range(1, 7)))
    one = ctrl_g_new_cluster(qtbot, window, *ids[:2])
    two = ctrl_g_new_cluster(
        qtbot, window, *[n for n in ids if view.item(n).cluster_id is None][:2]
    )
    steps = window.undo_stack.count()
    loose = [n for n in ids if view.item(n).cluster_id is None]
    select(view, one, two, view.item(loose[0]))
    key(qtbot, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: "één cluster" in window.statusBar().currentMessage(), timeout=T)
    assert window.undo_stack.count() == steps
    assert view.item(loose[0]).cluster_id is None


def test_a_new_frame_moves_a_note_put_down_by_hand_out_of_its_way(qtbot, session) -> None:
    window = session.window
    view = window.wall
    ids = add(qtbot, session, *(f"Idee {n}" for n in range(1, 5)))
    first, second, placed = ids[0], ids[1], ids[2]
    # The facilitator put a note right under the first two, where their frame will be.
    view.move_note(placed, QPointF(view.item(first).pos().x(), SLOT_H))
    qtbot.waitUntil(lambda: view.placed_by_hand(placed), timeout=T)
    put_at = view.item(placed).pos()
    frame = ctrl_g_new_cluster(qtbot, window, first, second)
    qtbot.waitUntil(lambda: view.item(placed).pos() != put_at, timeout=T)
    assert overlaps(view) == []
    assert view.item(placed).cluster_id is None
    assert frame.member_count() == 2
    key(qtbot, Qt.Key.Key_Z, CTRL)  # the frame and the move are one step
    qtbot.waitUntil(lambda: not view.cluster_items(), timeout=T)
    qtbot.waitUntil(lambda: view.item(placed).pos() == put_at, timeout=T)


def test_a_note_typed_longer_in_its_frame_moves_the_frame_below_down(qtbot, session) -> None:
    from facilitator.engine import CreateCluster
    from tests.test_ui_wall_tall import LONG, retype

    window = session.window
    view = window.wall
    ids = add(qtbot, session, "Kort", "Ook kort", "Onder")
    group, round_id = session.state.groups[0].id, window.current_round_id()
    session.engine.execute(CreateCluster(group, round_id, "Boven", tuple(ids[:2]), 0.0, 0.0))
    session.engine.execute(CreateCluster(group, round_id, "Onder", (ids[2],), 0.0, 2 * SLOT_H))
    qtbot.waitUntil(lambda: sorted(f.member_count() for f in view.cluster_items()) == [1, 2],
                    timeout=T)
    below = next(f for f in view.cluster_items() if f.name() == "Onder")
    assert overlaps(view) == []

    retype(qtbot, view, ids[0], LONG)
    qtbot.waitUntil(lambda: view.item(ids[0]).rows() == 3, timeout=T)
    qtbot.waitUntil(lambda: below.pos().y() > 2 * SLOT_H, timeout=T)
    assert below.pos().x() == 0  # straight down: a column stays a column
    assert overlaps(view) == []
    key(qtbot, Qt.Key.Key_Z, CTRL)  # the edit and the move are one step
    qtbot.waitUntil(lambda: below.pos() == QPointF(0, 2 * SLOT_H), timeout=T)
    qtbot.waitUntil(lambda: view.item(ids[0]).rows() == 1, timeout=T)
