"""The single writer: group commit, acknowledgement after COMMIT, idempotent notes,
phase rules, refusals that leave the rest of a batch alone, events after commit."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from facilitator.domain.model import Note, Participant, Phase
from facilitator.domain.rules import RuleViolation
from facilitator.domain.text import InvalidText
from facilitator.engine import (
    AddNote,
    DeleteNote,
    EditNote,
    Engine,
    EngineStopped,
    Event,
    Join,
    MoveNote,
    MoveNotes,
    NoteAdded,
    NoteRemoved,
    NoteResult,
    NotFound,
    PhaseChanged,
    SetActiveRound,
    SetNoteHidden,
    SetPhase,
)
from facilitator.store import Store


def engine_notes(engine: Engine) -> list[Note]:
    store = Store.open(engine.path, readonly=True)
    try:
        return store.notes()
    finally:
        store.close()


def _collecting(engine: Engine, group_id: int = 1) -> Participant:
    engine.execute(SetPhase(1, Phase.COLLECT))
    participant: Participant = engine.execute(Join(group_id, name="Anne"))
    return participant


def test_join_gives_a_token_and_cleans_the_name(engine: Engine) -> None:
    p = engine.execute(Join(1, name="  Anne\x00 ", organisation="Bibliotheek\nUtrecht"))
    assert p.group_id == 1 and len(p.token) >= 32
    assert (p.name, p.organisation) == ("Anne", "Bibliotheek Utrecht")
    with pytest.raises(NotFound):
        engine.execute(Join(999))


def test_same_client_id_stores_one_note(engine: Engine, workshop_path: Path) -> None:
    p = _collecting(engine)
    first: NoteResult = engine.execute(AddNote(1, "Eén loket", p.id, "client-0001"))
    again: NoteResult = engine.execute(AddNote(1, "anders", p.id, "client-0001"))
    assert first.created and not again.created
    assert again.note == first.note
    assert len(Store.open(workshop_path, readonly=True).notes()) == 1


def test_five_concurrent_identical_posts_store_one_note(engine: Engine,
                                                        workshop_path: Path) -> None:
    p = _collecting(engine)
    barrier = threading.Barrier(5)
    results: list[NoteResult] = []

    def post() -> None:
        barrier.wait()
        results.append(engine.execute(AddNote(1, "tegelijk", p.id, "same-id-123")))

    threads = [threading.Thread(target=post) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r.note.id for r in results}) == 1
    assert sum(r.created for r in results) == 1
    assert len(Store.open(workshop_path, readonly=True).notes()) == 1


def test_same_client_id_from_two_participants_of_a_table_is_one_note(engine: Engine) -> None:
    # A phone that joined its table twice (its first join's answer lost) retries a note
    # as the second participant: stored once per workshop, whoever retries it.
    a = _collecting(engine)
    b = engine.execute(Join(1))
    n1 = engine.execute(AddNote(1, "x", a.id, "shared-id-1"))
    n2 = engine.execute(AddNote(1, "x", b.id, "shared-id-1"))
    assert (n2.note.id, n2.created) == (n1.note.id, False)


def test_pending_commands_commit_together(engine: Engine) -> None:
    p = _collecting(engine)
    before = engine.batches
    futures = [engine.submit(AddNote(1, f"notitie {i}", p.id, f"cid-{i:06d}"))
               for i in range(400)]
    ids = {f.result(10).note.id for f in futures}
    assert len(ids) == 400
    assert engine.batches - before < 400  # grouped, not one commit per note


def test_acknowledged_note_is_on_disk_when_the_future_resolves(engine: Engine,
                                                               workshop_path: Path) -> None:
    p = _collecting(engine)
    seen: list[bool] = []
    checked = threading.Event()

    def check(future: object) -> None:
        # Runs the instant the future resolves; a fresh connection sees only committed data.
        db = sqlite3.connect(workshop_path)
        seen.append(db.execute("SELECT count(*) FROM notes").fetchone()[0] == 1)
        db.close()
        checked.set()

    future = engine.submit(AddNote(1, "veilig", p.id, "durable-01"))
    future.add_done_callback(check)
    assert checked.wait(5)
    assert seen == [True]


def test_refused_command_leaves_its_batch_alone(engine: Engine, workshop_path: Path) -> None:
    p = _collecting(engine)
    futures = [engine.submit(AddNote(1, "goed 1", p.id, "good-0001")),
               engine.submit(AddNote(1, "   ", p.id, "empty-001")),
               engine.submit(AddNote(1, "x" * 1000, p.id, "long-0001")),
               engine.submit(AddNote(1, "goed 2", p.id, "good-0002"))]
    assert futures[0].result(5).created
    with pytest.raises(InvalidText):
        futures[1].result(5)
    with pytest.raises(InvalidText):
        futures[2].result(5)
    assert futures[3].result(5).created
    texts = [n.text for n in Store.open(workshop_path, readonly=True).notes()]
    assert texts == ["goed 1", "goed 2"]


def test_phone_notes_only_while_collecting(engine: Engine) -> None:
    p = engine.execute(Join(1))
    with pytest.raises(RuleViolation):
        engine.execute(AddNote(1, "te vroeg", p.id, "early-001"))
    # The laptop (paper notes) is not bound by the phase.
    paper = engine.execute(AddNote(1, "van papier", is_paper=True)).note
    assert paper.is_paper and paper.participant_id is None
    engine.execute(SetPhase(1, Phase.COLLECT, group_ids=(1,)))
    engine.execute(AddNote(1, "op tijd", p.id, "ontime-01"))
    engine.execute(SetPhase(1, Phase.VOTE))
    with pytest.raises(RuleViolation):
        engine.execute(AddNote(1, "te laat", p.id, "late-0001"))


def test_notes_go_to_the_active_round(engine: Engine) -> None:
    engine.execute(SetActiveRound(2))
    engine.execute(SetPhase(2, Phase.COLLECT))
    p = engine.execute(Join(3))
    note = engine.execute(AddNote(3, "ronde twee", p.id, "round2-01")).note
    assert (note.round_id, note.group_id) == (2, 3)


def test_only_the_author_edits_and_deletes(engine: Engine, workshop_path: Path) -> None:
    a = _collecting(engine)
    b = engine.execute(Join(1))
    note = engine.execute(AddNote(1, "tyop", a.id, "edit-0001")).note
    with pytest.raises(NotFound):
        engine.execute(EditNote(note.id, "overgenomen", participant_id=b.id))
    with pytest.raises(NotFound):
        engine.execute(DeleteNote(note.id, participant_id=b.id))
    edited = engine.execute(EditNote(note.id, "typo", participant_id=a.id))
    assert edited.text == "typo"
    engine.execute(DeleteNote(note.id, participant_id=a.id))
    assert Store.open(workshop_path, readonly=True).notes() == []
    # A late retry of the deleted note's send does not bring it back.
    again = engine.execute(AddNote(1, "tyop", a.id, "edit-0001"))
    assert not again.created


def test_moderation_and_moving(engine: Engine) -> None:
    note = engine.execute(AddNote(1, "ongepast", is_paper=True)).note
    assert engine.execute(SetNoteHidden(note.id, True)).hidden
    moved = engine.execute(MoveNote(note.id, 120.5, 40.0))
    assert (moved.x, moved.y) == (120.5, 40.0)
    with pytest.raises(NotFound):
        engine.execute(SetNoteHidden(12345, True))
    other = engine.execute(AddNote(1, "ander", is_paper=True)).note
    engine.execute(MoveNotes(((note.id, 1.0, 2.0), (other.id, 3.0, 4.0))))
    with pytest.raises(NotFound):  # all or nothing
        engine.execute(MoveNotes(((note.id, 9.0, 9.0), (99999, 0.0, 0.0))))
    moved_both = {n.id: (n.x, n.y) for n in engine_notes(engine)}
    assert moved_both == {note.id: (1.0, 2.0), other.id: (3.0, 4.0)}


def test_events_arrive_after_commit_in_batches(engine: Engine) -> None:
    batches: list[Sequence[Event]] = []
    engine.subscribe(batches.append)
    p = _collecting(engine)
    note = engine.execute(AddNote(1, "hallo", p.id, "event-001")).note
    engine.execute(DeleteNote(note.id))
    events = [e for batch in batches for e in batch]
    assert PhaseChanged(1, 1, Phase.COLLECT) in events
    assert NoteAdded(note) in events
    assert NoteRemoved(note.id, 1, 1) in events
    # Setting a phase that is already set changes nothing and says nothing.
    count = len(events)
    engine.execute(SetPhase(1, Phase.COLLECT))
    assert sum(len(b) for b in batches) == count


def test_a_failing_subscriber_does_not_stop_the_engine(engine: Engine) -> None:
    def broken(_: Sequence[Event]) -> None:
        raise RuntimeError("boom")

    engine.subscribe(broken)
    assert engine.execute(AddNote(1, "toch opgeslagen", is_paper=True)).created


def test_stopped_engine_refuses(workshop_path: Path) -> None:
    engine = Engine(workshop_path).start()
    engine.stop()
    with pytest.raises(EngineStopped):
        engine.execute(AddNote(1, "te laat", is_paper=True))


def test_engine_refuses_a_damaged_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.workshop"
    bad.write_bytes(b"\x00" * 10000)
    with pytest.raises(Exception, match="bad.workshop"):
        Engine(bad).start()
