"""Column lists and row -> domain object conversion, shared by reads and writes."""

from __future__ import annotations

import sqlite3
from typing import Any

from facilitator.domain.model import Method, Note, Phase, Round, Visibility

ROUND_COLS = (
    "id, position, question, method, duration_s, visibility, dot_budget, multi_dots,"
    " timer_ends_at, timer_remaining_s, title, vote_duration_s, timer_phase"
)
GROUP_COLS = "id, name, code, position, colour, host"
PARTICIPANT_COLS = "id, group_id, token, name, organisation, joined_at"
NOTE_COLS = (
    "id, group_id, round_id, text, participant_id, client_note_id, created_at, updated_at,"
    " is_paper, hidden, cluster_id, x, y, merged_into, late"
)
CLUSTER_COLS = "id, group_id, round_id, name, x, y"
ACTION_COLS = "id, group_id, round_id, what, who, due, note_id, cluster_id"


def to_round(row: tuple[Any, ...]) -> Round:
    (rid, pos, question, method, duration, visibility, budget, multi, ends_at, remaining, title,
     vote_duration, timer_phase) = row
    return Round(
        rid, pos, question, Method(method), duration, Visibility(visibility), budget,
        bool(multi), ends_at, remaining, title, vote_duration,
        Phase(timer_phase) if timer_phase else None,
    )


def to_note(row: tuple[Any, ...]) -> Note:
    values = list(row)
    values[8] = bool(values[8])
    values[9] = bool(values[9])
    values[14] = bool(values[14])
    return Note(*values)


def rowid(cur: sqlite3.Cursor) -> int:
    assert cur.lastrowid is not None
    return cur.lastrowid
