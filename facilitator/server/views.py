"""What a phone is shown: the JSON shapes of notes, rounds and the whole page state.

One place decides the shape of what leaves the laptop; which notes a phone may see
(other people's only when the round allows it, moderated notes never) is the domain's
rule (domain/sharing.py), so it cannot drift between /api/state and the live stream.
No author of anyone else's note is ever sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol

from facilitator.domain import sharing
from facilitator.domain.clock import steady_time
from facilitator.domain.methods import METHODS
from facilitator.domain.model import Group, Note, Participant, Phase, Round, Workshop
from facilitator.domain.sharing import others_shown as others_shown  # the fan-out reads it here
from facilitator.domain.text import NOTE_MAX_CHARS
from facilitator.domain.timer import timer_duration, timer_for_phase
from facilitator.server.votes import vote_items_json, vote_json
from facilitator.store import Reader

OTHERS_CAP = 500  # a first load never carries more than this many other notes
# Read beyond OTHERS_CAP so that leaving out a phone's own notes still leaves ~500.
OTHERS_SLACK = 64


def note_json(note: Note, *, mine: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": note.id,
        "round_id": note.round_id,
        "text": note.text,
        "created_at": note.created_at,
        "updated_at": note.updated_at,
    }
    if note.late:
        data["late"] = True
    if mine:
        data["client_note_id"] = note.client_note_id
    return data


def group_json(group: Group) -> dict[str, Any]:
    return {"id": group.id, "name": group.name, "code": group.code}


def workshop_json(workshop: Workshop) -> dict[str, Any]:
    return {
        "title": workshop.title, "date": workshop.date, "place": workshop.place,
        "organisers": workshop.organisers, "language": workshop.language,
        "address": workshop.address,
    }


def event_json(store: Reader) -> dict[str, Any]:
    """What the event-wide page lists: the workshop and its groups in table order."""
    workshop = store.workshop()
    return {
        "workshop": {"id": store.workshop_uid(), "title": workshop.title,
                     "date": workshop.date, "language": workshop.language},
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
        "vote_duration_s": round_.vote_duration_s,
        "dot_budget": round_.dot_budget,
        "timer": timer_json(round_, phase),
    }


def timer_json(round_: Round, phase: Phase | None = None) -> dict[str, Any]:
    """The round's timer; `now` lets a phone with a wrong clock count down correctly.
    `phase` names the phase of the group that asks: a timer that times another phase
    (the others still write while this table votes) is not shown as theirs. The live
    stream sends it without, with `phase` and the phone compares (app.js)."""
    ends_at, remaining = (
        (round_.timer_ends_at, round_.timer_remaining_s) if phase is None
        else timer_for_phase(round_, phase))
    return {
        "ends_at": ends_at,
        "remaining_s": remaining,
        "phase": None if round_.timer_phase is None else round_.timer_phase.value,
        "duration_s": timer_duration(round_),  # what a fresh start counts
        "now": steady_time(),  # the engine's clock: a wall-clock jump moves neither
    }


def visible_notes(store: Reader, round_id: int, group_id: int) -> list[Note]:
    return sharing.on_phones(store.notes(group_id=group_id, round_id=round_id))


@dataclass(frozen=True, slots=True)
class WallView:
    """What every phone of one group is shown on (re)load, whoever asks: built once per
    change of the group (walls.py caches it) and bounded, however big the wall grows."""

    round_id: int
    phase: Phase
    count: int  # visible notes, merged duplicates included
    recent: tuple[Note, ...]  # the newest notes on phones, not merged, oldest first
    vote_items: tuple[dict[str, Any], ...] | None  # in the vote phase, at most MAX_ITEMS
    vote_items_truncated: bool = False
    # The same, JSON-encoded once: 300 phones refetching after a phase change each had a
    # 100 KB answer encoded for them; now their answers are spliced from these.
    recent_json: tuple[bytes, ...] = ()  # note_json of each of `recent`, encoded
    vote_items_json: bytes | None = None


class WallSource(Protocol):
    """Where state_json gets a group's shared part (walls.WallViews, a cache)."""

    def get(self, group_id: int, round_: Round, phase: Phase) -> WallView: ...


def build_wall_view(store: Reader, round_: Round, phase: Phase, group_id: int) -> WallView:
    """Bounded reads only: a COUNT, the newest notes, and (voting) the items once."""
    count, _last = store.visible_count_and_last_id(group_id, round_.id)
    recent: tuple[Note, ...] = ()
    if others_shown(round_, phase):
        recent = tuple(store.recent_shown_notes(group_id, round_.id, OTHERS_CAP + OTHERS_SLACK))
    items: tuple[dict[str, Any], ...] | None = None
    truncated = False
    if phase is Phase.VOTE:
        items, truncated = vote_items_json(store, group_id, round_.id)
    return WallView(round_.id, phase, count, recent, items, truncated,
                    tuple(_dumps(note_json(note)) for note in recent),
                    None if items is None else _dumps(list(items)))


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# Stand-ins for the pre-encoded parts; user text never holds a control character
# (domain/text.py strips them), so JSON shows these only where they were put.
_OTHERS = "\u0001others\u0001"
_ITEMS = "\u0001items\u0001"


def state_body(store: Reader, participant: Participant, seq: str,
               walls: WallSource | None = None, *,
               workshop_id: str | None = None) -> bytes | None:
    """state_json as the bytes of the answer, the group's shared lists spliced in."""
    wall_seen: list[WallView] = []

    class _Seen:
        def get(self, group_id: int, round_: Round, phase: Phase) -> WallView:
            wall = (walls.get(group_id, round_, phase) if walls is not None
                    else build_wall_view(store, round_, phase, group_id))
            wall_seen.append(wall)
            return wall

    data = state_json(store, participant, seq, _Seen(), splice=True,
                      workshop_id=workshop_id)
    if data is None:
        return None
    body = _dumps(data)
    if not wall_seen:
        return body
    wall = wall_seen[0]
    if data["notes"]["others"] == _OTHERS:
        round_ = store.round(wall.round_id)
        assert round_ is not None
        shown = {n.id for n in sharing.others(wall.recent, participant.id, round_, wall.phase)}
        others = [encoded for note, encoded in zip(wall.recent, wall.recent_json, strict=True)
                  if note.id in shown][-OTHERS_CAP:]
        body = body.replace(_dumps(_OTHERS), b"[" + b",".join(others) + b"]", 1)
    if "vote" in data and data["vote"]["items"] == _ITEMS:
        body = body.replace(_dumps(_ITEMS), wall.vote_items_json or b"[]", 1)
    return body


def state_json(store: Reader, participant: Participant, seq: str,
               walls: WallSource | None = None, *,
               splice: bool = False, workshop_id: str | None = None) -> dict[str, Any] | None:
    """Everything the page needs after a (re)load; `seq` lets its stream resume after it.

    `walls` gives the group's shared part from a cache (walls.py); without it the part
    is built for this call. None when the participant's group no longer exists (the
    engine refuses to delete a group with people in it, but a file edited elsewhere could
    still lack it).
    """
    workshop = store.workshop()
    group = store.group(participant.group_id)
    if group is None:
        return None
    data: dict[str, Any] = {
        # `id`: which workshop this is (the file's identity; the server passes it cached).
        "workshop": {**workshop_json(workshop),
                     "id": store.workshop_uid() if workshop_id is None else workshop_id},
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
    wall = (walls.get(group.id, round_, phase) if walls is not None
            else build_wall_view(store, round_, phase, group.id))
    data["round"] = round_json(round_, phase)
    mine = sharing.mine(store.notes_of(participant.id, round_.id), participant.id)
    data["notes"]["mine"] = [note_json(n, mine=True) for n in mine]
    data["notes"]["count"] = wall.count
    if others_shown(round_, phase):
        others = sharing.others(wall.recent, participant.id, round_, phase)[-OTHERS_CAP:]
        data["notes"]["others"] = _OTHERS if splice else [note_json(n) for n in others]
    if phase is Phase.VOTE:
        data["vote"] = vote_json(store, round_, participant, () if splice else wall.vote_items)
        if splice:
            data["vote"]["items"] = _ITEMS
        if wall.vote_items_truncated:
            data["vote"]["items_truncated"] = True
    return data
