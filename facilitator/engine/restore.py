"""Handlers for the commands only undo sends: rows put back as they were before a wall
action, under their own ids. Same contract as engine.apply: check, write, return events.

They are ordinary commands (a script could send them), but their purpose is to be the
inverse that engine.undo computes, so they restore exactly what the store held.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from facilitator.engine import commands as c
from facilitator.engine import events as e
from facilitator.engine.board import votes_changed
from facilitator.engine.errors import NotFound
from facilitator.store import Store

Applied = tuple[Any, list[e.Event]]


def _restore_notes(store: Store, cmd: c.RestoreNotes, now: float) -> Applied:
    changes: list[e.Event] = []
    walls: set[tuple[int, int]] = set()
    for wanted in cmd.notes:
        before = store.note(wanted.id)
        if before is None:
            raise NotFound("note")
        store.restore_note(wanted)
        after = store.note(wanted.id)
        assert after is not None
        changes.append(e.NoteChanged(after))
        if (before.merged_into, before.hidden) != (after.merged_into, after.hidden):
            walls.add((after.round_id, after.group_id))
    changes.extend(votes_changed(store, round_id, group_id) for round_id, group_id in sorted(walls))
    return None, changes


def _undelete_note(store: Store, cmd: c.UndeleteNote, now: float) -> Applied:
    if store.note(cmd.note_id) is not None:
        raise NotFound("deleted note")
    store.undelete_note(cmd.note_id, now)
    note = store.note(cmd.note_id)
    if note is None:
        raise NotFound("note")
    return note, [e.NoteAdded(note)]


def _restore_cluster(store: Store, cmd: c.RestoreCluster, now: float) -> Applied:
    cluster = cmd.cluster
    if store.group(cluster.group_id) is None:
        raise NotFound("group")
    if store.round(cluster.round_id) is None:
        raise NotFound("round")
    store.restore_cluster(cluster)
    linked = [a for a in (store.action(i) for i in cmd.action_ids) if a is not None]
    store.link_actions([a.id for a in linked], cluster.id)
    changes: list[e.Event] = [e.ClusterAdded(cluster)]
    for action in linked:
        relinked = store.action(action.id)
        assert relinked is not None
        changes.append(e.ActionChanged(relinked))
    return cluster, changes


def _restore_action(store: Store, cmd: c.RestoreAction, now: float) -> Applied:
    if store.group(cmd.action.group_id) is None:
        raise NotFound("group")
    store.restore_action(cmd.action)
    return cmd.action, [e.ActionAdded(cmd.action)]


HANDLERS: dict[type, Callable[[Store, Any, float], Applied]] = {
    c.RestoreNotes: _restore_notes,
    c.UndeleteNote: _undelete_note,
    c.RestoreCluster: _restore_cluster,
    c.RestoreAction: _restore_action,
}
