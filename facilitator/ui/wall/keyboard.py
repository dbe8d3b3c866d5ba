"""The wall by keyboard alone: which item an arrow key goes to, where Ctrl+arrow puts a
note, and the list of the wall's own keys for Help > Sneltoetsen.

What a facilitator expects, decided here (docs/DECISIONS.md): the arrow keys move the
*focus* from note to note (and frame to frame), as in a list or a file manager, and the
focused note is the selection, so every wall shortcut (Ctrl+G, Ctrl+H, Ctrl+M, F2)
acts on it; Shift+arrows take the next note into the selection, Space adds or drops the
focused one, Esc clears the selection. Moving a note itself is Ctrl+arrows: one grid
place at a time, hopping over places that are taken, because a note laid on top of
another hides it, and a keyboard cannot see what it drops onto. Tab leaves the wall,
never walks through hundreds of notes.

The geometry is pure functions over rectangles; WallKeys applies it to one wall view
(the view hands it its key presses and focus-ins).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from facilitator.ui.wall.cluster_item import ClusterItem
from facilitator.ui.wall.note_item import NoteItem

if TYPE_CHECKING:
    from facilitator.ui.wall.view import WallView

T = TypeVar("T")

_ACROSS_WEIGHT = 2.0  # sideways distance counts double: the next in a row beats a diagonal
_MAX_HOPS = 60  # a move never searches further than this many places


def neighbour(
    current: QRectF, candidates: Iterable[tuple[T, QRectF]], dx: int, dy: int
) -> T | None:
    """The candidate nearest to `current` in the direction (dx, dy) (one of them 0, the
    other 1 or -1): its centre must lie ahead; being off to the side costs double. Off
    to the side is the gap between the two sideways, so a tall note beside a short one
    (note_item) is in the short one's row, wherever its centre is; between a frame and
    a note inside it, the distance between their centres."""
    centre = current.center()
    best: T | None = None
    best_score = float("inf")
    for item, rect in candidates:
        offset = rect.center() - centre
        along = offset.x() * dx + offset.y() * dy
        if along < 1.0:
            continue
        if rect.contains(current) or current.contains(rect):
            # A frame and its own member: their centres, as between any two items before.
            across = abs(offset.x() * dy) + abs(offset.y() * dx)
        elif dx:
            across = max(0.0, rect.top() - current.bottom(), current.top() - rect.bottom())
        else:
            across = max(0.0, rect.left() - current.right(), current.left() - rect.right())
        score = along + _ACROSS_WEIGHT * across
        if score < best_score:
            best, best_score = item, score
    return best


def first_in_reading_order(candidates: Iterable[tuple[T, QRectF]]) -> T | None:
    """The top-left item, read row by row: where the focus lands on entering the wall."""
    best: T | None = None
    best_key: tuple[float, float] | None = None
    for item, rect in candidates:
        key = (round(rect.top() / 40.0), rect.left())  # notes within 40 px count as a row
        if best_key is None or key < best_key:
            best, best_key = item, key
    return best


def free_place(
    start: QPointF, size: tuple[float, float], step: QPointF, taken: Callable[[QRectF], bool]
) -> QPointF | None:
    """Where a note at `start` goes one `step` on, hopping over taken places; None when
    it would leave the wall's top or left edge (or finds no room nearby)."""
    place = QPointF(start)
    for _hop in range(_MAX_HOPS):
        place = place + step
        if place.x() < 0 or place.y() < 0:
            return None
        if not taken(QRectF(place.x(), place.y(), *size)):
            return place
    return None


def _t(text: str) -> str:
    return QCoreApplication.translate("WallKeys", text)


def wall_keys() -> list[tuple[str, str]]:
    """(keys, what) for the wall's keys that are not menu actions: they live in
    WallView.keyPressEvent, and this list sits beside the code that reads them."""
    return [
        (_t("Tab naar de muur"), _t("Eerste briefje krijgt de focus")),
        (_t("Pijltjestoetsen"), _t("Focus naar het volgende briefje (en selecteren)")),
        (_t("Shift+pijltjestoetsen"), _t("Volgend briefje bij de selectie nemen")),
        (_t("Spatiebalk"), _t("Briefje met de focus (de)selecteren")),
        (_t("Enter"), _t("Naam of tekst wijzigen")),
        (_t("Esc"), _t("Selectie wissen")),
    ]


_ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
WallItem = NoteItem | ClusterItem


class WallKeys:
    """The arrow keys, Space, Enter and Esc on one wall view, and where the focus lands
    when the wall gets it. Only moves focus and selection: data changes go through the
    wall's actions (Muur menu) and the scene's editRequested."""

    def __init__(self, view: WallView) -> None:
        self.view = view

    def _candidates(self) -> list[tuple[WallItem, QRectF]]:
        items: list[WallItem] = [*self.view.note_items(), *self.view.cluster_items()]
        return [(i, i.sceneBoundingRect()) for i in items if i.isVisible()]

    def current(self) -> WallItem | None:
        """The item with the focus, else the first selected one."""
        scene = self.view.wall_scene
        focus = scene.focusItem()
        if isinstance(focus, NoteItem | ClusterItem):
            return focus
        for item in scene.selectedItems():
            if isinstance(item, NoteItem | ClusterItem):
                return item
        return None

    def focus(self, item: WallItem, *, extend: bool = False) -> None:
        """Give `item` the focus; it becomes the selection (or joins it, `extend`)."""
        scene = self.view.wall_scene
        if not extend:
            scene.clearSelection()
        item.setSelected(True)
        item.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.ensureVisible(item, 24, 24)

    def focus_in(self, reason: Qt.FocusReason) -> None:
        """Entering the wall by keyboard: focus on the selection, else the top-left note.
        A click decides for itself (it lands on a note or starts a rubber band), and the
        window coming back to the front changes nothing."""
        if reason in (
            Qt.FocusReason.MouseFocusReason,
            Qt.FocusReason.ActiveWindowFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            return
        if self.view.wall_scene.focusItem() is not None:
            return
        item = self.current()
        if item is not None:
            item.setFocus(Qt.FocusReason.OtherFocusReason)
            self.view.ensureVisible(item, 24, 24)
            return
        first = first_in_reading_order(self._candidates())
        if first is not None:
            self.focus(first)

    def key_press(self, event: QKeyEvent) -> bool:
        """True when the key was the wall's (the view then does nothing more with it)."""
        if QApplication.focusWidget() is not self.view:  # an inline editor has the keys
            return False
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        shift = mods & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.ShiftModifier
        scene = self.view.wall_scene
        if key in _ARROWS and (plain or shift):
            dx, dy = _ARROWS[Qt.Key(key)]
            here = self.current()
            if here is None:
                self.focus_in(Qt.FocusReason.OtherFocusReason)
                return True
            others = [(i, r) for i, r in self._candidates() if i is not here]
            nxt = neighbour(here.sceneBoundingRect(), others, dx, dy)
            if nxt is not None:
                self.focus(nxt, extend=shift)
            return True
        if key == Qt.Key.Key_Space and plain:
            here = self.current()
            if here is not None:
                here.setSelected(not here.isSelected())
                here.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            here = self.current()
            if here is not None:
                scene.editRequested.emit(here)
            return True
        if key == Qt.Key.Key_Escape and plain and scene.selectedItems():
            scene.clearSelection()
            return True
        return False
