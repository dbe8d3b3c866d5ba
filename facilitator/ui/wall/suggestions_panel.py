"""Grouping help on the wall (issue 14): the "Groepen voorstellen" panel and the quiet
duplicate marker on notes. The main window builds both, docks the panel and tells them
which wall is shown and what changed.

The panel shows the suggestions (facilitator.suggest.proposals) for the table in view one
at a time; the facilitator takes one over or rejects it. Taking over pushes one undoable
command on the window's stack, the same commands a drag or Ctrl+M makes, so Ctrl+Z
takes it back; a rejected proposal does not come back in that round. Nothing is applied
without a click. The marker follows notes as they arrive: a note with a likely duplicate
on the same wall says so in its corner, nothing more.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import Note
from facilitator.engine.events import NoteAdded, NoteChanged, NoteRemoved
from facilitator.suggest.proposals import Kind, Proposal, WallDuplicates, proposals, still_valid
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.state import WorkshopState
from facilitator.ui.wall import commands
from facilitator.ui.wall.note_item import NoteItem
from facilitator.ui.wall.room import NO_ROOM, Room
from facilitator.ui.wall.table_undo import TableUndo

WallKey = tuple[int, int]  # (group id, round id)


# (cluster id or None for a new frame, its place, the notes going in) -> what moves aside
RoomFor = Callable[[int | None, QPointF, Sequence[int]], Room]


class SuggestionsPanel(QWidget):
    """One proposal at a time for the wall in view, with Overnemen / Afwijzen.

    Signals:
        focusNotes(object): the tuple of note ids the shown proposal is about (empty when
            none is shown), so the wall can select them.
    """

    focusNotes = Signal(object)

    def __init__(
        self,
        state: WorkshopState,
        bridge: EngineBridge,
        stack: TableUndo,
        language: Callable[[], str] = lambda: "nl",
        parent: QWidget | None = None,
        item_for: Callable[[int], NoteItem | None] = lambda _note_id: None,
        room_for: RoomFor = lambda _cluster_id, _at, _note_ids: NO_ROOM,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("suggestions")
        self._state, self._bridge, self._stack = state, bridge, stack
        self._item_for = item_for  # the wall's item for a note: where it is drawn
        self._room_for = room_for  # what a frame grown by a proposal covers: moves aside
        self._language = language
        self.key: WallKey | None = None
        self._queue: list[Proposal] = []
        self._rejected: dict[WallKey, set[tuple[str, tuple[int, ...], int | None]]] = {}
        self.current: Proposal | None = None
        self._total = 0  # proposals in the last answer, for "Voorstel 2 van 7"

        self.ask = QPushButton(self.tr("Groepen voorstellen"))
        self.ask.setObjectName("suggest-ask")
        self.ask.setToolTip(
            self.tr(
                "Stel clusters en dubbele briefjes voor deze tafel voor "
                "(Ctrl+Shift+G); niets verandert zonder uw klik"
            )
        )
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.notes = QListWidget()  # items are plain text by construction
        self.notes.setWordWrap(True)
        self.notes.setObjectName("suggest-notes")
        self.counter = QLabel()
        self.counter.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_button = QPushButton(self.tr("Overnemen"))
        self.accept_button.setObjectName("suggest-accept")
        self.reject_button = QPushButton(self.tr("Afwijzen"))
        self.reject_button.setObjectName("suggest-reject")
        buttons = QHBoxLayout()
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.ask)
        layout.addWidget(self.title)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.counter)
        layout.addLayout(buttons)

        self.ask.clicked.connect(self.suggest)
        self.accept_button.clicked.connect(self.accept)
        self.reject_button.clicked.connect(self.reject)
        self._show(None)

    # -- what the window tells it ----------------------------------------------------------

    def set_wall(self, group_id: int, round_id: int) -> None:
        """Another table or round in view: its proposals are asked for anew."""
        if self.key == (group_id, round_id):
            return
        self.key = (group_id, round_id)
        self._queue = []
        self._show(None)

    def on_applied(self, events: Sequence[object]) -> None:
        """The wall changed (by a proposal taken over, a drag, an undo): a shown proposal
        that no longer fits is skipped."""
        if self.current is not None and not self._valid(self.current):
            self._next()

    # -- the facilitator's clicks ------------------------------------------------------------

    def suggest(self) -> None:
        if self.key is None:
            return
        group_id, round_id = self.key
        rejected = frozenset(self._rejected.get(self.key, set()))
        self._queue = proposals(
            self._state.notes_of(group_id, round_id),
            self._state.clusters_of(group_id, round_id),
            language=self._language(),
            rejected=rejected,
        )
        self._total = len(self._queue)
        self.current = None
        self._next(first=True)

    def accept(self) -> None:
        proposal = self.current
        if proposal is None or self.key is None or not self._valid(proposal):
            self._next()
            return
        group_id, round_id = self.key
        if proposal.kind is Kind.MERGE:
            into, duplicate = proposal.note_ids
            step = commands.merge(self._bridge, [duplicate], into)
        elif proposal.kind is Kind.INTO_CLUSTER:
            assert proposal.cluster_id is not None
            frame = self._state.cluster(proposal.cluster_id)
            joining = [proposal.note_ids[0]]
            step = commands.assign(
                self._bridge,
                self.tr("Voorstel: in cluster leggen"),
                joining,
                proposal.cluster_id,
                room=self._room_for(
                    proposal.cluster_id,
                    QPointF(frame.x, frame.y) if frame is not None else QPointF(),
                    joining,
                ),
            )
        else:
            # Where the first note is drawn: a note the grid placed has no stored place,
            # and every frame taken over went to the wall's corner, on top of the last.
            item = self._item_for(proposal.note_ids[0])
            first = self._state.note(proposal.note_ids[0])
            at = (item.pos() if item is not None
                  else QPointF(first.x or 0.0, first.y or 0.0) if first is not None
                  else QPointF())
            room = self._room_for(None, at, proposal.note_ids)
            step = commands.create_cluster(
                self._bridge, group_id, round_id, proposal.name, proposal.note_ids, at, room
            )
            step.setText(self.tr("Voorstel: cluster maken"))
        self._stack.push(step)  # one engine command, one undo step
        self._next()

    def reject(self) -> None:
        if self.current is not None and self.key is not None:
            self._rejected.setdefault(self.key, set()).add(self.current.key)
        self._next()

    # -- showing ---------------------------------------------------------------------------

    def remaining(self) -> int:
        return len(self._queue) + (self.current is not None)

    def _valid(self, proposal: Proposal) -> bool:
        if self.key is None:
            return False
        group_id, round_id = self.key
        notes = {n.id: n for n in self._state.notes_of(group_id, round_id)}
        clusters = {c.id for c in self._state.clusters_of(group_id, round_id)}
        return still_valid(proposal, notes, clusters)

    def _next(self, *, first: bool = False) -> None:
        while self._queue:
            proposal = self._queue.pop(0)
            if self._valid(proposal):
                self._show(proposal, asked=True)
                return
        self._show(None, asked=first or self.current is not None)

    def _show(self, proposal: Proposal | None, *, asked: bool = False) -> None:
        self.current = proposal
        self.notes.clear()
        self.accept_button.setEnabled(proposal is not None)
        self.reject_button.setEnabled(proposal is not None)
        if proposal is None:
            self.title.setText(
                self.tr("Geen voorstellen (meer) voor deze tafel.")
                if asked
                else self.tr("Vraag voorstellen voor de tafel in beeld.")
            )
            self.counter.clear()
            self.focusNotes.emit(())
            return
        count = len(proposal.note_ids)
        if proposal.kind is Kind.MERGE:
            self.title.setText(self.tr("Zeggen deze twee hetzelfde? Samenvoegen"))
        elif proposal.kind is Kind.INTO_CLUSTER:
            self.title.setText(
                self.tr("Bij cluster \u201c{name}\u201d leggen").format(name=proposal.name)
            )
        else:
            self.title.setText(
                self.tr("Nieuw cluster \u201c{name}\u201d met {n} briefjes").format(
                    name=proposal.name, n=count
                )
            )
        for note_id in proposal.note_ids:
            note = self._state.note(note_id)
            if note is not None:
                self.notes.addItem(note.text)
        total = max(self._total, len(self._queue) + 1)
        self.counter.setText(
            self.tr("Voorstel {i} van {n}").format(i=total - len(self._queue), n=total)
        )
        self.focusNotes.emit(proposal.note_ids)


class DuplicateMarks(QObject):
    """Keeps the duplicate marker on the shown wall's notes current as notes arrive.
    One WallDuplicates per wall, made when the wall is shown: its notes are indexed
    a slice at a time between events (a wall of 2,000 notes takes ~0.5 s of CPU, which
    must not freeze the window), and notes arriving meanwhile are indexed at once.
    An index holds ~4 KB per note, so only the last KEPT_WALLS walls shown keep theirs
    (issue 17: kept for every wall ever shown, they grew with every note of the day);
    a wall shown again after that is indexed again, in slices. A wall indexes its first
    INDEXED_PER_WALL notes only: the day's tables hold a few hundred; beyond that a wall
    is a flood, and its index would grow without end.
    No signals.

    `item_for(note_id)` gives the wall's item for a note (None: not drawn).
    """

    SLICE = 100  # notes indexed per turn of the event loop at most (~25 ms) ...
    SLICE_S = 0.008  # ... and no more GUI time than this per turn: keys, paint, timers go on
    KEPT_WALLS = 2  # the wall in view and the one before: flipping between two is instant
    INDEXED_PER_WALL = 5000  # ~20 MB of index at most per wall kept

    def __init__(
        self,
        state: WorkshopState,
        item_for: Callable[[int], NoteItem | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._state, self._item_for = state, item_for
        self._walls: dict[WallKey, WallDuplicates] = {}
        self._backlog: dict[WallKey, list[Note]] = {}  # still to index, per wall
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._index_slice)
        self.key: WallKey | None = None
        self.marked: set[int] = set()

    def set_wall(self, group_id: int, round_id: int) -> None:
        self.key = (group_id, round_id)
        if self.key in self._walls:
            self._walls[self.key] = self._walls.pop(self.key)  # the newest shown: last
        else:
            while len(self._walls) >= self.KEPT_WALLS:
                oldest = next(iter(self._walls))
                del self._walls[oldest]
                self._backlog.pop(oldest, None)
            self._walls[self.key] = WallDuplicates()
            notes = sorted(self._state.notes_of(group_id, round_id), key=lambda n: n.id)
            self._backlog[self.key] = notes
            self._index_slice()
        self.marked = set()
        self._refresh()

    def indexing(self) -> bool:
        """True while a shown wall's earlier notes are still being indexed."""
        return bool(self._backlog)

    def _index_slice(self) -> None:
        """Index queued notes for at most SLICE_S of GUI time, the shown wall's first."""
        deadline = time.perf_counter() + self.SLICE_S
        dirty: set[int] = set()  # the shown wall's notes whose mark may have changed
        for key in sorted(self._backlog, key=lambda k: k != self.key):
            notes, index = self._backlog[key], self._walls[key]
            done = 0
            for shown_then in notes[: self.SLICE]:
                note = self._state.note(shown_then.id)  # as it is now (edited, deleted)
                if note is not None:
                    self._index(index, note)
                if key == self.key:
                    dirty.add(shown_then.id)
                    dirty.update(index.partners(shown_then.id))
                done += 1
                if time.perf_counter() >= deadline:
                    break
            del notes[:done]
            if not notes:
                del self._backlog[key]
            if time.perf_counter() >= deadline:
                break
        if dirty:
            self._refresh(dirty)
        if self._backlog:
            self._timer.start()
        else:
            self._timer.stop()

    def on_applied(self, events: Sequence[object]) -> None:
        """Arriving notes queue for the timer's slices (issue 17: scored here, inside the
        delivery of each commit, they were three quarters of the GUI thread under a
        flood, and the window stopped answering). A marker a moment later is fine."""
        queued = False
        gone: set[int] = set()  # the shown wall's removed notes and their partners
        for event in events:
            if isinstance(event, NoteAdded | NoteChanged):
                note: Note = event.note
                key = (note.group_id, note.round_id)
                if key in self._walls:
                    self._backlog.setdefault(key, []).append(note)
                    queued = True
            elif isinstance(event, NoteRemoved) and (event.group_id, event.round_id) == self.key:
                gone.add(event.note_id)
                shown = self._walls.get(self.key)
                gone.update(shown.partners(event.note_id) if shown is not None else ())
        if queued and not self._timer.isActive():
            self._timer.start()
        if gone:
            self._refresh(gone)

    def _index(self, index: WallDuplicates, note: Note) -> bool:
        """Index (or re-index) a note unless its wall's index is full; False if not."""
        if note.id not in index and len(index) >= self.INDEXED_PER_WALL:
            return False
        index.add(note)
        return True

    def _refresh(self, dirty: set[int] | None = None) -> None:
        """Only the notes whose mark changes are touched. `dirty`: only these notes'
        marks may have changed (notes just indexed or removed, and their partners), so
        only they are looked at; None: the whole wall (a wall just shown). Walking every
        pair after each slice was a fifth of the GUI thread at 150 notes/s (issue 17)."""
        index = self._walls.get(self.key) if self.key is not None else None
        if index is None:
            return
        if dirty is None:
            now = index.marked(self._state.note)
            changed = now ^ self.marked
        else:
            now_dirty = index.marked_among(dirty, self._state.note)
            changed = now_dirty ^ (self.marked & dirty)
            now = (self.marked - dirty) | now_dirty
        for note_id in changed:
            item = self._item_for(note_id)
            if item is not None:
                item.set_duplicate_hint(note_id in now)
        self.marked = now
