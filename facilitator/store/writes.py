"""The writes the engine performs inside its transactions. Nothing here commits."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from facilitator.domain import ids
from facilitator.domain.model import Action, Cluster, Group, Note, Participant, Phase, Round
from facilitator.store.rows import GROUP_COLS, ROUND_COLS, rowid, to_round
from facilitator.store.specs import RoundSpec


class WriteMixin:
    _db: sqlite3.Connection

    def add_group(self, name: str, *, colour: str = "#f6d365", host: str = "") -> Group:
        taken = {r[0] for r in self._db.execute("SELECT code FROM groups")}
        position = self._db.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM groups").fetchone()[0]
        cur = self._db.execute(
            "INSERT INTO groups (name, code, position, colour, host) VALUES (?, ?, ?, ?, ?)",
            (name, ids.new_join_code(taken), position, colour, host),
        )
        row = self._db.execute(
            f"SELECT {GROUP_COLS} FROM groups WHERE id = ?", (rowid(cur),)).fetchone()
        return Group(*row)

    def add_round(self, spec: RoundSpec) -> Round:
        position = self._db.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM rounds").fetchone()[0]
        cur = self._db.execute(
            "INSERT INTO rounds (position, question, method, duration_s, visibility,"
            " dot_budget, multi_dots, title, vote_duration_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (position, spec.question, spec.method.value, spec.duration_s,
             spec.visibility.value, spec.dot_budget, int(spec.multi_dots), spec.title,
             spec.vote_duration_s),
        )
        row = self._db.execute(
            f"SELECT {ROUND_COLS} FROM rounds WHERE id = ?", (rowid(cur),)).fetchone()
        return to_round(row)

    def set_active_round(self, round_id: int) -> None:
        self._db.execute("UPDATE workshop SET active_round_id = ?", (round_id,))

    def set_phase(self, round_id: int, group_id: int, phase: Phase,
                  now: float | None = None) -> None:
        self._db.execute(
            "INSERT INTO phases (round_id, group_id, phase, changed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (round_id, group_id) DO UPDATE SET phase = excluded.phase,"
            " changed_at = excluded.changed_at",
            (round_id, group_id, phase.value, now),
        )

    def set_timer(self, round_id: int, ends_at: float | None, remaining_s: float | None) -> None:
        self._db.execute(
            "UPDATE rounds SET timer_ends_at = ?, timer_remaining_s = ? WHERE id = ?",
            (ends_at, remaining_s, round_id),
        )

    def set_timer_phase(self, round_id: int, phase: Phase | None) -> None:
        self._db.execute(
            "UPDATE rounds SET timer_phase = ? WHERE id = ?",
            (None if phase is None else phase.value, round_id),
        )

    def add_participant(self, group_id: int, token: str, name: str, organisation: str,
                        now: float, client_join_id: str | None = None) -> Participant:
        cur = self._db.execute(
            "INSERT INTO participants (group_id, token, name, organisation, joined_at,"
            " client_join_id) VALUES (?, ?, ?, ?, ?, ?)",
            (group_id, token, name, organisation, now, client_join_id),
        )
        return Participant(rowid(cur), group_id, token, name, organisation, now)

    def add_note(self, *, group_id: int, round_id: int, text: str, participant_id: int | None,
                 client_note_id: str | None, now: float, is_paper: bool = False,
                 late: bool = False) -> Note:
        cur = self._db.execute(
            "INSERT INTO notes (group_id, round_id, participant_id, client_note_id, text,"
            " created_at, updated_at, is_paper, late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (group_id, round_id, participant_id, client_note_id, text, now, now, int(is_paper),
             int(late)),
        )
        return Note(rowid(cur), group_id, round_id, text, participant_id, client_note_id, now,
                    now, is_paper, late=late)

    def update_note_text(self, note_id: int, text: str, now: float) -> None:
        self._db.execute(
            "UPDATE notes SET text = ?, updated_at = ? WHERE id = ?", (text, now, note_id))

    def delete_note(self, note_id: int, now: float) -> None:
        """Soft delete, so a late retry of the same client id still finds its note."""
        self._db.execute(
            "UPDATE notes SET deleted = 1, updated_at = ? WHERE id = ?", (now, note_id))
        self._db.execute("DELETE FROM votes WHERE note_id = ?", (note_id,))

    def undelete_note(self, note_id: int, now: float) -> None:
        self._db.execute(
            "UPDATE notes SET deleted = 0, updated_at = ? WHERE id = ?", (now, note_id))

    def restore_note(self, note: Note) -> None:
        """Put back what the wall may change of a note: text, moderation, cluster, place,
        merge (undo; the engine took `note` from this file before the change)."""
        self._db.execute(
            "UPDATE notes SET text = ?, updated_at = ?, hidden = ?, cluster_id = ?, x = ?,"
            " y = ?, merged_into = ? WHERE id = ?",
            (note.text, note.updated_at, int(note.hidden), note.cluster_id, note.x, note.y,
             note.merged_into, note.id),
        )

    def set_note_hidden(self, note_id: int, hidden: bool) -> None:
        self._db.execute("UPDATE notes SET hidden = ? WHERE id = ?", (int(hidden), note_id))
        if hidden:
            self._db.execute("DELETE FROM votes WHERE note_id = ?", (note_id,))

    def move_note(self, note_id: int, x: float, y: float) -> None:
        self._db.execute("UPDATE notes SET x = ?, y = ? WHERE id = ?", (x, y, note_id))

    def set_note_cluster(self, note_id: int, cluster_id: int | None) -> None:
        self._db.execute("UPDATE notes SET cluster_id = ? WHERE id = ?", (cluster_id, note_id))

    def merge_note(self, duplicate_id: int, into_id: int) -> None:
        """Fold a duplicate into another note; its dots follow it."""
        self._db.execute(
            "UPDATE notes SET merged_into = ?, cluster_id = NULL WHERE id = ?",
            (into_id, duplicate_id),
        )
        self._db.execute(
            "UPDATE notes SET merged_into = ? WHERE merged_into = ?", (into_id, duplicate_id))
        self._db.execute(
            "UPDATE votes SET note_id = ? WHERE note_id = ?", (into_id, duplicate_id))

    def unmerge_note(self, note_id: int) -> None:
        self._db.execute("UPDATE notes SET merged_into = NULL WHERE id = ?", (note_id,))

    def add_cluster(self, group_id: int, round_id: int, name: str, x: float, y: float) -> Cluster:
        cluster = Cluster(self._fresh_id("clusters"), group_id, round_id, name, x, y)
        self.restore_cluster(cluster)
        return cluster

    def restore_cluster(self, cluster: Cluster) -> None:
        """Insert a cluster under its own id (undo of a delete brings back the same row)."""
        self._db.execute(
            "INSERT INTO clusters (id, group_id, round_id, name, x, y) VALUES (?, ?, ?, ?, ?, ?)",
            (cluster.id, cluster.group_id, cluster.round_id, cluster.name, cluster.x, cluster.y),
        )

    def _fresh_id(self, table: str) -> int:
        """An id never handed out by this writer before, deleted rows included.

        SQLite reuses the highest rowid once its row is deleted; the engine's undo log
        may still name that id (undo of a delete restores the row under it), so the
        writer counts past every id it has seen. The log lives in memory, as this count
        does: after a restart both start afresh.
        """
        highs: dict[str, int] = self.__dict__.setdefault("_high_ids", {})
        assert table in ("clusters", "actions")
        current = self._db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        highs[table] = max(highs.get(table, 0), int(current)) + 1
        return highs[table]

    def update_cluster(self, cluster_id: int, *, name: str, x: float, y: float) -> None:
        self._db.execute(
            "UPDATE clusters SET name = ?, x = ?, y = ? WHERE id = ?", (name, x, y, cluster_id))

    def delete_cluster(self, cluster_id: int) -> None:
        self._db.execute("UPDATE notes SET cluster_id = NULL WHERE cluster_id = ?", (cluster_id,))
        self._db.execute("DELETE FROM votes WHERE cluster_id = ?", (cluster_id,))
        self._db.execute(
            "UPDATE actions SET cluster_id = NULL WHERE cluster_id = ?", (cluster_id,))
        self._db.execute("DELETE FROM clusters WHERE id = ?", (cluster_id,))

    def replace_votes(self, participant_id: int, round_id: int,
                      dots: Iterable[tuple[int | None, int | None, int]]) -> None:
        """A participant's whole allocation for a round: (note_id, cluster_id, dots)."""
        self._db.execute(
            "DELETE FROM votes WHERE participant_id = ? AND round_id = ?",
            (participant_id, round_id),
        )
        self._db.executemany(
            "INSERT INTO votes (participant_id, round_id, note_id, cluster_id, dots)"
            " VALUES (?, ?, ?, ?, ?)",
            [(participant_id, round_id, n, c, d) for n, c, d in dots if d > 0],
        )

    def add_action(self, group_id: int, round_id: int, what: str, who: str, due: str,
                   note_id: int | None, cluster_id: int | None) -> Action:
        action = Action(self._fresh_id("actions"), group_id, round_id, what, who, due, note_id,
                        cluster_id)
        self.restore_action(action)
        return action

    def restore_action(self, action: Action) -> None:
        """Insert an action point under its own id (see restore_cluster)."""
        self._db.execute(
            "INSERT INTO actions (id, group_id, round_id, what, who, due, note_id, cluster_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (action.id, action.group_id, action.round_id, action.what, action.who, action.due,
             action.note_id, action.cluster_id),
        )

    def link_actions(self, action_ids: Iterable[int], cluster_id: int) -> None:
        self._db.executemany("UPDATE actions SET cluster_id = ? WHERE id = ?",
                             [(cluster_id, a) for a in action_ids])

    def update_action(self, action: Action) -> None:
        self._db.execute(
            "UPDATE actions SET what = ?, who = ?, due = ?, note_id = ?, cluster_id = ?"
            " WHERE id = ?",
            (action.what, action.who, action.due, action.note_id, action.cluster_id, action.id),
        )

    def delete_action(self, action_id: int) -> None:
        self._db.execute("DELETE FROM actions WHERE id = ?", (action_id,))

    # -- preparing the workshop: event details, groups and rounds ---------------------

    def update_workshop(self, title: str, date: str, place: str, organisers: str,
                        language: str, address: str | None = None) -> None:
        if address is not None:
            self._db.execute("UPDATE workshop SET address = ?", (address,))
        self._db.execute(
            "UPDATE workshop SET title = ?, date = ?, place = ?, organisers = ?, language = ?",
            (title, date, place, organisers, language),
        )

    def set_port(self, port: int) -> None:
        self._db.execute("UPDATE workshop SET port = ?", (port,))

    def record_cards(self, url: str, printed_at: float) -> None:
        self._db.execute("UPDATE workshop SET cards_url = ?, cards_printed_at = ?",
                         (url, printed_at))

    def update_group(self, group_id: int, name: str, colour: str, host: str) -> None:
        self._db.execute(
            "UPDATE groups SET name = ?, colour = ?, host = ? WHERE id = ?",
            (name, colour, host, group_id),
        )

    def update_round(self, round_id: int, spec: RoundSpec) -> None:
        self._db.execute(
            "UPDATE rounds SET question = ?, method = ?, duration_s = ?, visibility = ?,"
            " dot_budget = ?, multi_dots = ?, title = ?, vote_duration_s = ? WHERE id = ?",
            (spec.question, spec.method.value, spec.duration_s, spec.visibility.value,
             spec.dot_budget, int(spec.multi_dots), spec.title, spec.vote_duration_s,
             round_id),
        )

    def has_content(self, *, group_id: int | None = None, round_id: int | None = None) -> bool:
        """Whether deleting this group or round would throw away anything people made."""
        column, value = ("group_id", group_id) if group_id is not None else ("round_id", round_id)
        tables = ["notes", "clusters", "actions"]
        if group_id is not None:
            tables.append("participants")
        return any(
            self._db.execute(f"SELECT 1 FROM {t} WHERE {column} = ? LIMIT 1", (value,)).fetchone()
            for t in tables
        )

    def delete_group(self, group_id: int) -> None:
        self._db.execute("DELETE FROM phases WHERE group_id = ?", (group_id,))
        self._db.execute("DELETE FROM groups WHERE id = ?", (group_id,))

    def delete_round(self, round_id: int) -> None:
        self._db.execute("DELETE FROM phases WHERE round_id = ?", (round_id,))
        self._db.execute("DELETE FROM votes WHERE round_id = ?", (round_id,))
        self._db.execute("DELETE FROM rounds WHERE id = ?", (round_id,))
        self._db.execute(
            "UPDATE workshop SET active_round_id = (SELECT id FROM rounds ORDER BY position, id"
            " LIMIT 1) WHERE active_round_id = ? OR active_round_id IS NULL", (round_id,))

    def reorder(self, table: str, ordered_ids: list[int]) -> None:
        assert table in ("groups", "rounds")
        self._db.executemany(
            f"UPDATE {table} SET position = ? WHERE id = ?",
            [(position, item) for position, item in enumerate(ordered_ids)],
        )
