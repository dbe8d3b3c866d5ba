"""How each command changes the store: rules checked, rows written, events returned.

Runs on the engine's writer thread inside a savepoint, so a refused command leaves no
trace while the others in its batch still commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from facilitator.domain import ids
from facilitator.domain.model import Note, Participant, Phase, Round
from facilitator.domain.rules import RuleViolation, late_note_allowed, require_phase
from facilitator.domain.text import clean_optional, clean_text
from facilitator.domain.timer import after_phase_change, timed_phase, timer_duration
from facilitator.engine import commands as c
from facilitator.engine import events as e
from facilitator.engine.board import HANDLERS as BOARD_HANDLERS
from facilitator.engine.board import votes_changed
from facilitator.engine.errors import NotFound
from facilitator.engine.restore import HANDLERS as RESTORE_HANDLERS
from facilitator.engine.setup import HANDLERS as SETUP_HANDLERS
from facilitator.store import Store


@dataclass(frozen=True, slots=True)
class NoteResult:
    note: Note
    created: bool  # False: this client id was stored before; the stored note is returned
    # True: the note was stored and later deleted; a late retry must not bring it back.
    deleted: bool = False


Applied = tuple[Any, list[e.Event]]


def apply(store: Store, command: c.Command, now: float) -> Applied:
    handler = _HANDLERS[type(command)]
    return handler(store, command, now)


def _join(store: Store, cmd: c.Join, now: float) -> Applied:
    if store.group(cmd.group_id) is None:
        raise NotFound("group")
    if cmd.client_join_id is not None:
        earlier = store.participant_by_join_id(cmd.group_id, cmd.client_join_id)
        if earlier is not None:
            return earlier, []
    participant = store.add_participant(
        cmd.group_id, ids.new_token(), clean_optional(cmd.name), clean_optional(cmd.organisation),
        now, cmd.client_join_id,
    )
    return participant, [e.ParticipantJoined(participant)]


def _add_note(store: Store, cmd: c.AddNote, now: float) -> Applied:
    if cmd.participant_id is not None and cmd.client_note_id is not None:
        # Once per workshop, whoever retries it (a second participant of the same phone
        # at the same table). Another table's note is never handed out: refused instead.
        earlier = store.note_by_client_id(cmd.client_note_id)
        if earlier is not None and earlier.group_id != cmd.group_id:
            raise RuleViolation("client_note_id_taken", "this client_note_id is in use")
        if earlier is not None:
            gone = store.note(earlier.id) is None  # note() skips deleted notes
            return NoteResult(earlier, created=False, deleted=gone), []
    text = clean_text(cmd.text)
    if store.group(cmd.group_id) is None:
        raise NotFound("group")
    round_id = cmd.round_id if cmd.round_id is not None else store.workshop().active_round_id
    if round_id is None or store.round(round_id) is None:
        raise NotFound("round")
    late = False
    if cmd.participant_id is not None:
        phase = store.phase(round_id, cmd.group_id)
        if cmd.round_id is not None and phase is not Phase.COLLECT:
            # The phone names the round it was written in: late, or too late.
            if not late_note_allowed(phase, store.phase_changed_at(round_id, cmd.group_id), now):
                raise RuleViolation("round_closed", "this round no longer takes notes")
            late = True
        else:
            require_phase(phase, Phase.COLLECT)
    note = store.add_note(
        group_id=cmd.group_id, round_id=round_id, text=text, participant_id=cmd.participant_id,
        client_note_id=cmd.client_note_id, now=now, is_paper=cmd.is_paper, late=late,
    )
    return NoteResult(note, created=True), [e.NoteAdded(note)]


def _authored_note(store: Store, note_id: int, participant_id: int | None) -> Note:
    note = store.note(note_id)
    if note is None or (participant_id is not None and note.participant_id != participant_id):
        raise NotFound("note")
    if participant_id is not None:
        require_phase(store.phase(note.round_id, note.group_id), Phase.COLLECT)
    return note


def _edit_note(store: Store, cmd: c.EditNote, now: float) -> Applied:
    _authored_note(store, cmd.note_id, cmd.participant_id)
    store.update_note_text(cmd.note_id, clean_text(cmd.text), now)
    return _changed(store, cmd.note_id)


def _delete_note(store: Store, cmd: c.DeleteNote, now: float) -> Applied:
    note = _authored_note(store, cmd.note_id, cmd.participant_id)
    had_votes = _has_votes(store, note)
    store.delete_note(note.id, now)
    changes: list[e.Event] = [e.NoteRemoved(note.id, note.group_id, note.round_id)]
    if had_votes:
        changes.append(votes_changed(store, note.round_id, note.group_id))
    return note, changes


def _has_votes(store: Store, note: Note) -> bool:
    return any(v.note_id == note.id for v in store.votes_of_group(note.round_id, note.group_id))


def _set_hidden(store: Store, cmd: c.SetNoteHidden, now: float) -> Applied:
    note = store.note(cmd.note_id)
    if note is None:
        raise NotFound("note")
    had_votes = _has_votes(store, note)
    store.set_note_hidden(cmd.note_id, cmd.hidden)
    result, changes = _changed(store, cmd.note_id)
    if had_votes and cmd.hidden:
        changes.append(votes_changed(store, note.round_id, note.group_id))
    return result, changes


def _move_note(store: Store, cmd: c.MoveNote, now: float) -> Applied:
    if store.note(cmd.note_id) is None:
        raise NotFound("note")
    store.move_note(cmd.note_id, cmd.x, cmd.y)
    return _changed(store, cmd.note_id)


def _move_notes(store: Store, cmd: c.MoveNotes, now: float) -> Applied:
    changes: list[e.Event] = []
    for note_id, x, y in cmd.moves:
        if store.note(note_id) is None:
            raise NotFound("note")
        store.move_note(note_id, x, y)
        changes.extend(_changed(store, note_id)[1])
    return None, changes


def _changed(store: Store, note_id: int) -> Applied:
    note = store.note(note_id)
    assert note is not None
    return note, [e.NoteChanged(note)]


def _set_phase(store: Store, cmd: c.SetPhase, now: float) -> Applied:
    round_ = store.round(cmd.round_id)
    if round_ is None:
        raise NotFound("round")
    if not round_.question and cmd.phase is not Phase.PREPARE:  # phones would see nothing
        raise RuleViolation("no_question", "the round has no question yet")
    known = {g.id for g in store.groups()}
    targets = cmd.group_ids if cmd.group_ids is not None else tuple(sorted(known))
    if not set(targets) <= known:
        raise NotFound("group")
    changes: list[e.Event] = []
    for group_id in targets:
        if store.phase(cmd.round_id, group_id) != cmd.phase:
            store.set_phase(cmd.round_id, group_id, cmd.phase, now)
            changes.append(e.PhaseChanged(cmd.round_id, group_id, cmd.phase))
    if changes:
        changes.extend(_timer_follows_phases(store, cmd.round_id, known))
    return None, changes


def _timer_follows_phases(store: Store, round_id: int, groups: set[int]) -> list[e.Event]:
    """A timer per phase (domain/timer.py): stopped when its phase ended at every
    table, set to the next timed phase's time, cleared when the round closed."""
    round_ = _timer_round(store, round_id)
    fields = after_phase_change(round_, (store.phase(round_id, g) for g in groups))
    if fields is None:
        return []
    store.set_timer(round_id, fields.ends_at, fields.remaining_s)
    store.set_timer_phase(round_id, fields.phase)
    return _timer_changed(store, round_id)[1]


def _set_active_round(store: Store, cmd: c.SetActiveRound, now: float) -> Applied:
    round_ = store.round(cmd.round_id)
    if round_ is None:
        raise NotFound("round")
    if not round_.question:  # phones follow the active round: they would see no question
        raise RuleViolation("no_question", "the round has no question yet")
    if store.workshop().active_round_id == cmd.round_id:
        return None, []
    store.set_active_round(cmd.round_id)
    return None, [e.ActiveRoundChanged(cmd.round_id)]


def _timer_round(store: Store, round_id: int) -> Round:
    round_ = store.round(round_id)
    if round_ is None:
        raise NotFound("round")
    return round_


def _timer_changed(store: Store, round_id: int) -> Applied:
    round_ = _timer_round(store, round_id)
    return round_, [e.TimerChanged(round_)]


def _start_timer(store: Store, cmd: c.StartTimer, now: float) -> Applied:
    round_ = _timer_round(store, cmd.round_id)
    if round_.timer_phase is None:  # tie it to the phase the tables are in, if any
        phase = timed_phase(store.phase(round_.id, g.id) for g in store.groups())
        if phase is not None:
            store.set_timer_phase(round_.id, phase)
            round_ = _timer_round(store, cmd.round_id)
    if cmd.seconds is not None:
        seconds = max(0.0, float(cmd.seconds))
    elif round_.timer_ends_at is not None:  # already running: nothing to do
        return round_, []
    elif round_.timer_remaining_s:
        seconds = round_.timer_remaining_s
    else:
        seconds = float(timer_duration(round_))  # the time of the phase it times
    store.set_timer(round_.id, now + seconds, None)
    return _timer_changed(store, round_.id)


def _pause_timer(store: Store, cmd: c.PauseTimer, now: float) -> Applied:
    round_ = _timer_round(store, cmd.round_id)
    if round_.timer_ends_at is None:
        return round_, []
    store.set_timer(round_.id, None, max(0.0, round_.timer_ends_at - now))
    return _timer_changed(store, round_.id)


def _add_time(store: Store, cmd: c.AddTime, now: float) -> Applied:
    round_ = _timer_round(store, cmd.round_id)
    if round_.timer_ends_at is not None:
        # An expired timer restarts from now: "+1 minute" means one more minute.
        store.set_timer(round_.id, max(round_.timer_ends_at, now) + cmd.seconds, None)
    else:
        store.set_timer(round_.id, None, (round_.timer_remaining_s or 0.0) + cmd.seconds)
    return _timer_changed(store, round_.id)


def _reset_timer(store: Store, cmd: c.ResetTimer, now: float) -> Applied:
    _timer_round(store, cmd.round_id)
    store.set_timer(cmd.round_id, None, None)
    return _timer_changed(store, cmd.round_id)


_HANDLERS: dict[type, Callable[[Store, Any, float], Applied]] = {
    **BOARD_HANDLERS,
    **SETUP_HANDLERS,
    **RESTORE_HANDLERS,
    c.StartTimer: _start_timer,
    c.PauseTimer: _pause_timer,
    c.AddTime: _add_time,
    c.ResetTimer: _reset_timer,
    c.Join: _join,
    c.AddNote: _add_note,
    c.EditNote: _edit_note,
    c.DeleteNote: _delete_note,
    c.SetNoteHidden: _set_hidden,
    c.MoveNote: _move_note,
    c.MoveNotes: _move_notes,
    c.SetPhase: _set_phase,
    c.SetActiveRound: _set_active_round,
}

__all__ = ["NotFound", "NoteResult", "Participant", "RuleViolation", "apply"]
