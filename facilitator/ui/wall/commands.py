"""Undoable wall edits beyond moving: clusters, merges, moderation, typo fixes, paper notes.

Every redo() and undo() only submits engine commands (the engine stays the one writer
and the wall follows from its change events, on this laptop and on the projector).
Undoing "create" means deleting, and redoing it again creates a new row with a new id;
commands further up the stack must follow. So commands hold a Ref, not a bare id: one
Ref per cluster or note for the whole stack, rebound when an undo or redo re-creates it.
A Ref whose creation is still in the engine's queue waits for it (a few milliseconds,
only when undo and redo are pressed faster than one commit).

No Qt signals: QUndoCommand is no QObject.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any, overload

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QUndoCommand

from facilitator.engine import (
    AddAction,
    AddNote,
    Command,
    CreateCluster,
    DeleteAction,
    DeleteCluster,
    DeleteNote,
    EditNote,
    MergeNote,
    MoveNotes,
    SetNoteCluster,
    SetNoteHidden,
    UnmergeNote,
    UpdateAction,
    UpdateCluster,
)
from facilitator.ui.bridge import EngineBridge

_WAIT_S = 5.0


def tr(text: str) -> str:
    return QCoreApplication.translate("WallCommands", text)


class Ref:
    """An engine id that undo and redo may replace (see the module docstring)."""

    def __init__(self, refs: Refs, kind: str, id_: int | None) -> None:
        self._refs, self._kind, self._id = refs, kind, id_
        self._future: Future[Any] | None = None

    @property
    def id(self) -> int | None:
        if self._future is not None:
            future, self._future = self._future, None
            try:
                result = future.result(_WAIT_S)
            except Exception:  # refused or failed: reported through commandFailed
                result = None
            self._id = getattr(getattr(result, "note", result), "id", None)
            if self._id is not None:
                self._refs.record(self._kind, self._id, self)
        return self._id

    def bind(self, future: Future[Any]) -> None:
        self._id, self._future = None, future
        self._refs.pending.append(self)

    def settled(self) -> bool:
        return self._future is None or self._future.done()


class Refs:
    """One Ref per cluster or note id, shared by every command on the stack."""

    def __init__(self) -> None:
        self._by_id: dict[tuple[str, int], Ref] = {}
        self.pending: list[Ref] = []

    def action(self, action_id: int) -> Ref:
        return self._get("a", action_id)

    @overload
    def cluster(self, cluster_id: int) -> Ref: ...
    @overload
    def cluster(self, cluster_id: None) -> None: ...
    @overload
    def cluster(self, cluster_id: int | None) -> Ref | None: ...

    def cluster(self, cluster_id: int | None) -> Ref | None:
        return None if cluster_id is None else self._get("c", cluster_id)

    def note(self, note_id: int) -> Ref:
        return self._get("n", note_id)

    def new(self, kind: str) -> Ref:
        return Ref(self, kind, None)

    def record(self, kind: str, id_: int, ref: Ref) -> None:
        self._by_id[(kind, id_)] = ref

    def _get(self, kind: str, id_: int) -> Ref:
        for ref in [r for r in self.pending if r.settled()]:
            self.pending.remove(ref)
            _ = ref.id  # settles and records the new id
        found = self._by_id.get((kind, id_))
        if found is None:
            found = self._by_id[(kind, id_)] = Ref(self, kind, id_)
        return found


class _WallCommand(QUndoCommand):
    def __init__(self, bridge: EngineBridge, text: str, parent: QUndoCommand | None = None):
        super().__init__(text, parent)
        self.bridge = bridge

    def submit(self, command: Command) -> Future[Any]:
        return self.bridge.submit(command)


def _ids(refs: Sequence[Ref]) -> tuple[int, ...]:
    return tuple(i for i in (r.id for r in refs) if i is not None)


class CreateClusterCommand(_WallCommand):
    """A new named frame holding `notes`; undo deletes it and puts every note back in
    the cluster it came from (None: loose on the wall)."""

    def __init__(self, bridge: EngineBridge, cluster: Ref, group_id: int, round_id: int,
                 name: str, notes: Sequence[tuple[Ref, Ref | None]], pos: QPointF,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(bridge, tr("Cluster maken"), parent)
        self.cluster, self._group, self._round = cluster, group_id, round_id
        self._name, self._notes, self._pos = name, list(notes), QPointF(pos)
        self.future: Future[Any] | None = None

    def redo(self) -> None:
        self.future = self.submit(CreateCluster(
            self._group, self._round, self._name, _ids([n for n, _ in self._notes]),
            self._pos.x(), self._pos.y()))
        self.cluster.bind(self.future)

    def undo(self) -> None:
        if (cluster_id := self.cluster.id) is not None:
            self.submit(DeleteCluster(cluster_id))
        for note, old in self._notes:
            if old is not None and (note_id := note.id) is not None and (
                    old_id := old.id) is not None:
                self.submit(SetNoteCluster(note_id, old_id))


class DeleteClusterCommand(CreateClusterCommand):
    """Removing a frame frees its notes; undo makes it again, same name, place, notes.
    (Dots given to the cluster are gone with it; the vote is usually still to come.)"""

    def __init__(self, bridge: EngineBridge, cluster: Ref, group_id: int, round_id: int,
                 name: str, members: Sequence[Ref], pos: QPointF) -> None:
        super().__init__(bridge, cluster, group_id, round_id, name,
                         [(m, None) for m in members], pos)
        self.setText(tr("Cluster opheffen"))

    def redo(self) -> None:
        CreateClusterCommand.undo(self)

    def undo(self) -> None:
        CreateClusterCommand.redo(self)


class AssignCommand(_WallCommand):
    """Notes into a cluster, out of one, or moved: each entry is (note, old cluster,
    new cluster, old stored place or None, new place or None)."""

    def __init__(self, bridge: EngineBridge, text: str,
                 entries: Sequence[tuple[Ref, Ref | None, Ref | None,
                                         QPointF | None, QPointF | None]],
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(bridge, text, parent)
        self._entries = list(entries)

    def redo(self) -> None:
        self._apply(new=True)

    def undo(self) -> None:
        self._apply(new=False)

    def _apply(self, *, new: bool) -> None:
        moves = []
        for note, old_c, new_c, old_p, new_p in self._entries:
            cluster, pos = (new_c, new_p) if new else (old_c, old_p)
            if note.id is None:
                continue
            if pos is not None:
                moves.append((note.id, pos.x(), pos.y()))
            target = None if cluster is None else cluster.id
            if (old_c is not new_c) and (cluster is None or target is not None):
                self.submit(SetNoteCluster(note.id, target))
        if moves:
            self.submit(MoveNotes(tuple(moves)))


class UpdateClusterCommand(_WallCommand):
    """Rename a frame or move it (its notes go with it)."""

    def __init__(self, bridge: EngineBridge, cluster: Ref, text: str, *,
                 names: tuple[str, str] | None = None,
                 places: tuple[QPointF, QPointF] | None = None) -> None:
        super().__init__(bridge, text)
        self.cluster, self._names, self._places = cluster, names, places

    def redo(self) -> None:
        self._apply(1)

    def undo(self) -> None:
        self._apply(0)

    def _apply(self, which: int) -> None:
        if (cluster_id := self.cluster.id) is None:
            return
        name = None if self._names is None else self._names[which]
        place = None if self._places is None else self._places[which]
        self.submit(UpdateCluster(cluster_id, name=name,
                                  x=None if place is None else place.x(),
                                  y=None if place is None else place.y()))


class MergeCommand(_WallCommand):
    """Fold a duplicate into the note it repeats; undo unfolds it into its old cluster.
    With `unmerge=True` the other way round (the kept note's "+1" undone)."""

    def __init__(self, bridge: EngineBridge, duplicate: Ref, into: Ref, old_cluster: Ref | None,
                 *, unmerge: bool = False) -> None:
        super().__init__(bridge, tr("Dubbel uit elkaar halen") if unmerge
                         else tr("Briefjes samenvoegen"))
        self._dup, self._into, self._old, self._unmerge = duplicate, into, old_cluster, unmerge

    def redo(self) -> None:
        self._split() if self._unmerge else self._merge()

    def undo(self) -> None:
        self._merge() if self._unmerge else self._split()

    def _merge(self) -> None:
        if (dup := self._dup.id) is not None and (into := self._into.id) is not None:
            self.submit(MergeNote(dup, into))

    def _split(self) -> None:
        if self._dup.id is None:
            return
        self.submit(UnmergeNote(self._dup.id))
        if self._old is not None and self._old.id is not None:
            self.submit(SetNoteCluster(self._dup.id, self._old.id))


class HideCommand(_WallCommand):
    """Moderation: hide or show notes again; undo restores each note's own state."""

    def __init__(self, bridge: EngineBridge, notes: Sequence[tuple[Ref, bool]],
                 hidden: bool) -> None:
        super().__init__(bridge, tr("Briefje verbergen") if hidden else tr("Briefje weer tonen"))
        self._notes, self._hidden = list(notes), hidden

    def redo(self) -> None:
        for note, _was in self._notes:
            if note.id is not None:
                self.submit(SetNoteHidden(note.id, self._hidden))

    def undo(self) -> None:
        for note, was in self._notes:
            if note.id is not None:
                self.submit(SetNoteHidden(note.id, was))


class EditTextCommand(_WallCommand):
    """A typo corrected by the facilitator (no participant: any phase)."""

    def __init__(self, bridge: EngineBridge, note: Ref, old: str, new: str) -> None:
        super().__init__(bridge, tr("Tekst verbeteren"))
        self._note, self._texts = note, (old, new)

    def redo(self) -> None:
        if self._note.id is not None:
            self.submit(EditNote(self._note.id, self._texts[1]))

    def undo(self) -> None:
        if self._note.id is not None:
            self.submit(EditNote(self._note.id, self._texts[0]))


class AddPaperNoteCommand(_WallCommand):
    """A paper note typed in on the laptop; undo deletes it, redo types it in again."""

    def __init__(self, bridge: EngineBridge, note: Ref, group_id: int, round_id: int,
                 text: str) -> None:
        super().__init__(bridge, tr("Papieren briefje toevoegen"))
        self.note, self._group, self._round, self._text = note, group_id, round_id, text
        self.future: Future[Any] | None = None

    def redo(self) -> None:
        self.future = self.submit(AddNote(self._group, self._text, round_id=self._round,
                                          is_paper=True))
        self.note.bind(self.future)

    def undo(self) -> None:
        if self.note.id is not None:
            self.submit(DeleteNote(self.note.id))


ActionFields = tuple[str, str, str, Ref | None, Ref | None]  # what, who, due, note, cluster


class ActionCommand(_WallCommand):
    """Add (before None), change, or delete (after None) an action point; undo does the
    opposite, so a wrongly deleted action point comes back with Ctrl+Z."""

    def __init__(self, bridge: EngineBridge, action: Ref, group_id: int, round_id: int,
                 before: ActionFields | None, after: ActionFields | None) -> None:
        text = (tr("Actiepunt toevoegen") if before is None else
                tr("Actiepunt verwijderen") if after is None else tr("Actiepunt wijzigen"))
        super().__init__(bridge, text)
        self.action, self._group, self._round = action, group_id, round_id
        self._before, self._after = before, after

    def redo(self) -> None:
        self._go(self._before, self._after)

    def undo(self) -> None:
        self._go(self._after, self._before)

    def _go(self, now: ActionFields | None, to: ActionFields | None) -> None:
        if to is None:
            if self.action.id is not None:
                self.submit(DeleteAction(self.action.id))
            return
        what, who, due, note, cluster = to
        note_id = None if note is None else note.id
        cluster_id = None if cluster is None else cluster.id
        if now is None:
            self.action.bind(self.submit(AddAction(
                self._group, self._round, what, who, due, note_id, cluster_id)))
        elif self.action.id is not None:
            self.submit(UpdateAction(self.action.id, what, who, due, note_id, cluster_id))
