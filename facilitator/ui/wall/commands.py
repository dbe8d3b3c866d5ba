"""The wall's undo stack entries: thin. One entry is one engine command, sent as an undo
step (`Do`); undo and redo send `Undo` / `Redo` with the step's number and the engine
applies the inverse it computed when the step was done (engine/undo.py). So the GUI
never waits for an id, and a compound action (a drag of many notes, a merge, deleting
clusters) undoes in one transaction or not at all.

Step numbers are unique in the process, so one stack per table needs nothing more than
a QUndoStack per table holding these same entries.

No Qt signals: QUndoCommand is no QObject.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QUndoCommand

from facilitator.engine import (
    AddAction,
    AddNote,
    Command,
    Compound,
    CreateCluster,
    DeleteAction,
    DeleteCluster,
    Do,
    EditNote,
    MergeNote,
    MoveNotes,
    Redo,
    SetNoteCluster,
    SetNoteHidden,
    Undo,
    UnmergeNote,
    UpdateAction,
    UpdateCluster,
)
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.wall.room import NO_ROOM, Room

_steps = itertools.count(1)


def tr(text: str) -> str:
    return QCoreApplication.translate("WallCommands", text)


def _one(commands: Sequence[Command]) -> Command:
    return commands[0] if len(commands) == 1 else Compound(tuple(commands))


class EngineStep(QUndoCommand):
    """One undo step: `command` the first time redo() runs (QUndoStack.push), then
    Undo / Redo of the same step. `future` answers the first send (nobody waits on it)."""

    def __init__(
        self, bridge: EngineBridge, text: str, command: Command, parent: QUndoCommand | None = None
    ) -> None:
        super().__init__(text, parent)
        self.bridge, self.command = bridge, command
        self.step = next(_steps)
        self.future: Future[Any] | None = None

    def redo(self) -> None:
        if self.future is None:
            self.future = self.bridge.submit(Do(self.step, self.command))
        else:
            self.bridge.submit(Redo(self.step))

    def undo(self) -> None:
        self.bridge.submit(Undo(self.step))


def move_notes(bridge: EngineBridge, moved: Sequence[tuple[int, QPointF, QPointF]]) -> EngineStep:
    """A finished drag: (note id, old place, new place) per note. The old places go
    along for notes the wall placed by itself (not stored), so undo puts them back
    where they were seen."""
    text = (
        tr("Briefje verplaatsen")
        if len(moved) == 1
        else tr("{n} briefjes verplaatsen").format(n=len(moved))
    )
    return EngineStep(
        bridge,
        text,
        MoveNotes(
            tuple((nid, new.x(), new.y()) for nid, _old, new in moved),
            shown_at=tuple((nid, old.x(), old.y()) for nid, old, _new in moved),
        ),
    )


def assign(
    bridge: EngineBridge,
    text: str,
    note_ids: Sequence[int],
    cluster_id: int | None,
    places: Sequence[tuple[int, QPointF]] = (),
    room: Room = NO_ROOM,
) -> EngineStep:
    """Notes into a cluster (or out: None), some of them also to a new place; what the
    grown frame covers moves aside (`room`, WallView.room_for_frame) in the same step."""
    commands: list[Command] = [SetNoteCluster(nid, cluster_id) for nid in note_ids]
    if places:
        commands.append(MoveNotes(tuple((nid, p.x(), p.y()) for nid, p in places)))
    return EngineStep(bridge, text, _one([*commands, *_making(room)]))


def create_cluster(
    bridge: EngineBridge,
    group_id: int,
    round_id: int,
    name: str,
    note_ids: Sequence[int],
    pos: QPointF,
    room: Room = NO_ROOM,
) -> EngineStep:
    """A new named frame holding the notes; undo deletes it and puts every note back in
    the cluster it came from, and what made room for it back in its place."""
    made = CreateCluster(group_id, round_id, name, tuple(note_ids), pos.x(), pos.y())
    return EngineStep(bridge, tr("Cluster maken"), _one([made, *_making(room)]))


def _making(room: Room) -> list[Command]:
    commands: list[Command] = [
        UpdateCluster(cid, x=place.x(), y=place.y()) for cid, place in room.frames
    ]
    if room.notes:
        commands.append(MoveNotes(tuple((nid, p.x(), p.y()) for nid, p in room.notes)))
    return commands


def delete_clusters(bridge: EngineBridge, cluster_ids: Sequence[int]) -> EngineStep:
    """Frames removed, their notes freed; undo brings each back with its notes and the
    action points that named it. (Dots given to a cluster are gone with it.)"""
    return EngineStep(
        bridge, tr("Cluster opheffen"), _one([DeleteCluster(cid) for cid in cluster_ids])
    )


def update_cluster(
    bridge: EngineBridge,
    cluster_id: int,
    text: str,
    *,
    name: str | None = None,
    place: QPointF | None = None,
) -> EngineStep:
    """Rename a frame or move it."""
    return EngineStep(
        bridge,
        text,
        UpdateCluster(
            cluster_id,
            name=name,
            x=None if place is None else place.x(),
            y=None if place is None else place.y(),
        ),
    )


def merge(bridge: EngineBridge, duplicate_ids: Sequence[int], into_id: int) -> EngineStep:
    """Fold duplicates into the note they repeat, as one step."""
    return EngineStep(
        bridge, tr("Briefjes samenvoegen"), _one([MergeNote(d, into_id) for d in duplicate_ids])
    )


def unmerge(bridge: EngineBridge, duplicate_ids: Sequence[int]) -> EngineStep:
    return EngineStep(
        bridge, tr("Dubbel uit elkaar halen"), _one([UnmergeNote(d) for d in duplicate_ids])
    )


def hide(bridge: EngineBridge, note_ids: Sequence[int], hidden: bool) -> EngineStep:
    """Moderation: hide notes or show them again; undo restores each note's own state."""
    return EngineStep(
        bridge,
        tr("Briefje verbergen") if hidden else tr("Briefje weer tonen"),
        _one([SetNoteHidden(nid, hidden) for nid in note_ids]),
    )


def edit_text(
    bridge: EngineBridge,
    note_id: int,
    text: str,
    move_to: QPointF | None = None,
    room: Room = NO_ROOM,
) -> EngineStep:
    """A typo corrected by the facilitator (no participant: any phase). `move_to`: where
    a note placed by hand goes when its longer text makes it too tall for its place;
    `room`: what its frame, grown with it, covers moves aside (one undo step with the
    edit)."""
    commands: list[Command] = [EditNote(note_id, text)]
    if move_to is not None:
        commands.append(MoveNotes(((note_id, move_to.x(), move_to.y()),)))
    return EngineStep(bridge, tr("Tekst verbeteren"), _one([*commands, *_making(room)]))


def add_paper_note(bridge: EngineBridge, group_id: int, round_id: int, text: str) -> EngineStep:
    """A paper note typed in on the laptop; undo deletes it, redo brings the same back."""
    return EngineStep(
        bridge,
        tr("Papieren briefje toevoegen"),
        AddNote(group_id, text, round_id=round_id, is_paper=True),
    )


ActionFields = tuple[str, str, str, int | None, int | None]  # what, who, due, note, cluster


def add_action(
    bridge: EngineBridge, group_id: int, round_id: int, fields: ActionFields
) -> EngineStep:
    return EngineStep(bridge, tr("Actiepunt toevoegen"), AddAction(group_id, round_id, *fields))


def update_action(bridge: EngineBridge, action_id: int, fields: ActionFields) -> EngineStep:
    return EngineStep(bridge, tr("Actiepunt wijzigen"), UpdateAction(action_id, *fields))


def delete_actions(bridge: EngineBridge, action_ids: Sequence[int]) -> EngineStep:
    """A wrongly deleted action point comes back with Ctrl+Z, same id, same links."""
    return EngineStep(
        bridge, tr("Actiepunt verwijderen"), _one([DeleteAction(a) for a in action_ids])
    )
