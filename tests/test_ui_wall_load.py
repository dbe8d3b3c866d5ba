"""The wall with its grouping features under a full table's load: 500 notes arriving
live, a big cluster made in one drop, a search over all of them; and the action panel's
"koppel aan selectie" on an existing action point."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from facilitator.engine import AddAction, AddNote, CreateCluster
from tests.test_ui_wall import wall  # noqa: F401  (a fixture)


def test_five_hundred_notes_with_clusters_and_search_stay_quick(wall) -> None:  # noqa: F811
    engine, group, round_id = wall.engine, wall.group, wall.round_id
    wall.features.search.setText("idee 4")
    started = time.perf_counter()
    futures = [engine.submit(AddNote(group.id, f"Idee {i}: " + "woord " * (i % 25),
                                     round_id=round_id)) for i in range(500)]
    ids = [f.result(30).note.id for f in futures]
    wall.qtbot.waitUntil(lambda: len(wall.view.note_items()) == 500, timeout=20_000)
    arrived = time.perf_counter() - started
    matches = {i.note_id for i in wall.view.matches()}
    assert ids[4] in matches and ids[45] in matches and ids[5] not in matches

    started = time.perf_counter()
    engine.execute(CreateCluster(group.id, round_id, "Groot", tuple(ids[:120]), 0.0, 0.0))
    wall.until(lambda: len(wall.view.cluster_items()) == 1
               and wall.view.cluster_items()[0].member_count() == 120)
    clustered = time.perf_counter() - started
    wall.view.fit_all()
    started = time.perf_counter()
    wall.view.viewport().grab()
    painted = time.perf_counter() - started

    frame = wall.view.cluster_items()[0].sceneBoundingRect()
    free = [wall.view.item(i).sceneBoundingRect().adjusted(0, 0, -5, -5) for i in ids[120:]]
    assert not any(r.intersects(frame) for r in free)  # loose notes made way for the frame
    rows: dict[float, list] = {}
    for r in free:
        rows.setdefault(r.y(), []).append(r)
    assert all(not a.intersects(b) for row in rows.values() for a in row for b in row
               if a is not b)
    assert arrived < 10.0
    assert clustered < 2.0
    assert painted < 2.0


def test_link_to_selection_relinks_an_existing_action_point(wall) -> None:  # noqa: F811
    (a,) = wall.add("Leesclub in elke wijk")
    wall.engine.execute(AddAction(wall.group.id, wall.round_id, "Plan maken", "VOB"))
    panel = wall.features.actions
    wall.until(lambda: panel.table.rowCount() == 1)
    wall.select(wall.view.item(a))
    panel.table.selectRow(0)
    wall.qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    wall.until(lambda: wall.stored(lambda s: s.actions())[0].note_id == a)
    wall.until(lambda: panel.table.item(0, 3).text() == "briefje: Leesclub in elke wijk")
    # Editing a cell changes the action point, keeping its link.
    panel.table.item(0, 1).setText("VOB en SPN")
    wall.until(lambda: wall.stored(lambda s: s.actions())[0].who == "VOB en SPN")
    assert wall.stored(lambda s: s.actions())[0].note_id == a
