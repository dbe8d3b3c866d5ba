"""Preparing a workshop: event details, groups and rounds, and templates saved from it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from facilitator import templates
from facilitator.domain.model import Method, Phase, Visibility
from facilitator.domain.rules import RuleViolation
from facilitator.domain.text import InvalidText
from facilitator.engine import (
    ActiveRoundChanged,
    AddGroup,
    AddNote,
    AddRound,
    DeleteGroup,
    DeleteRound,
    Engine,
    Event,
    GroupsChanged,
    Join,
    MoveGroup,
    MoveRound,
    RoundsChanged,
    SetActiveRound,
    SetPhase,
    UpdateGroup,
    UpdateRound,
    UpdateWorkshop,
)
from facilitator.store import RoundSpec, Store


def test_event_details(engine: Engine) -> None:
    w = engine.execute(UpdateWorkshop(" Directeurendag ", "28 mei", "Den Haag", "KB, SPN, VOB"))
    assert (w.title, w.date, w.place) == ("Directeurendag", "28 mei", "Den Haag")
    with pytest.raises(RuleViolation):
        engine.execute(UpdateWorkshop("   "))
    with pytest.raises(RuleViolation):
        engine.execute(UpdateWorkshop("x", language="de"))


def test_groups_rename_reorder_add_delete(engine: Engine, workshop_path: Path) -> None:
    seen: list[Sequence[Event]] = []
    engine.subscribe(seen.append)
    engine.execute(UpdateGroup(1, "Tafel Noord", "#AABBCC", "Mieke"))
    with pytest.raises(RuleViolation):
        engine.execute(UpdateGroup(1, "x", "red"))
    engine.execute(MoveGroup(8, 0))
    store = Store.open(workshop_path, readonly=True)
    names = [g.name for g in store.groups()]
    assert names[:2] == ["Tafel 8", "Tafel Noord"]
    assert store.group(1).colour == "#aabbcc"  # type: ignore[union-attr]
    engine.execute(SetPhase(1, Phase.COLLECT))
    new = engine.execute(AddGroup("Tafel 9"))
    assert store.phase(1, new.id) is Phase.COLLECT  # joins where the others are
    engine.execute(DeleteGroup(new.id))
    assert isinstance(seen[-1][-1], GroupsChanged)
    assert len(seen[-1][-1].groups) == 8
    engine.execute(Join(2))
    with pytest.raises(RuleViolation):  # people joined: deleting would lose them
        engine.execute(DeleteGroup(2))


def test_rounds_edit_reorder_add_delete(engine: Engine, workshop_path: Path) -> None:
    spec = RoundSpec("Wat is de volgende stap?", Method.FIFTEEN_PERCENT, 600,
                     Visibility.HIDDEN, 3)
    engine.execute(UpdateRound(3, spec))
    store = Store.open(workshop_path, readonly=True)
    third = store.round(3)
    assert third is not None and third.visibility is Visibility.HIDDEN
    with pytest.raises(RuleViolation):
        engine.execute(UpdateRound(3, RoundSpec("x", dot_budget=0)))
    with pytest.raises(RuleViolation):
        engine.execute(UpdateRound(3, RoundSpec("x", duration_s=5)))
    added = engine.execute(AddRound(RoundSpec("Extra ronde")))
    engine.execute(MoveRound(added.id, 0))
    assert store.rounds()[0].id == added.id
    engine.execute(AddNote(1, "al iets", round_id=2, is_paper=True))
    with pytest.raises(RuleViolation):
        engine.execute(DeleteRound(2))
    seen: list[Sequence[Event]] = []
    engine.subscribe(seen.append)
    engine.execute(DeleteRound(1))  # the active round: another becomes active
    events = [ev for batch in seen for ev in batch]
    assert any(isinstance(ev, RoundsChanged) for ev in events)
    assert ActiveRoundChanged(added.id) in events


def test_a_new_round_waits_for_its_question_and_does_not_start_without_one(
        engine: Engine) -> None:
    """Issue 11: a new round starts with an empty question (no "Nieuwe vraag" that
    phones would show); it can be set up, but not moved past preparing until asked,
    and a question once written is changed, never wiped."""
    added = engine.execute(AddRound(RoundSpec("  ", Method.BRAINSTORM, 600)))
    assert added.question == ""
    engine.execute(UpdateRound(added.id, RoundSpec("", Method.WORLD_CAFE, 1200)))  # set up
    for phase in (Phase.COLLECT, Phase.GROUP, Phase.VOTE, Phase.CLOSED):
        with pytest.raises(RuleViolation) as refused:
            engine.execute(SetPhase(added.id, phase))
        assert refused.value.code == "no_question"
    engine.execute(SetPhase(added.id, Phase.PREPARE))  # staying where it is is fine
    with pytest.raises(RuleViolation) as not_shown:  # phones follow the active round
        engine.execute(SetActiveRound(added.id))
    assert not_shown.value.code == "no_question"
    engine.execute(UpdateRound(added.id, RoundSpec("Wat nu?", Method.WORLD_CAFE, 1200)))
    engine.execute(SetPhase(added.id, Phase.COLLECT))
    with pytest.raises(InvalidText) as wiped:
        engine.execute(UpdateRound(added.id, RoundSpec(" ", Method.WORLD_CAFE, 1200)))
    assert wiped.value.code == "empty"


def test_save_and_reuse_a_template(engine: Engine, workshop_path: Path, tmp_path: Path) -> None:
    engine.execute(UpdateWorkshop("Regiodag Noord", "3 okt", "Zwolle", "SPN"))
    engine.execute(UpdateGroup(1, "Tafel Noord"))
    snapshot = Store.open(workshop_path, readonly=True).snapshot()
    saved = tmp_path / "regiodag.json"
    templates.save(snapshot, saved)
    copy = tmp_path / "copy.workshop"
    templates.create(copy, str(saved))
    reopened = Store.open(copy, readonly=True).snapshot()
    assert reopened.workshop.title == "Regiodag Noord"
    assert reopened.groups[0].name == "Tafel Noord"
    assert [r.question for r in reopened.rounds] == [r.question for r in snapshot.rounds]
    assert reopened.notes == ()


def test_a_round_title_is_cleaned_stored_and_kept_in_templates(engine: Engine,
                                                               workshop_path: Path,
                                                               tmp_path: Path) -> None:
    """Issue 12: a short title per round heads the report; it is stored (schema 5),
    cleaned like every user text, and travels with a saved template."""
    store = Store.open(workshop_path, readonly=True)
    assert store.round(1) is not None and store.round(1).title == "Wat alleen het netwerk kan"
    spec = RoundSpec("Wat is de volgende stap?", title="  De\x07 eerste\nstap  ")
    engine.execute(UpdateRound(1, spec))
    assert store.round(1).title == "De eerste stap"
    with pytest.raises(InvalidText):  # a heading, not a second question
        engine.execute(UpdateRound(1, RoundSpec("Wat is de volgende stap?", title="x" * 81)))
    assert store.round(1).title == "De eerste stap"
    engine.execute(UpdateRound(1, RoundSpec("Wat is de volgende stap?", title="Stap")))
    templates.save(store.snapshot(), tmp_path / "mijn.json")
    again = templates.spec_from_dict(templates.to_dict(store.snapshot()))
    assert again.rounds[0].title == "Stap"
    store.close()
