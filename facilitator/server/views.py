"""What a phone is shown: the JSON shapes of notes, rounds and the whole page state.

One place decides the shape of what leaves the laptop; which notes a phone may see
(other people's only when the round allows it, moderated notes never) is the domain's
rule (domain/sharing.py), so it cannot drift between /api/state and the live stream.
No author of anyone else's note is ever sent.
"""

from __future__ import annotations

from typing import Any

from facilitator.domain import sharing
from facilitator.domain.clock import steady_time
from facilitator.domain.methods import METHODS
from facilitator.domain.model import Group, Note, Participant, Phase, Round, Workshop
from facilitator.domain.sharing import others_shown as others_shown  # the fan-out reads it here
from facilitator.domain.text import NOTE_MAX_CHARS
from facilitator.server.votes import vote_json
from facilitator.store import Reader

OTHERS_CAP = 500  # a first load never carries more than this many other notes


def note_json(note: Note, *, mine: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": note.id,
        "round_id": note.round_id,
        "text": note.text,
        "created_at": note.created_at,
        "updated_at": note.updated_at,
    }
    if mine:
        data["client_note_id"] = note.client_note_id
    return data


def group_json(group: Group) -> dict[str, Any]:
    return {"id": group.id, "name": group.name, "code": group.code}


def workshop_json(workshop: Workshop) -> dict[str, Any]:
    return {
        "title": workshop.title, "date": workshop.date, "place": workshop.place,
        "organisers": workshop.organisers, "language": workshop.language,
    }


def event_json(store: Reader) -> dict[str, Any]:
    """What the event-wide page lists: the workshop and its groups in table order."""
    workshop = store.workshop()
    return {
        "workshop": {"title": workshop.title, "date": workshop.date,
                     "language": workshop.language},
        "groups": [{"name": g.name, "code": g.code}
                   for g in sorted(store.groups(), key=lambda g: g.position)],
    }


def round_json(round_: Round, phase: Phase) -> dict[str, Any]:
    info = METHODS[round_.method]
    return {
        "id": round_.id,
        "position": round_.position,
        "question": round_.question,
        "method": {
            "key": round_.method.value,
            "name": dict(info.name),
            "instruction": dict(info.instruction),
        },
        "phase": phase.value,
        "visibility": round_.visibility.value,
        "others_shown": others_shown(round_, phase),
        "duration_s": round_.duration_s,
        "dot_budget": round_.dot_budget,
        "timer": timer_json(round_),
    }


def timer_json(round_: Round) -> dict[str, Any]:
    """The round's timer; `now` lets a phone with a wrong clock count down correctly."""
    return {
        "ends_at": round_.timer_ends_at,
        "remaining_s": round_.timer_remaining_s,
        "now": steady_time(),  # the engine's clock: a wall-clock jump moves neither
    }


def visible_notes(store: Reader, round_id: int, group_id: int) -> list[Note]:
    return sharing.on_phones(store.notes(group_id=group_id, round_id=round_id))


def state_json(store: Reader, participant: Participant, seq: str) -> dict[str, Any] | None:
    """Everything the page needs after a (re)load; `seq` lets its stream resume after it.

    None when the participant's group no longer exists (the engine refuses to delete a
    group with people in it, but a file edited elsewhere could still lack it).
    """
    workshop = store.workshop()
    group = store.group(participant.group_id)
    if group is None:
        return None
    data: dict[str, Any] = {
        "workshop": workshop_json(workshop),
        "group": group_json(group),
        "participant": {"id": participant.id, "name": participant.name},
        "limits": {"note_max_chars": NOTE_MAX_CHARS},
        "seq": seq,
        "round": None,
        "notes": {"mine": [], "others": None, "count": 0},
    }
    round_ = store.round(workshop.active_round_id) if workshop.active_round_id else None
    if round_ is None:
        return data
    phase = store.phase(round_.id, group.id)
    notes = visible_notes(store, round_.id, group.id)
    mine = sharing.mine(notes, participant.id)
    data["round"] = round_json(round_, phase)
    data["notes"]["mine"] = [note_json(n, mine=True) for n in mine]
    data["notes"]["count"] = len(notes)
    if others_shown(round_, phase):
        others = sharing.others(notes, participant.id, round_, phase)[-OTHERS_CAP:]
        data["notes"]["others"] = [note_json(n) for n in others]
    if phase is Phase.VOTE:
        data["vote"] = vote_json(store, round_, participant)
    return data
