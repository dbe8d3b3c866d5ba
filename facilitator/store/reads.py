"""Queries that return domain objects. Used by every Store, the read-only ones included."""

from __future__ import annotations

import sqlite3

from facilitator.domain.model import (
    Action,
    Cluster,
    Group,
    Note,
    Participant,
    Phase,
    Round,
    Snapshot,
    Vote,
    Workshop,
)
from facilitator.store.rows import (
    ACTION_COLS,
    CLUSTER_COLS,
    GROUP_COLS,
    NOTE_COLS,
    PARTICIPANT_COLS,
    ROUND_COLS,
    to_note,
    to_round,
)


class ReadMixin:
    _db: sqlite3.Connection

    def workshop(self) -> Workshop:
        row = self._db.execute(
            "SELECT title, date, place, organisers, language, active_round_id, address,"
            " port, cards_url, cards_printed_at FROM workshop"
        ).fetchone()
        return Workshop(*row)

    def workshop_uid(self) -> str:
        """The file's identity: random once per workshop, the same in its copies."""
        row = self._db.execute("SELECT uid FROM workshop").fetchone()
        return str(row[0]) if row else ""

    def groups(self) -> list[Group]:
        rows = self._db.execute(f"SELECT {GROUP_COLS} FROM groups ORDER BY position, id")
        return [Group(*r) for r in rows]

    def group(self, group_id: int) -> Group | None:
        row = self._db.execute(
            f"SELECT {GROUP_COLS} FROM groups WHERE id = ?", (group_id,)
        ).fetchone()
        return Group(*row) if row else None

    def group_by_code(self, code: str) -> Group | None:
        row = self._db.execute(
            f"SELECT {GROUP_COLS} FROM groups WHERE code = ?", (code,)
        ).fetchone()
        return Group(*row) if row else None

    def rounds(self) -> list[Round]:
        rows = self._db.execute(f"SELECT {ROUND_COLS} FROM rounds ORDER BY position, id")
        return [to_round(r) for r in rows]

    def round(self, round_id: int) -> Round | None:
        row = self._db.execute(
            f"SELECT {ROUND_COLS} FROM rounds WHERE id = ?", (round_id,)
        ).fetchone()
        return to_round(row) if row else None

    def phase(self, round_id: int, group_id: int) -> Phase:
        row = self._db.execute(
            "SELECT phase FROM phases WHERE round_id = ? AND group_id = ?", (round_id, group_id)
        ).fetchone()
        return Phase(row[0]) if row else Phase.PREPARE

    def phase_changed_at(self, round_id: int, group_id: int) -> float | None:
        """When the group's phase of this round last changed (None: before schema 6)."""
        row = self._db.execute(
            "SELECT changed_at FROM phases WHERE round_id = ? AND group_id = ?",
            (round_id, group_id),
        ).fetchone()
        return float(row[0]) if row and row[0] is not None else None

    def phases(self) -> dict[tuple[int, int], Phase]:
        rows = self._db.execute("SELECT round_id, group_id, phase FROM phases")
        return {(r, g): Phase(p) for r, g, p in rows}

    def participant_by_token(self, token: str) -> Participant | None:
        row = self._db.execute(
            f"SELECT {PARTICIPANT_COLS} FROM participants WHERE token = ?", (token,)
        ).fetchone()
        return Participant(*row) if row else None

    def participant_by_join_id(self, group_id: int, client_join_id: str) -> Participant | None:
        row = self._db.execute(
            f"SELECT {PARTICIPANT_COLS} FROM participants"
            " WHERE group_id = ? AND client_join_id = ?",
            (group_id, client_join_id),
        ).fetchone()
        return Participant(*row) if row else None

    def participant(self, participant_id: int) -> Participant | None:
        row = self._db.execute(
            f"SELECT {PARTICIPANT_COLS} FROM participants WHERE id = ?", (participant_id,)
        ).fetchone()
        return Participant(*row) if row else None

    def participants(self) -> list[Participant]:
        rows = self._db.execute(f"SELECT {PARTICIPANT_COLS} FROM participants ORDER BY id")
        return [Participant(*r) for r in rows]

    def note(self, note_id: int) -> Note | None:
        row = self._db.execute(
            f"SELECT {NOTE_COLS} FROM notes WHERE id = ? AND deleted = 0", (note_id,)
        ).fetchone()
        return to_note(row) if row else None

    def note_by_client_id(self, client_note_id: str) -> Note | None:
        """The note a phone already sent under this id, deleted ones included, whichever
        participant sent it: a client_note_id is stored at most once per workshop."""
        row = self._db.execute(
            f"SELECT {NOTE_COLS} FROM notes WHERE client_note_id = ? ORDER BY id LIMIT 1",
            (client_note_id,),
        ).fetchone()
        return to_note(row) if row else None

    def notes(self, *, group_id: int | None = None, round_id: int | None = None) -> list[Note]:
        sql = f"SELECT {NOTE_COLS} FROM notes WHERE deleted = 0"
        args: list[int] = []
        if group_id is not None:
            sql += " AND group_id = ?"
            args.append(group_id)
        if round_id is not None:
            sql += " AND round_id = ?"
            args.append(round_id)
        return [to_note(r) for r in self._db.execute(sql + " ORDER BY id", args)]

    def count_notes(
        self, group_id: int, round_id: int, *, visible_only: bool = True, merged: bool = False
    ) -> int:
        """How many notes a wall holds; visible_only leaves out hidden ones, and merged
        duplicates too unless `merged`."""
        sql = "SELECT count(*) FROM notes WHERE deleted = 0 AND group_id = ? AND round_id = ?"
        if visible_only:
            sql += " AND hidden = 0"
            if not merged:
                sql += " AND merged_into IS NULL"
        return int(self._db.execute(sql, (group_id, round_id)).fetchone()[0])

    def notes_of(self, participant_id: int, round_id: int) -> list[Note]:
        """One participant's visible notes of a round (its phone's own list), oldest first."""
        # A participant's notes all come through the phone API, which requires a
        # client_note_id, so the (partial) client-id index finds them; without INDEXED BY
        # SQLite walked all 40,000 notes of a wall (76 ms) to find one phone's ten.
        rows = self._db.execute(
            f"SELECT {NOTE_COLS} FROM notes INDEXED BY notes_client_id WHERE participant_id = ?"
            " AND client_note_id IS NOT NULL AND round_id = ? AND deleted = 0 AND hidden = 0"
            " ORDER BY id",
            (participant_id, round_id),
        )
        return [to_note(r) for r in rows]

    def recent_shown_notes(self, group_id: int, round_id: int, limit: int) -> list[Note]:
        """The newest `limit` notes a wall shows (not hidden, not merged), oldest first:
        a first load on a 40,000-note wall reads these, not the whole wall."""
        rows = self._db.execute(
            f"SELECT {NOTE_COLS} FROM notes WHERE deleted = 0 AND group_id = ?"
            " AND round_id = ? AND hidden = 0 AND merged_into IS NULL"
            " ORDER BY id DESC LIMIT ?",
            (group_id, round_id, limit),
        ).fetchall()
        return [to_note(r) for r in reversed(rows)]

    def visible_count_and_last_id(self, group_id: int, round_id: int) -> tuple[int, int]:
        """count_notes(visible_only, merged) and the highest id among those notes (0 if
        none): the live stream adds later notes to the count without asking again."""
        count, last = self._db.execute(
            "SELECT count(*), max(id) FROM notes WHERE deleted = 0 AND group_id = ?"
            " AND round_id = ? AND hidden = 0",
            (group_id, round_id),
        ).fetchone()
        return int(count), int(last or 0)

    def loose_notes(self, group_id: int, round_id: int, limit: int | None = None) -> list[Note]:
        """The notes a group votes on as notes (in no cluster, not hidden, not merged),
        oldest first, at most `limit`: one range of the notes_items index, however many
        notes the wall's clusters hold."""
        rows = self._db.execute(
            f"SELECT {NOTE_COLS} FROM notes INDEXED BY notes_items WHERE group_id = ?"
            " AND round_id = ? AND cluster_id IS NULL AND deleted = 0 AND hidden = 0"
            " AND merged_into IS NULL ORDER BY id LIMIT ?",
            (group_id, round_id, -1 if limit is None else limit),
        )
        return [to_note(r) for r in rows]

    def cluster_notes(
        self, cluster_id: int, group_id: int, round_id: int, limit: int
    ) -> tuple[int, list[str]]:
        """How many notes a cluster holds that phones see (not hidden, not merged), and
        the text of its first `limit` of them: a theme's sample on the phone."""
        key = (group_id, round_id, cluster_id)
        where = (
            " FROM notes INDEXED BY notes_items WHERE group_id = ? AND round_id = ?"
            " AND cluster_id = ? AND deleted = 0 AND hidden = 0 AND merged_into IS NULL"
        )
        count = int(self._db.execute("SELECT count(*)" + where, key).fetchone()[0])
        texts = [
            r[0]
            for r in self._db.execute("SELECT text" + where + " ORDER BY id LIMIT ?", (*key, limit))
        ]
        return count, texts

    def cluster(self, cluster_id: int) -> Cluster | None:
        row = self._db.execute(
            f"SELECT {CLUSTER_COLS} FROM clusters WHERE id = ?", (cluster_id,)
        ).fetchone()
        return Cluster(*row) if row else None

    def clusters(
        self, *, group_id: int | None = None, round_id: int | None = None
    ) -> list[Cluster]:
        sql = f"SELECT {CLUSTER_COLS} FROM clusters WHERE 1"
        args: list[int] = []
        if group_id is not None:
            sql += " AND group_id = ?"
            args.append(group_id)
        if round_id is not None:
            sql += " AND round_id = ?"
            args.append(round_id)
        return [Cluster(*r) for r in self._db.execute(sql + " ORDER BY id", args)]

    def votes(
        self, *, round_id: int | None = None, participant_id: int | None = None
    ) -> list[Vote]:
        sql = "SELECT participant_id, round_id, note_id, cluster_id, dots FROM votes WHERE 1"
        args: list[int] = []
        if round_id is not None:
            sql += " AND round_id = ?"
            args.append(round_id)
        if participant_id is not None:
            sql += " AND participant_id = ?"
            args.append(participant_id)
        return [Vote(*r) for r in self._db.execute(sql, args)]

    def votes_of_group(self, round_id: int, group_id: int) -> list[Vote]:
        rows = self._db.execute(
            "SELECT v.participant_id, v.round_id, v.note_id, v.cluster_id, v.dots"
            " FROM votes v JOIN participants p ON p.id = v.participant_id"
            " WHERE v.round_id = ? AND p.group_id = ? ORDER BY v.rowid",
            (round_id, group_id),
        )
        return [Vote(*r) for r in rows]

    def action(self, action_id: int) -> Action | None:
        row = self._db.execute(
            f"SELECT {ACTION_COLS} FROM actions WHERE id = ?", (action_id,)
        ).fetchone()
        return Action(*row) if row else None

    def actions(self) -> list[Action]:
        return [
            Action(*r) for r in self._db.execute(f"SELECT {ACTION_COLS} FROM actions ORDER BY id")
        ]

    def snapshot(self) -> Snapshot:
        """Everything at one instant: one read transaction so the parts agree."""
        self._db.execute("BEGIN")
        try:
            return Snapshot(
                workshop=self.workshop(),
                groups=tuple(self.groups()),
                rounds=tuple(self.rounds()),
                participants=tuple(self.participants()),
                notes=tuple(self.notes()),
                clusters=tuple(self.clusters()),
                votes=tuple(self.votes()),
                actions=tuple(self.actions()),
                phases=self.phases(),
            )
        finally:
            self._db.execute("COMMIT")
