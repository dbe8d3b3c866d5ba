"""The wall stays cheap per live note on a big wall: adding one note to 2,000 must not walk
every item (itemsBoundingRect calls each item's Python boundingRect) nor scan the grid
from slot 0. Counted, not timed, so it holds on a busy machine; bench/bench_wall.py has
the timings. Also: what the shortcuts must not change (places, scroll area, pixels).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPixmapCache

from facilitator.domain.model import Note
from facilitator.engine import NoteAdded, NoteRemoved
from facilitator.ui.wall.grid import GAP, SLOT_H, SLOT_W, slot_pos
from facilitator.ui.wall.view import WallView

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _note(note_id: int, text: str = "") -> Note:
    return Note(id=note_id, group_id=1, round_id=1, text=text or f"Idee {note_id}: taalhuis",
                participant_id=None, client_note_id=None, created_at=0.0, updated_at=0.0)


class _CountingSlots(dict):
    looked = 0

    def __contains__(self, key: object) -> bool:
        _CountingSlots.looked += 1
        return super().__contains__(key)


@pytest.fixture
def big_wall(qtbot):
    view = WallView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show_wall(1, 1, [_note(i) for i in range(1, 2001)], [])
    return view


def _expected_rect(view: WallView) -> QRectF:
    """What the wall's scroll area was before it was kept incrementally."""
    rect = view.wall_scene.itemsBoundingRect().united(QRectF(0, 0, 8 * SLOT_W, 3 * SLOT_H))
    return rect.adjusted(-2 * GAP, -2 * GAP, SLOT_W, SLOT_H)


def test_a_live_note_on_a_wall_of_2000_touches_only_itself(big_wall) -> None:
    view, scene = big_wall, big_wall.wall_scene
    walked = []
    for name in ("itemsBoundingRect", "items", "selectedItems"):  # each visits every item
        real = getattr(scene, name)
        setattr(scene, name, lambda *a, _n=name, _r=real: (walked.append(_n), _r(*a))[1])
    view._grid._holders = _CountingSlots(view._grid._holders)
    _CountingSlots.looked = 0
    view.apply([NoteAdded(_note(2001))])
    view.apply([NoteAdded(_note(2002)), NoteAdded(_note(2003))])
    assert len(view.note_items()) == 2003
    assert view.item(2001).pos() == slot_pos(2000)  # the first free slot, as before
    assert view.item(2003).pos() == slot_pos(2002)
    assert walked == [], f"a live note walked the whole scene: {walked}"
    assert _CountingSlots.looked < 20, "the free slot was searched from slot 0"
    for name in ("itemsBoundingRect", "items", "selectedItems"):
        delattr(scene, name)
    assert view.sceneRect() == _expected_rect(view)
    assert scene.sceneRect().contains(view.sceneRect())


def test_a_freed_slot_is_taken_again_and_the_scroll_area_shrinks_back(big_wall) -> None:
    view = big_wall
    view.apply([NoteRemoved(6, 1, 1)])  # slot 5 is free again
    view.apply([NoteAdded(_note(2001))])
    assert view.item(2001).pos() == slot_pos(5)
    view.apply([NoteAdded(_note(2002))])
    assert view.item(2002).pos() == slot_pos(2000)
    assert view.sceneRect() == _expected_rect(view)
    view.apply([NoteRemoved(2002, 1, 1)])  # the only note in the last row
    assert view.sceneRect() == _expected_rect(view)


def test_dimming_by_search_looks_the_same_however_it_was_reached(qtbot) -> None:
    """Dimming keeps the note's cached bitmap; the picture must equal a fresh paint."""
    notes = [_note(1, "Taalhuis in elke gemeente"), _note(2, "Bibliotheek als plek"),
             _note(3, "Jeugd leest meer")]

    def picture(searches: list[str]):
        view = WallView()
        qtbot.addWidget(view)
        view.resize(800, 420)
        view.show()
        view.show_wall(1, 1, notes, [])
        view.resetTransform()
        view.viewport().grab()
        for text in searches:
            view.set_search(text)
            view.viewport().grab()
        return view.viewport().grab().toImage()

    assert picture(["jeugd"]) == picture(["", "taal", "jeugd"])
    assert picture(["taal", ""]) == picture([])


def test_the_pixmap_cache_holds_a_screenful_of_notes(qtbot) -> None:
    """Qt's default 10 MB held too few note bitmaps on a large or HiDPI screen, and every
    repaint drew every note again."""
    view = WallView()
    qtbot.addWidget(view)
    view.resize(2400, 1400)
    view.show()
    viewport = view.viewport()
    ratio = viewport.devicePixelRatioF()
    screenful_kb = viewport.width() * viewport.height() * ratio * ratio * 4 / 1024
    assert screenful_kb > 10240  # more than Qt's default: the test means something
    assert QPixmapCache.cacheLimit() >= 2 * screenful_kb
