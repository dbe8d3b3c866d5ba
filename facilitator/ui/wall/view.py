"""The wall of one group in one round: sticky notes and cluster frames on a zoomable scene.

Notes without a stored position take the first free slot of a grid, so a note arriving
live never covers another or a cluster frame; a long note, taller (note_item), takes the
first free run of slots one under the other. Such a note keeps its place when it
changes: a text that grows pushes the notes the grid put under it to other free places
(as a growing frame does), or, when a frame or a note placed by hand is in the way,
moves to a free run itself. Those automatic places are not written
back: they follow from arrival order and would double the engine's work at peak load;
only a note the facilitator moves gets a stored position. A clustered note sits where its
frame lays it out; its own stored position is kept for when it leaves the cluster.
The wall only changes from engine events; drags and double-clicks are reported as
signals, and wall_features turns them into undoable commands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFontInfo,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPixmapCache,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsView, QWidget

from facilitator.domain.model import Cluster, Note
from facilitator.domain.ranking import ItemKind, item_key
from facilitator.engine import (
    ClusterAdded,
    ClusterChanged,
    ClusterRemoved,
    Event,
    NoteAdded,
    NoteChanged,
    NoteRemoved,
)
from facilitator.ui.memory import release_freed_memory
from facilitator.ui.wall.cluster_item import ClusterItem, frame_size
from facilitator.ui.wall.grid import (
    COLUMNS,
    GAP,
    MIN_COLUMNS,
    SLOT_H,
    SLOT_W,
    SlotGrid,
    folded,
)
from facilitator.ui.wall.keyboard import WallKeys
from facilitator.ui.wall.note_item import NOTE_FONT_PT, NOTE_W, NoteItem
from facilitator.ui.wall.room import Room, make_room
from facilitator.ui.wall.scene import WallScene
from facilitator.ui.wall.zoom_view import ZoomPanView

__all__ = ["WallScene", "WallView"]

_REFLOW_LIMIT = 1000  # notes; above it a resize re-zooms but keeps the grid's columns

# Qt's pixmap cache charges a note's bitmap for its pixels only, so a big wall zoomed far
# out kept one tiny bitmap per note at ~5 KB each (20,000 notes: 110 MB, issue 17).
# Beyond this many notes, notes smaller on screen than _SMALL_LOD draw without one.
CACHED_SMALL_NOTES = 3000
_SMALL_LOD = 0.1
_BITMAP = QGraphicsItem.CacheMode.DeviceCoordinateCache
_NO_BITMAP = QGraphicsItem.CacheMode.NoCache
# A wall this big, once left, gives its memory back to the system (ui/memory.py).
RELEASE_AFTER_NOTES = 1000


class WallView(ZoomPanView):
    """Shows one group's notes and clusters for one round, current from engine events.

    Signals:
        wallShown(int, int): group id and round id now shown (after show_wall).
        See WallScene for the rest (`view.wall_scene.notesMoved`, ...).
    """

    wallShown = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wall_scene = WallScene(self)
        self.setScene(self.wall_scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # A resize keeps the top left in place (the wall reads from there; refit relies on it)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.key: tuple[int, int] | None = None  # (group_id, round_id) shown
        # Where show_wall finds the clusters of a wall (wall_features sets it to the state).
        self.cluster_source: Callable[[int, int], Sequence[Cluster]] | None = None
        self._items: dict[int, NoteItem] = {}
        self._frames: dict[int, ClusterItem] = {}
        self._members: dict[int, list[int]] = {}  # cluster id -> member note ids, sorted
        self._stored: dict[int, QPointF | None] = {}  # note id -> its own stored place
        self._grid = SlotGrid()  # the automatic grid's slots: who holds which
        self._merged: dict[int, int] = {}  # duplicate id -> the note it is folded into
        self._search = ""
        self._folded: dict[int, tuple[str, str]] = {}  # note id -> (text, folded text)
        # The scene's items bounding rect while it is known; None after anything moved,
        # shrank or left. A live note only widens it, so it never walks all items.
        self._bounds: QRectF | None = None
        self._cache_mode = _BITMAP  # what every note item's bitmap cache is set to
        self.keys = WallKeys(self)  # arrows, Space, Enter, Esc (wall/keyboard.py)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._resized = QTimer(self)  # a dragged window edge fits once, when it rests
        self._resized.setSingleShot(True)
        self._resized.setInterval(60)
        self._resized.timeout.connect(self._fit_to_size)

    # -- a readable wall ----------------------------------------------------------------

    def readable_scale(self) -> float:
        """The zoom at which a note's text is as large as the interface's (every note's
        text is NOTE_FONT_PT: a long note is taller instead, see note_item)."""
        return QFontInfo(self.font()).pointSizeF() / NOTE_FONT_PT

    def columns(self) -> int:
        """Columns of the automatic grid: as many as read well in the view's width."""
        return self._grid.columns

    def _columns_for_width(self) -> int:
        """How many grid columns fit the view at the readable zoom (the scroll bar's
        width kept free, so it coming and going never changes the count)."""
        width = self.width() - self.verticalScrollBar().sizeHint().width()
        fits = int((width / self.readable_scale() - GAP - 4) // SLOT_W)
        return max(MIN_COLUMNS, min(COLUMNS, fits))

    def _fit_to_size(self) -> None:
        """The window or a dock changed the view's size: the grid and the zoom follow.
        A wall of more than _REFLOW_LIMIT notes keeps its columns until it is shown
        again: laying 2,000 notes out anew took 230-360 ms (docs/PERFORMANCE.md)."""
        if len(self._items) <= _REFLOW_LIMIT:
            self.set_columns(self._columns_for_width())
        self.refit()

    def set_columns(self, columns: int) -> None:
        """Lay the notes the wall placed by itself out again in `columns` columns; notes
        and frames the facilitator placed stay where they are."""
        if columns == self._grid.columns:
            return
        self._grid.reset(columns)
        for cluster_id in self._frames:
            self._layout(cluster_id)
        loose = [i for i in self._items.values() if i.cluster_id not in self._frames]
        loose.sort(key=lambda i: (self._stored.get(i.note_id) is None, i.note_id))
        for item in loose:
            self._place(item, self._stored_or_free(item))
        self._bounds = None
        self._update_scene_rect()

    # -- the keyboard -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.keys.key_press(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.keys.focus_in(event.reason())

    # -- the notes' bitmaps -----------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self._fit_cache_mode()
        super().paintEvent(event)

    def _fit_cache_mode(self) -> None:
        """Bitmaps for notes unless there are many and each is only a few pixels on screen
        (see CACHED_SMALL_NOTES); checked per paint, changed only when that flips."""
        small = self.transform().m11() < _SMALL_LOD
        wanted = _NO_BITMAP if small and len(self._items) > CACHED_SMALL_NOTES else _BITMAP
        if wanted != self._cache_mode:
            self._cache_mode = wanted
            for item in self._items.values():
                item.setCacheMode(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_pixmap_cache()
        if self.key is not None:
            self._resized.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_pixmap_cache()

    def _fit_pixmap_cache(self) -> None:
        """Let Qt's pixmap cache hold every visible note's bitmap twice over.

        Each note caches its look in device pixels (NoteItem), in the process-wide
        QPixmapCache, 10 MB by default. Whatever the zoom, the visible notes' bitmaps add up
        to about the viewport's own size in pixels: 23 MB for 1600x900 at device pixel ratio
        2, where the default cache made every repaint draw every note again (42-93 ms per
        repaint instead of 1-4 ms). Only ever raised."""
        viewport = self.viewport()
        ratio = viewport.devicePixelRatioF()
        needed_kb = int(2 * viewport.width() * viewport.height() * ratio * ratio * 4 / 1024)
        if QPixmapCache.cacheLimit() < needed_kb:
            QPixmapCache.setCacheLimit(needed_kb)

    # -- what is shown ----------------------------------------------------------------

    def show_wall(
        self,
        group_id: int,
        round_id: int,
        notes: Iterable[Note],
        clusters: Iterable[Cluster] | None = None,
    ) -> None:
        """Replace the wall's content: frames, then notes with a stored place, then the
        rest in id order, so automatic places come out the same every time.
        Nothing of the wall shown before is kept (items, maps, cached bitmaps)."""
        big = len(self._items) >= RELEASE_AFTER_NOTES
        self.wall_scene.clear()
        for store in (
            self._items,
            self._frames,
            self._members,
            self._stored,
            self._merged,
            self._folded,
        ):
            store.clear()
        if big:
            release_freed_memory()
        self._grid.reset(self._columns_for_width() if self.isVisible() else self._grid.columns)
        self._bounds = None
        self.key = (group_id, round_id)
        if clusters is None and self.cluster_source is not None:
            clusters = self.cluster_source(group_id, round_id)
        for cluster in clusters or ():
            self._add_frame(cluster)
        notes = list(notes)
        for note in sorted(notes, key=lambda n: (n.x is None, n.id)):
            if note.merged_into is None:
                self._add(note)
        for note in notes:
            if note.merged_into is not None:
                self._merged[note.id] = note.merged_into
        for target in set(self._merged.values()):
            self._refresh_badge(target)
        self._apply_search()
        self._update_scene_rect(fresh=True)
        self.fit_readable()
        self.wallShown.emit(group_id, round_id)

    def apply(self, events: Sequence[Event]) -> None:
        """Fold one batch of engine events into the wall; others' walls are ignored."""
        if self.key is None:
            return
        touched: set[int] = set()  # clusters to lay out again
        changed = False
        grabbed = self.wall_scene.mouseGrabberItem()
        for event in events:
            if isinstance(event, ClusterAdded | ClusterChanged | ClusterRemoved):
                cluster = event.cluster
                if (cluster.group_id, cluster.round_id) != self.key:
                    continue
                changed = True
                if isinstance(event, ClusterRemoved):
                    self._remove_frame(cluster.id)
                elif (frame := self._frames.get(cluster.id)) is None:
                    self._add_frame(cluster)
                else:
                    frame.set_name(cluster.name)
                    if frame is not grabbed and frame.pos() != QPointF(cluster.x, cluster.y):
                        frame.setPos(cluster.x, cluster.y)
                        self._bounds = None
                    touched.add(cluster.id)
                    self._apply_search_to(frame)
            elif isinstance(event, NoteRemoved):
                changed |= self._remove(event.note_id, touched)
                self._set_merged(event.note_id, None)
            elif isinstance(event, NoteAdded | NoteChanged):
                note = event.note
                mine = (note.group_id, note.round_id) == self.key
                self._set_merged(note.id, note.merged_into if mine else None)
                item = self._items.get(note.id)
                if not mine or note.merged_into is not None:
                    # A merged duplicate shows only as the "+n" on the note it joined.
                    changed |= self._remove(note.id, touched)
                    continue
                changed = True
                if item is None:
                    self._add(note)
                    continue
                if item.cluster_id != note.cluster_id:
                    self._leave(note.id, item.cluster_id, touched)
                resized = item.update_from(note)  # a new text: taller or shorter
                if resized:
                    self._bounds = None  # the wall's extent may have changed in place
                self._apply_search_to(item)
                self._stored[note.id] = _place(note)
                if note.cluster_id is not None and note.cluster_id in self._frames:
                    self._join(note.id, note.cluster_id, touched)
                elif item is not grabbed:
                    # The echo of a drag still in progress must not yank the note back.
                    self._settle(item, resized)
        for cluster_id in touched:
            self._layout(cluster_id)
        if changed:
            self._update_scene_rect()

    def item(self, note_id: int) -> NoteItem | None:
        return self._items.get(note_id)

    def note_items(self) -> list[NoteItem]:
        return list(self._items.values())

    def cluster_item(self, cluster_id: int) -> ClusterItem | None:
        return self._frames.get(cluster_id)

    def cluster_items(self) -> list[ClusterItem]:
        return list(self._frames.values())

    def members(self, cluster_id: int) -> list[int]:
        return list(self._members.get(cluster_id, ()))

    def placed_by_hand(self, note_id: int) -> bool:
        """The note has a stored place (the facilitator put it there), not the grid's."""
        return self._stored.get(note_id) is not None

    def merged_into(self, note_id: int) -> list[int]:
        """The duplicates folded into this note."""
        return sorted(d for d, t in self._merged.items() if t == note_id)

    def room_for_frame(
        self,
        cluster_id: int | None,
        at: QPointF,
        note_ids: Sequence[int],
        taller: Mapping[int, float] | None = None,
    ) -> Room:
        """Where the other frames and the notes placed by hand go that the frame at `at`
        covers once it holds `note_ids` too (a new frame: `cluster_id` None), with the
        notes in `taller` at that height; room.py."""
        joining = set(note_ids)
        already = self._members.get(cluster_id, []) if cluster_id is not None else []
        members = sorted(joining.union(already))
        heights = [
            (taller or {}).get(m, self._items[m].height()) for m in members if m in self._items
        ]
        grown = QRectF(at, QSizeF(*frame_size(heights)))
        placed: dict[tuple[bool, int], QRectF] = {
            (True, cid): QRectF(frame.pos(), QSizeF(*frame.size()))
            for cid, frame in self._frames.items()
            if cid != cluster_id
        }
        for note_id, place in self._stored.items():
            item = self._items.get(note_id)
            if place is None or item is None or note_id in joining:
                continue
            if item.cluster_id not in self._frames:
                placed[(False, note_id)] = QRectF(item.pos(), QSizeF(NOTE_W, item.height()))
        moved = make_room(grown, placed)
        return Room(
            frames=tuple((key, place) for (frame, key), place in moved.items() if frame),
            notes=tuple((key, place) for (frame, key), place in moved.items() if not frame),
        )

    def move_note(self, note_id: int, pos: QPointF) -> None:
        """Move a note as a drag would (keyboard, scripts): reports it as moved."""
        item = self._items[note_id]
        start = item.pos()
        item.setPos(pos)
        self._bounds = None
        if start != pos:
            self.wall_scene.notesMoved.emit([(note_id, start, QPointF(pos))])

    def drag_finished(self, moved: Sequence[tuple[int, QPointF, QPointF]]) -> None:
        """Book the new places of dragged free notes in the grid, so new notes avoid them."""
        self._bounds = None  # the mouse moved them, not _place
        for note_id, _old, new in moved:
            item = self._items.get(note_id)
            if item is not None and item.cluster_id not in self._frames:
                self._place(item, new)
        self._update_scene_rect()

    def relayout(self, cluster_id: int) -> None:
        """Put a cluster's notes back in their frame (a drop that changed nothing)."""
        self._layout(cluster_id)

    # -- votes and search ---------------------------------------------------------------

    def set_dots(self, dots: dict[str, int]) -> None:
        """Dots per vote item key ("n12", "c3"); items not named get none."""
        for note_id, item in self._items.items():
            item.set_dots(dots.get(item_key(ItemKind.NOTE, note_id), 0))
        for cluster_id, frame in self._frames.items():
            frame.set_dots(dots.get(item_key(ItemKind.CLUSTER, cluster_id), 0))

    def set_search(self, text: str) -> None:
        """Highlight notes and frames whose text holds `text`; dim the rest; "" ends it."""
        self._search = folded(text.strip())
        self._apply_search()

    def matches(self) -> list[NoteItem]:
        return [i for i in self._items.values() if i.search_match()]

    def _apply_search(self) -> None:
        items: list[NoteItem | ClusterItem] = [*self._items.values(), *self._frames.values()]
        for item in items:
            self._apply_search_to(item)

    def _apply_search_to(self, item: NoteItem | ClusterItem) -> None:
        if not self._search:
            item.set_search_match(None)
            return
        if isinstance(item, NoteItem):
            # Folding (NFKD, accents off) is most of a search's cost: once per text.
            text = item.text()
            cached = self._folded.get(item.note_id)
            if cached is None or cached[0] != text:
                cached = self._folded[item.note_id] = (text, folded(text))
            item.set_search_match(self._search in cached[1])
        else:
            item.set_search_match(self._search in folded(item.name()))

    # -- notes and frames -------------------------------------------------------------

    def _add(self, note: Note) -> None:
        item = NoteItem(note)
        if self._cache_mode != _BITMAP:
            item.setCacheMode(self._cache_mode)
        self._items[note.id] = item
        self.wall_scene.addItem(item)
        self._stored[note.id] = _place(note)
        if note.id in self._merged.values():
            self._refresh_badge(note.id)
        self._apply_search_to(item)
        if note.cluster_id is not None and note.cluster_id in self._frames:
            self._join(note.id, note.cluster_id, None)  # the frame grows: bounds unknown
        else:
            bounds = self._bounds
            self._place(item, self._stored_or_free(item))
            # Only the new note moved (from where it was made): the rest stayed put.
            if bounds is not None:
                self._bounds = bounds.united(item.sceneBoundingRect())

    def _add_frame(self, cluster: Cluster) -> None:
        frame = ClusterItem(cluster)
        frame.on_moved = self._carry_members
        self._frames[cluster.id] = frame
        self._members.setdefault(cluster.id, [])
        self.wall_scene.addItem(frame)
        self._apply_search_to(frame)
        self._layout(cluster.id)

    def _remove_frame(self, cluster_id: int) -> None:
        frame = self._frames.pop(cluster_id, None)
        self._grid.release(-cluster_id)
        for note_id in self._members.pop(cluster_id, []):
            item = self._items.get(note_id)
            if item is not None:
                item.cluster_id = None
                self._place(item, self._stored_or_free(item))
        if frame is not None:
            self.wall_scene.removeItem(frame)
        self._bounds = None

    def _join(self, note_id: int, cluster_id: int, touched: set[int] | None) -> None:
        self._grid.release(note_id)
        members = self._members.setdefault(cluster_id, [])
        if note_id not in members:
            members.append(note_id)
            members.sort()
        if touched is None:
            self._layout(cluster_id)
        else:
            touched.add(cluster_id)

    def _leave(self, note_id: int, cluster_id: int | None, touched: set[int]) -> None:
        if cluster_id is None:
            return
        members = self._members.get(cluster_id)
        if members and note_id in members:
            members.remove(note_id)
            touched.add(cluster_id)

    def _remove(self, note_id: int, touched: set[int]) -> bool:
        item = self._items.pop(note_id, None)
        if item is None:
            return False
        self._leave(note_id, item.cluster_id, touched)
        self._stored.pop(note_id, None)
        self._folded.pop(note_id, None)
        self._grid.release(note_id)
        self.wall_scene.removeItem(item)
        self._bounds = None
        return True

    def _layout(self, cluster_id: int) -> None:
        """Members into their frame, the frame's slots booked, covered free notes moved."""
        frame = self._frames.get(cluster_id)
        if frame is None:
            return
        items = self._items
        frame.set_member_heights(
            [items[m].height() for m in self._members.get(cluster_id, ()) if m in items]
        )
        self._bounds = None  # the frame may have grown or shrunk, its notes moved
        self._carry_members(cluster_id)
        covered = self._grid.under(frame.pos(), *frame.size())
        self._grid.book(-cluster_id, covered)
        self._make_way(covered, -cluster_id)

    def _carry_members(self, cluster_id: int) -> None:
        frame = self._frames.get(cluster_id)
        grabbed = self.wall_scene.mouseGrabberItem()
        self._bounds = None
        if frame is None:
            return
        members = [i for m in self._members.get(cluster_id, ()) if (i := self._items.get(m))]
        # A frame moved in the batch a note joins it is laid out for its new member at the
        # batch's end (apply); until then only the members it has places for move along.
        for index, item in enumerate(members[: frame.member_count()]):
            if item is not grabbed:
                item.setPos(frame.member_pos(index))

    def _set_merged(self, note_id: int, target: int | None) -> None:
        before = self._merged.pop(note_id, None)
        if target is not None:
            self._merged[note_id] = target
        for changed in {t for t in (before, target) if t is not None}:
            self._refresh_badge(changed)

    def _refresh_badge(self, target: int) -> None:
        item = self._items.get(target)
        if item is not None:
            item.set_merged_count(sum(1 for t in self._merged.values() if t == target))

    # -- placement --------------------------------------------------------------------

    def _place(self, item: NoteItem, pos: QPointF) -> None:
        if item.pos() != pos:
            item.setPos(pos)
            self._bounds = None
        self._grid.book(item.note_id, self._grid.under(pos, height=item.height()))

    def _settle(self, item: NoteItem, resized: bool) -> None:
        """A loose note changed (text, hidden, back from a cluster): its stored place, else
        where the grid put it, else a free run. A note that grew (`resized`) keeps its
        place; notes the grid put under it make way. One the grid placed moves to a free
        run instead when a frame or a note placed by hand is in the way; one placed by
        hand stays (the wall writes no places: the facilitator's own edit moves it, see
        WallController._room_for), like a drag that drops a note partly over another."""
        note_id = item.note_id
        stored = self._stored.get(note_id)
        if stored is None and not self._grid.holds(note_id):
            self._place(item, self._grid.free_pos(item.rows()))  # back from a cluster
            return
        here = stored if stored is not None else item.pos()
        covered = self._grid.under(here, height=item.height())
        if stored is None and any(
            h < 0 or self._stored.get(h) is not None
            for h in self._grid.holders(covered)
            if h != note_id
        ):
            self._grid.release(note_id)
            self._place(item, self._grid.free_pos(item.rows()))
            return
        self._place(item, here)
        if resized:
            self._make_way(covered, note_id)

    def _make_way(self, covered: set[int], holder: int) -> None:
        """Notes that only sit where the grid put them leave slots `holder` now covers
        (a frame that grew, a note that grew) for free places elsewhere."""
        crowded = {
            h
            for h in self._grid.holders(covered)
            if h > 0 and h != holder and self._stored.get(h) is None
        }
        for note_id in sorted(crowded):
            self._grid.release(note_id)
        for note_id in sorted(crowded):
            item = self._items[note_id]
            self._place(item, self._grid.free_pos(item.rows()))

    def _stored_or_free(self, item: NoteItem) -> QPointF:
        """The note's stored place, else a free place. Not `stored or free`: a note
        stored at the top left corner, QPointF(0, 0), is falsy and was moved away."""
        stored = self._stored.get(item.note_id)
        return stored if stored is not None else self._grid.free_pos(item.rows())

    def _update_scene_rect(self, fresh: bool = False) -> None:
        if self._bounds is None or self.wall_scene.mouseGrabberItem() is not None:
            # Walks every item (Python boundingRect each): only after moves and removals.
            self._bounds = self.wall_scene.itemsBoundingRect()
        rect = self._bounds.united(QRectF(0, 0, self._grid.columns * SLOT_W, 3 * SLOT_H))
        # Little room above and left, so a fitted wall starts at the top left; a slot's
        # worth below and right to drag notes into. The rect grows as notes move out.
        rect = rect.adjusted(-2 * GAP, -2 * GAP, SLOT_W, SLOT_H)
        if rect != self.sceneRect():
            self.setSceneRect(rect)  # the view: exactly what can be scrolled to
        # The scene's own rect only bounds its BSP index, which Qt throws away and rebuilds
        # whenever that rect changes (4-15 ms at 2,000 notes): it grows by half at a time,
        # so a new row of live notes rarely changes it. A new wall starts it afresh.
        index = self.wall_scene.sceneRect()
        if fresh or not index.contains(rect):
            self.wall_scene.setSceneRect(rect.adjusted(0, 0, rect.width() / 2, rect.height() / 2))


def _place(note: Note) -> QPointF | None:
    """Where the note was put on the wall, or None while it has no place yet."""
    return None if note.x is None or note.y is None else QPointF(note.x, note.y)
