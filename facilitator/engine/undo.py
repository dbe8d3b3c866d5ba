"""Undo computed by the engine, as Anki's collection undo: a wall action is one command,
and the engine, in the same savepoint that applies it, works out the one command that
takes it back (its inverse). The GUI only names steps.

How a step lives: the GUI sends `Do(step, command)`; the writer reads what the command
will change, applies it, and keeps the inverse under `step`. `Undo(step)` applies that
inverse the same way, keeping the inverse of the inverse for `Redo(step)`. Rows come
back under their own ids (notes are soft-deleted; clusters and action points are
re-inserted, and the writer never hands a deleted id out again), so later steps that
name them stay valid and nothing waits for an id.

Atomic: a compound action (create a cluster from notes, delete a cluster, a drag of
many notes, `Compound`) and its inverse run inside the command's savepoint; if any part
is refused, the savepoint rolls all of it back and the log keeps the step as it was.
The log changes only after COMMIT (`committed`), so a failed commit forgets nothing.

What undo does not bring back: dots. Votes removed by hiding a note or deleting a
cluster, or moved by a merge, stay as the vote left them (phones own their dots).

The log is keyed by step alone, so one stack per table in the GUI needs nothing here.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from facilitator.domain.model import Note
from facilitator.domain.rules import RuleViolation
from facilitator.engine import commands as c
from facilitator.engine import events as e
from facilitator.engine.apply import apply
from facilitator.engine.errors import NotFound
from facilitator.store import Store

Applied = tuple[Any, list[e.Event]]
Finish = Callable[[Any], c.Command]  # the command's result -> its inverse
Inverter = Callable[[Store, Any], Finish]

LIMIT = 10_000  # steps kept; a whole conference day is far below this


def _fixed(command: c.Command) -> Finish:
    return lambda _result: command


def _notes(store: Store, note_ids: Iterable[int]) -> tuple[Note, ...]:
    found = []
    for note_id in dict.fromkeys(note_ids):
        note = store.note(note_id)
        if note is None:
            raise NotFound("note")
        found.append(note)
    return tuple(found)


def _restore(store: Store, note_ids: Iterable[int]) -> Finish:
    restore = c.RestoreNotes(_notes(store, note_ids))
    return lambda _result: restore


def _move_notes(store: Store, cmd: c.MoveNotes) -> Finish:
    shown = {note_id: (x, y) for note_id, x, y in cmd.shown_at}
    back = tuple(
        replace(n, x=shown[n.id][0], y=shown[n.id][1]) if n.x is None and n.id in shown else n
        for n in _notes(store, [m[0] for m in cmd.moves])
    )
    return _fixed(c.RestoreNotes(back))


def _merge(store: Store, cmd: c.MergeNote) -> Finish:
    duplicate = _notes(store, [cmd.duplicate_id])[0]
    followers = [
        n.id
        for n in store.notes(group_id=duplicate.group_id, round_id=duplicate.round_id)
        if n.merged_into == duplicate.id
    ]
    return _restore(store, [duplicate.id, *followers])


def _create_cluster(store: Store, cmd: c.CreateCluster) -> Finish:
    before = c.RestoreNotes(_notes(store, cmd.note_ids))
    return lambda cluster: c.Compound((before, c.DeleteCluster(cluster.id)))


def _delete_cluster(store: Store, cmd: c.DeleteCluster) -> Finish:
    cluster = store.cluster(cmd.cluster_id)
    if cluster is None:
        raise NotFound("cluster")
    members = [
        n.id
        for n in store.notes(group_id=cluster.group_id, round_id=cluster.round_id)
        if n.cluster_id == cluster.id
    ]
    actions = tuple(a.id for a in store.actions() if a.cluster_id == cluster.id)
    back = c.Compound((c.RestoreCluster(cluster, actions), c.RestoreNotes(_notes(store, members))))
    return lambda _result: back


def _update_cluster(store: Store, cmd: c.UpdateCluster) -> Finish:
    old = store.cluster(cmd.cluster_id)
    if old is None:
        raise NotFound("cluster")
    back = c.UpdateCluster(old.id, old.name, old.x, old.y)
    return lambda _result: back


def _add_note(store: Store, cmd: c.AddNote) -> Finish:
    if cmd.participant_id is not None:
        raise RuleViolation("not_undoable", "a phone's note is not the facilitator's to undo")
    return lambda result: c.DeleteNote(result.note.id)


def _delete_note(store: Store, cmd: c.DeleteNote) -> Finish:
    _notes(store, [cmd.note_id])  # refused here if it is gone already
    return _fixed(c.UndeleteNote(cmd.note_id))


def _old_action(store: Store, action_id: int) -> c.UpdateAction:
    old = store.action(action_id)
    if old is None:
        raise NotFound("action")
    return c.UpdateAction(old.id, old.what, old.who, old.due, old.note_id, old.cluster_id)


def _delete_action(store: Store, cmd: c.DeleteAction) -> Finish:
    old = store.action(cmd.action_id)
    if old is None:
        raise NotFound("action")
    return lambda _result: c.RestoreAction(old)


INVERTERS: dict[type, Inverter] = {
    c.MoveNote: lambda s, cmd: _restore(s, [cmd.note_id]),
    c.MoveNotes: _move_notes,
    c.SetNoteCluster: lambda s, cmd: _restore(s, [cmd.note_id]),
    c.SetNoteHidden: lambda s, cmd: _restore(s, [cmd.note_id]),
    c.EditNote: lambda s, cmd: _restore(s, [cmd.note_id]),
    c.UnmergeNote: lambda s, cmd: _restore(s, [cmd.note_id]),
    c.RestoreNotes: lambda s, cmd: _restore(s, [n.id for n in cmd.notes]),
    c.MergeNote: _merge,
    c.AddNote: _add_note,
    c.DeleteNote: _delete_note,
    c.UndeleteNote: lambda s, cmd: _fixed(c.DeleteNote(cmd.note_id)),
    c.CreateCluster: _create_cluster,
    c.DeleteCluster: _delete_cluster,
    c.RestoreCluster: lambda s, cmd: _fixed(c.DeleteCluster(cmd.cluster.id)),
    c.UpdateCluster: _update_cluster,
    c.AddAction: lambda s, cmd: lambda action: c.DeleteAction(action.id),
    c.UpdateAction: lambda s, cmd: _fixed(_old_action(s, cmd.action_id)),
    c.DeleteAction: _delete_action,
    c.RestoreAction: lambda s, cmd: _fixed(c.DeleteAction(cmd.action.id)),
}


def apply_undoable(
    store: Store, command: c.Command, now: float
) -> tuple[Any, list[e.Event], c.Command]:
    """Apply `command` and return (result, events, the command that takes it back)."""
    if isinstance(command, c.Compound):
        results: list[Any] = []
        changes: list[e.Event] = []
        inverses: list[c.Command] = []
        for part in command.commands:
            result, part_changes, inverse = apply_undoable(store, part, now)
            results.append(result)
            changes.extend(part_changes)
            inverses.append(inverse)
        return tuple(results), changes, c.Compound(tuple(reversed(inverses)))
    inverter = INVERTERS.get(type(command))
    if inverter is None:
        raise RuleViolation("not_undoable", f"{type(command).__name__} cannot be undone")
    finish = inverter(store, command)
    result, changes = apply(store, command, now)
    return result, changes, finish(result)


class UndoLog:
    """The writer's memory of undo steps: step -> (done?, the command that reverses the
    step's last move). Used on the writer thread only."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._limit = limit
        self._steps: OrderedDict[int, tuple[bool, c.Command]] = OrderedDict()
        self._staged: dict[int, tuple[bool, c.Command]] = {}

    def apply(self, store: Store, command: c.Command, now: float) -> Applied:
        """engine.apply, plus Do / Undo / Redo / Compound."""
        if isinstance(command, c.Do):
            if self._entry(command.step) is not None:
                raise RuleViolation("step_taken", "this undo step was done before")
            result, changes, inverse = apply_undoable(store, command.command, now)
            self._staged[command.step] = (True, inverse)
            return result, changes
        if isinstance(command, c.Undo | c.Redo):
            undoing = isinstance(command, c.Undo)
            entry = self._entry(command.step)
            if entry is None or entry[0] != undoing:
                # The step was refused when done (already reported), or is already in
                # the state asked for: nothing to do.
                return None, []
            result, changes, inverse = apply_undoable(store, entry[1], now)
            self._staged[command.step] = (not undoing, inverse)
            return None, changes
        if isinstance(command, c.Compound):
            result, changes, _inverse = apply_undoable(store, command, now)
            return result, changes
        return apply(store, command, now)

    def committed(self) -> None:
        for step, entry in self._staged.items():
            self._steps[step] = entry
            self._steps.move_to_end(step)
        self._staged.clear()
        while len(self._steps) > self._limit:
            self._steps.popitem(last=False)

    def rolled_back(self) -> None:
        self._staged.clear()

    def _entry(self, step: int) -> tuple[bool, c.Command] | None:
        return self._staged.get(step) or self._steps.get(step)
