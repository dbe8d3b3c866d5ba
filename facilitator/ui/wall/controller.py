"""What the facilitator's hands do on the wall, turned into undoable commands: a drop
that makes or joins a cluster or takes a note out of one, a frame dragged, a name or a
typo typed in place, a merge, hiding, a paper note. Every edit is a QUndoCommand on the
window's stack (wall/commands.py: one engine command each, undone by the inverse the
engine computes); nothing here changes an item directly, the wall follows the
engine's events.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGraphicsItem, QMenu

from facilitator.engine import ClusterAdded, Event
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.state import WorkshopState
from facilitator.ui.wall import commands as wc
from facilitator.ui.wall.cluster_item import ClusterItem
from facilitator.ui.wall.grid import SLOT_H, SLOT_W
from facilitator.ui.wall.inline_edit import InlineEditor
from facilitator.ui.wall.keyboard import free_place
from facilitator.ui.wall.note_item import NOTE_W, NoteItem, note_height, rows_for
from facilitator.ui.wall.room import NO_ROOM, Room
from facilitator.ui.wall.table_undo import TableUndo
from facilitator.ui.wall.view import WallView


class WallController(QObject):
    """Connects one wall to an undo stack.

    Signals:
        actionRequested(str, object, object): text to pre-fill an action point with,
            and the note id and cluster id it is about (either may be None).
        statusMessage(str, int): a hint for the status bar and how long to show it (ms).
    """

    actionRequested = Signal(str, object, object)
    statusMessage = Signal(str, int)

    def __init__(
        self,
        wall: WallView,
        state: WorkshopState,
        bridge: EngineBridge,
        stack: TableUndo,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.wall = wall
        self.state = state
        self.bridge = bridge
        self.stack = stack
        self.editor: InlineEditor | None = None
        self._rename_next: tuple[int, int, str] | None = None  # (group, round, name)

    # -- drops --------------------------------------------------------------------------

    def on_notes_moved(self, moved: Sequence[tuple[int, QPointF, QPointF]]) -> None:
        """A finished drag: onto a loose note makes a cluster, onto a cluster joins it,
        out of a frame onto the wall leaves it, anywhere else is a move."""
        self.wall.drag_finished(moved)
        items = [i for i in (self.wall.item(nid) for nid, _o, _n in moved) if i is not None]
        if not items:
            return
        centre = items[0].mapToScene(QPointF(NOTE_W / 2, items[0].height() / 2))
        target = self.wall.wall_scene.wall_item_at(centre, exclude=items)
        if isinstance(target, NoteItem) and target.cluster_id is None:
            self.make_cluster([target, *items], at=target.pos())
        elif target is not None and target.cluster_id is not None:
            self._assign(items, target.cluster_id, self.tr("In cluster leggen"))
        elif any(i.cluster_id is not None for i in items):
            new_places = {nid: new for nid, _old, new in moved}
            self.stack.push(
                wc.assign(
                    self.bridge,
                    self.tr("Uit cluster halen"),
                    [i.note_id for i in items if i.cluster_id is not None],
                    None,
                    [(i.note_id, new_places[i.note_id]) for i in items],
                )
            )
        else:
            self.stack.push(wc.move_notes(self.bridge, moved))

    def _assign(self, items: Sequence[NoteItem], cluster_id: int, text: str) -> None:
        joining = [i.note_id for i in items if i.cluster_id != cluster_id]
        frame = self.wall.cluster_item(cluster_id)
        if joining:
            room = (
                self.wall.room_for_frame(cluster_id, frame.pos(), joining)
                if frame is not None
                else NO_ROOM
            )
            self.stack.push(wc.assign(self.bridge, text, joining, cluster_id, room=room))
        self.wall.relayout(cluster_id)  # members that were already in it snap back

    def make_cluster(
        self, items: Sequence[NoteItem], at: QPointF | None = None, name: str | None = None
    ) -> None:
        if not items or self.wall.key is None:
            return
        group_id, round_id = self.wall.key
        name = name or self._next_name()
        self._rename_next = (group_id, round_id, name)
        note_ids = [i.note_id for i in items]
        at = at if at is not None else items[0].pos()
        room = self.wall.room_for_frame(None, at, note_ids)
        self.stack.push(
            wc.create_cluster(self.bridge, group_id, round_id, name, note_ids, at, room)
        )

    def _next_name(self) -> str:
        taken = {c.name() for c in self.wall.cluster_items()}
        n = len(taken) + 1
        while self.tr("Cluster {n}").format(n=n) in taken:
            n += 1
        return self.tr("Cluster {n}").format(n=n)

    def on_cluster_moved(self, cluster_id: int, old: QPointF, new: QPointF) -> None:
        self.stack.push(
            wc.update_cluster(
                self.bridge, cluster_id, self.tr("Cluster verplaatsen"), place=QPointF(new)
            )
        )

    def on_applied(self, events: Sequence[Event]) -> None:
        """A cluster just made by hand gets its name field open, ready to type. Matched
        by wall and name, since the event may arrive before the command's answer."""
        pending = self._rename_next
        if pending is None:
            return
        made = [
            e.cluster
            for e in events
            if isinstance(e, ClusterAdded)
            and (e.cluster.group_id, e.cluster.round_id, e.cluster.name) == pending
        ]
        if made:
            self._rename_next = None
            frame = self.wall.cluster_item(made[-1].id)
            if frame is not None:
                self.edit(frame)

    # -- selection commands ---------------------------------------------------------------

    def selected_notes(self) -> list[NoteItem]:
        return sorted(
            (i for i in self.wall.wall_scene.selectedItems() if isinstance(i, NoteItem)),
            key=lambda i: i.note_id,
        )

    def selected_clusters(self) -> list[ClusterItem]:
        return [i for i in self.wall.wall_scene.selectedItems() if isinstance(i, ClusterItem)]

    def cluster_selection(self) -> None:
        """Ctrl+G: the selected loose notes into a new cluster, or, when one cluster is
        selected too (its frame or a note in it), into that cluster: the keyboard's way
        to do what dropping notes on a frame does."""
        notes = self.selected_notes()
        targets = {f.cluster_id for f in self.selected_clusters()}
        targets.update(n.cluster_id for n in notes if n.cluster_id is not None)
        loose = [n for n in notes if n.cluster_id is None]
        if len(targets) > 1:
            self.statusMessage.emit(
                self.tr("Kies één cluster om de briefjes in te leggen."), 5000
            )
        elif targets and loose:
            self._assign(loose, targets.pop(), self.tr("In cluster leggen"))
        elif not targets:
            self.make_cluster(notes)

    def merge_selection(self) -> None:
        """Fold the later notes into the earliest selected one, as one undo step."""
        notes = self.selected_notes()
        if len(notes) < 2:
            self.statusMessage.emit(self.tr("Kies twee of meer briefjes om samen te voegen."), 5000)
            return
        kept, duplicates = notes[0], notes[1:]
        self.stack.push(wc.merge(self.bridge, [d.note_id for d in duplicates], kept.note_id))

    def unmerge(self, note_id: int) -> None:
        duplicates = self.wall.merged_into(note_id)
        if not duplicates:
            return
        self.stack.push(wc.unmerge(self.bridge, list(duplicates)))

    def set_hidden(self, items: Sequence[NoteItem], hidden: bool) -> None:
        if items:
            self.stack.push(wc.hide(self.bridge, [i.note_id for i in items], hidden))

    def toggle_hidden_selection(self) -> None:
        notes = self.selected_notes()
        if notes:
            self.set_hidden(notes, not all(n.hidden for n in notes))

    def on_hide_requested(self, note_id: int, hidden: bool) -> None:
        item = self.wall.item(note_id)
        if item is not None:
            self.set_hidden([item], hidden)

    def delete_clusters(self, frames: Sequence[ClusterItem] | None = None) -> None:
        frames = list(frames if frames is not None else self.selected_clusters())
        if not frames or self.wall.key is None:
            return
        self.stack.push(wc.delete_clusters(self.bridge, [f.cluster_id for f in frames]))

    def add_paper_note(self, text: str) -> None:
        """A note from paper lands on the wall shown, whatever phase phones are in."""
        if self.wall.key is not None:
            group_id, round_id = self.wall.key
            self.stack.push(wc.add_paper_note(self.bridge, group_id, round_id, text))

    def nudge(self, dx: int, dy: int) -> None:
        """Ctrl+arrows: the selection one grid place over, hopping over taken places
        (wall/keyboard.py says why). A note in a cluster moves with its frame. One undo
        step for the notes, one per frame."""
        notes = [n for n in self.selected_notes() if n.cluster_id is None]
        frames = {f.cluster_id: f for f in self.selected_clusters()}
        for note in self.selected_notes():
            frame = self.wall.cluster_item(note.cluster_id) if note.cluster_id else None
            if frame is not None:
                frames[frame.cluster_id] = frame
        if not notes and not frames:
            return
        scene = self.wall.wall_scene
        moving = {*notes, *frames.values()}
        for frame in frames.values():
            moving.update(i for i in self.wall.note_items() if i.cluster_id == frame.cluster_id)
        taken = self._taken_but(moving)

        step = QPointF(dx * SLOT_W, dy * SLOT_H)
        moved = [
            (n.note_id, n.pos(), place)
            for n in notes
            if (place := free_place(n.pos(), (NOTE_W, n.height()), step, taken)) is not None
        ]
        if moved:
            # Moved on screen at once, as a drag does: the next key press starts from here.
            for note_id, _old, place in moved:
                item = self.wall.item(note_id)
                if item is not None:
                    item.setPos(place)
            self.wall.drag_finished(moved)
            self.stack.push(wc.move_notes(self.bridge, moved))
        for frame in frames.values():
            start = frame.pos()
            place = free_place(start, frame.size(), step, taken)
            if place is not None:
                frame.setPos(place)  # carries its notes along (ClusterItem.on_moved)
                self.on_cluster_moved(frame.cluster_id, start, place)
        focus = scene.focusItem()
        if focus is not None:
            self.wall.ensureVisible(focus, 24, 24)

    def _taken_but(self, moving: Collection[QGraphicsItem]) -> Callable[[QRectF], bool]:
        """Whether a note or frame other than `moving` lies in a rect (a small edge
        left out, so neighbours that only touch do not count)."""
        scene = self.wall.wall_scene

        def taken(rect: QRectF) -> bool:
            inner = rect.adjusted(4, 4, -4, -4)
            return any(
                isinstance(i, NoteItem | ClusterItem) and i not in moving
                for i in scene.items(inner)
            )

        return taken

    def _room_for(self, item: NoteItem, text: str) -> QPointF | None:
        """Where a note placed by hand goes when `text` makes it too tall for its place
        (another note or a frame under it): the first free place down its column. None:
        it stays (it still fits, or the wall places it: wall/view.py makes room then)."""
        if item.cluster_id is not None or not self.wall.placed_by_hand(item.note_id):
            return None
        size = (NOTE_W, note_height(rows_for(text)))
        taken = self._taken_but({item})
        if size[1] <= item.height() or not taken(QRectF(item.pos(), QSizeF(*size))):
            return None
        return free_place(item.pos(), size, QPointF(0, SLOT_H), taken)

    def _frame_room_for(self, item: NoteItem, text: str) -> Room:
        """What the frame of a clustered note covers once `text` makes the note taller."""
        frame = self.wall.cluster_item(item.cluster_id) if item.cluster_id else None
        height = note_height(rows_for(text))
        if frame is None or height <= item.height():
            return NO_ROOM
        return self.wall.room_for_frame(
            frame.cluster_id, frame.pos(), [], taller={item.note_id: height}
        )

    # -- typing on the wall ---------------------------------------------------------------

    def edit_selection(self) -> None:
        """F2: the focused item if it is selected (the keyboard's), else the first."""
        scene = self.wall.wall_scene
        selected = scene.selectedItems()
        focus = scene.focusItem()
        if focus in selected and isinstance(focus, NoteItem | ClusterItem):
            self.edit(focus)
        elif selected and isinstance(selected[0], NoteItem | ClusterItem):
            self.edit(selected[0])

    def edit(self, item: NoteItem | ClusterItem) -> None:
        """Name a cluster or correct a note's text in place (Enter keeps, Esc cancels)."""
        if self.editor is not None:
            self.editor.commit()
        if isinstance(item, ClusterItem):
            cluster_id, old = item.cluster_id, item.name()

            def renamed(text: str | None) -> None:
                self.editor = None
                if text is not None and text.strip() and text.strip() != old:
                    self.stack.push(
                        wc.update_cluster(
                            self.bridge, cluster_id, self.tr("Cluster hernoemen"), name=text.strip()
                        )
                    )

            self.editor = InlineEditor(
                self.wall, item, item.name_rect(), old, multiline=False, on_done=renamed
            )
        elif isinstance(item, NoteItem):
            note_id, old = item.note_id, item.text()

            def corrected(text: str | None) -> None:
                self.editor = None
                if text is not None and text.strip() and text != old:
                    place = self._room_for(item, text)
                    room = self._frame_room_for(item, text)
                    self.stack.push(wc.edit_text(self.bridge, note_id, text, place, room))

            # Over the whole note, however tall it is, less a small edge.
            body = QRectF(0, 0, NOTE_W, item.height()).adjusted(6, 6, -6, -6)
            self.editor = InlineEditor(
                self.wall, item, body, old, multiline=True, on_done=corrected
            )

    # -- right-click ------------------------------------------------------------------------

    def fill_menu(self, item: NoteItem | ClusterItem, menu: QMenu) -> None:
        def add(label: str, slot: Callable[[], object]) -> None:
            action = QAction(label, menu)
            action.triggered.connect(slot)
            menu.addAction(action)

        if isinstance(item, ClusterItem):
            add(self.tr("Naam wijzigen (F2)"), lambda: self.edit(item))
            add(
                self.tr("Actiepunt maken…"),
                lambda: self.actionRequested.emit(item.name(), None, item.cluster_id),
            )
            menu.addSeparator()
            add(self.tr("Cluster opheffen (Delete)"), lambda: self.delete_clusters([item]))
            return
        add(self.tr("Tekst verbeteren (F2)"), lambda: self.edit(item))
        if len(self.selected_notes()) >= 2:
            add(self.tr("Samenvoegen (Ctrl+M)"), self.merge_selection)
            if all(n.cluster_id is None for n in self.selected_notes()):
                add(self.tr("Clusteren (Ctrl+G)"), self.cluster_selection)
        if item.merged_count():
            add(self.tr("Dubbel uit elkaar halen"), lambda: self.unmerge(item.note_id))
        if item.cluster_id is not None:
            add(self.tr("Uit cluster halen"), lambda: self._take_out(item))
        add(
            self.tr("Weer tonen (Ctrl+H)") if item.hidden else self.tr("Verbergen (Ctrl+H)"),
            lambda: self.set_hidden([item], not item.hidden),
        )
        add(
            self.tr("Actiepunt maken…"),
            lambda: self.actionRequested.emit(item.text(), item.note_id, None),
        )

    def _take_out(self, item: NoteItem) -> None:
        self.stack.push(wc.assign(self.bridge, self.tr("Uit cluster halen"), [item.note_id], None))

    # -- votes --------------------------------------------------------------------------

    def refresh_dots(self) -> None:
        if self.wall.key is None:
            return
        group_id, round_id = self.wall.key
        self.wall.set_dots(
            {r.key: r.dots for r in self.state.ranking(group_id, round_id) if r.dots}
        )
