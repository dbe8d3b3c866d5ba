"""The projector's theme view for the room (key 6): strongest words across all tables,
sized by distinct people, compounds whole, no stop words; suggested themes over all
tables; a silent round stays silent. Offscreen, real engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from facilitator import app as app_module
from facilitator.domain.model import Phase, Visibility
from facilitator.engine import AddNote, Join, SetActiveRound, SetNoteHidden, SetPhase, UpdateRound
from facilitator.store.specs import RoundSpec

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)

NOTES = {  # table index -> (person, text)
    0: [
        ("a", "Leesbevordering op elke basisschool"),
        ("a", "Leesbevordering, leesbevordering!"),
        ("b", "Taalhuis in elke gemeente"),
        ("c", "Laaggeletterdheid samen aanpakken"),
    ],
    1: [
        ("d", "Leesbevordering met de KB"),
        ("e", "Een Taalhuis in iedere gemeente"),
        ("f", "Laaggeletterdheid: taalmaatjes en taalcafes"),
    ],
    2: [
        ("g", "Leesbevordering voor tieners"),
        ("h", "Laaggeletterden bereiken via de huisarts"),
        ("i", "Koffie was op"),
    ],
}


@pytest.fixture
def room(qtbot, workshop_path: Path):
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    window = running.window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    round_ = running.state.rounds[0]
    running.engine.execute(SetActiveRound(round_.id))
    running.engine.execute(SetPhase(round_.id, Phase.COLLECT))
    for index, notes in NOTES.items():
        group = running.state.groups[index]
        people = {}
        for person, text in notes:
            if person not in people:
                people[person] = running.engine.execute(Join(group.id, person)).id
            running.engine.execute(AddNote(group.id, text, people[person]))
    window.groups.select_group(running.state.groups[0].id)
    projector = window.run_features.projector
    projector.show()
    qtbot.waitExposed(projector)
    projector.resize(1920, 1080)
    qtbot.waitUntil(
        lambda: (
            sum(len(running.state.notes_of(g.id, round_.id)) for g in running.state.groups) == 10
        ),
        timeout=5000,
    )
    yield running, projector, round_
    running.close()


def _painted(projector) -> list[str]:
    projector.grab()
    return projector.current_view().shown_texts()


def test_key_6_shows_the_rooms_words_by_people_and_themes_over_tables(qtbot, room):
    running, projector, _round = room
    qtbot.keyClick(projector, Qt.Key.Key_6)
    assert projector.current_view_name() == "themes"
    view = projector.views["themes"]
    words = {w.word: w.people for w in view.words}
    assert words["leesbevordering"] == 3  # a, d, g: the three times a wrote it count once
    assert words["laaggeletterdheid"] == 2
    assert "lees" not in words and "bevordering" not in words  # compounds whole
    assert not {"de", "elke", "met", "op", "bibliotheek"} & set(words)  # stop words
    assert words["KB"] == 1  # an abbreviation keeps its spelling
    assert [w.word for w in view.words][0] == "leesbevordering"
    themes = {t.name: t for t in view.themes}
    assert themes["Basisvaardigheden"].tables >= 2
    shown = _painted(projector)
    assert "leesbevordering" in shown and "Thema's over alle tafels" in shown
    assert "Basisvaardigheden" in shown


def test_a_silent_round_stays_silent_and_hidden_notes_never_count(qtbot, room):
    running, projector, round_ = room
    r = running.state.round(round_.id)
    running.engine.execute(
        UpdateRound(
            round_.id,
            RoundSpec(
                question=r.question,
                method=r.method,
                duration_s=r.duration_s,
                visibility=Visibility.HIDDEN,
                dot_budget=r.dot_budget,
            ),
        )
    )
    qtbot.waitUntil(
        lambda: running.state.round(round_.id).visibility is Visibility.HIDDEN, timeout=5000
    )
    projector.set_mode("themes")
    view = projector.views["themes"]
    view.recompute()
    assert view.words == [] and view.themes == []
    assert "leesbevordering" not in _painted(projector)
    running.engine.execute(SetPhase(round_.id, Phase.GROUP))
    qtbot.waitUntil(
        lambda: running.state.phase(round_.id, running.state.groups[0].id) is Phase.GROUP,
        timeout=5000,
    )
    koffie = next(
        n
        for n in running.state.notes_of(running.state.groups[2].id, round_.id)
        if n.text == "Koffie was op"
    )
    running.engine.execute(SetNoteHidden(koffie.id, True))
    qtbot.waitUntil(lambda: running.state.note(koffie.id).hidden, timeout=5000)
    view.recompute()
    words = {w.word for w in view.words}
    assert "leesbevordering" in words and "koffie" not in words
