"""A hypothesis state machine drives the engine with joins, notes, retries, edits,
deletes, clusters, votes and phase changes, and checks the file against a simple model."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from facilitator import templates
from facilitator.domain.model import Phase
from facilitator.domain.rules import RuleViolation
from facilitator.domain.text import InvalidText, clean_text
from facilitator.engine import (
    AddNote,
    CastVotes,
    CreateCluster,
    DeleteNote,
    EditNote,
    Engine,
    Join,
    NotFound,
    SetPhase,
)
from facilitator.store import Store

GROUPS = (1, 2)
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                min_size=0, max_size=12)
client_ids = st.sampled_from([f"client-{i:04d}" for i in range(6)])


def _valid(text: str) -> bool:
    try:
        clean_text(text)
    except InvalidText:
        return False
    return True


class EngineModel(RuleBasedStateMachine):
    participants = Bundle("participants")

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        path = Path(self.folder.name) / "model.workshop"
        templates.create(path)
        self.engine = Engine(path).start()
        self.reader = Store.open(path, readonly=True)
        self.phase = {g: Phase.PREPARE for g in GROUPS}
        self.group_of: dict[int, int] = {}
        # (participant, client id) -> (note id, text, group); deleted notes stay keyed
        # client_note_id -> (note id, group): stored once per workshop, whoever sends it.
        self.sent: dict[str, tuple[int, int]] = {}
        self.notes: dict[int, tuple[int | None, str, int]] = {}  # live notes
        self.clustered: set[int] = set()

    def teardown(self) -> None:
        self.engine.stop()
        self.reader.close()
        self.folder.cleanup()

    @rule(target=participants, group=st.sampled_from(GROUPS))
    def join(self, group: int) -> int:
        participant = self.engine.execute(Join(group))
        self.group_of[participant.id] = group
        return int(participant.id)

    @rule(group=st.sampled_from(GROUPS), phase=st.sampled_from(list(Phase)))
    def set_phase(self, group: int, phase: Phase) -> None:
        self.engine.execute(SetPhase(1, phase, group_ids=(group,)))
        self.phase[group] = phase

    @rule(pid=participants, cid=client_ids, text=texts)
    def add_note(self, pid: int, cid: str, text: str) -> None:
        group = self.group_of[pid]
        earlier = self.sent.get(cid)
        try:
            result = self.engine.execute(AddNote(group, text, pid, cid))
        except (RuleViolation, InvalidText):
            if earlier is not None:  # another table's id is refused, never handed out
                assert earlier[1] != group
                return
            assert self.phase[group] is not Phase.COLLECT or not _valid(text)
            return
        if earlier is not None:
            assert earlier[1] == group
            assert not result.created and result.note.id == earlier[0]
        else:
            assert result.created and self.phase[group] is Phase.COLLECT and _valid(text)
            self.sent[cid] = (result.note.id, group)
            self.notes[result.note.id] = (pid, result.note.text, group)

    @rule(pid=participants, data=st.data(), text=texts)
    def edit_note(self, pid: int, data: st.DataObject, text: str) -> None:
        if not self.notes:
            return
        note_id = data.draw(st.sampled_from(sorted(self.notes)))
        author, _, group = self.notes[note_id]
        try:
            edited = self.engine.execute(EditNote(note_id, text, participant_id=pid))
        except NotFound:
            assert author != pid
            return
        except (RuleViolation, InvalidText):
            return
        assert author == pid and self.phase[group] is Phase.COLLECT
        self.notes[note_id] = (author, edited.text, group)

    @rule(pid=participants, data=st.data())
    def delete_note(self, pid: int, data: st.DataObject) -> None:
        if not self.notes:
            return
        note_id = data.draw(st.sampled_from(sorted(self.notes)))
        author, _, group = self.notes[note_id]
        try:
            self.engine.execute(DeleteNote(note_id, participant_id=pid))
        except NotFound:
            assert author != pid
            return
        except RuleViolation:
            assert self.phase[group] is not Phase.COLLECT
            return
        del self.notes[note_id]
        self.clustered.discard(note_id)

    @rule(group=st.sampled_from(GROUPS), data=st.data())
    def cluster(self, group: int, data: st.DataObject) -> None:
        mine = sorted(n for n, (_, _, g) in self.notes.items() if g == group)
        chosen = data.draw(st.lists(st.sampled_from(mine), unique=True) if mine else st.just([]))
        self.engine.execute(CreateCluster(group, 1, "cluster", tuple(chosen)))
        self.clustered.update(chosen)

    @rule(pid=participants, data=st.data())
    def vote(self, pid: int, data: st.DataObject) -> None:
        group = self.group_of[pid]
        keys = sorted(f"n{n}" for n, (_, _, g) in self.notes.items()
                      if g == group and n not in self.clustered)
        if not keys:
            return
        picks = data.draw(st.lists(st.sampled_from(keys), unique=True, max_size=5))
        try:
            self.engine.execute(CastVotes(pid, tuple((k, 1) for k in picks)))
        except RuleViolation as refusal:
            assert self.phase[group] is not Phase.VOTE or len(picks) > 3, refusal
            return
        assert self.phase[group] is Phase.VOTE and len(picks) <= 3

    @invariant()
    def file_matches_model(self) -> None:
        stored = {n.id: (n.participant_id, n.text, n.group_id) for n in self.reader.notes()}
        assert stored == self.notes
        keys = [(n.participant_id, n.client_note_id) for n in self.reader.notes()]
        assert len(keys) == len(set(keys))

    @invariant()
    def votes_within_budget(self) -> None:
        per_participant: dict[int, int] = {}
        for vote in self.reader.votes():
            per_participant[vote.participant_id] = (
                per_participant.get(vote.participant_id, 0) + vote.dots)
            assert vote.dots == 1
        assert all(total <= 3 for total in per_participant.values())


EngineModel.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_engine_against_model = EngineModel.TestCase
