"""A readable wall for long notes too (issue 11): every note's text is drawn as large as
the interface font at the default zoom, a 280-character note included; a long note grows
by whole grid slots instead, and a tall note never lies over another note or a frame,
whatever the day does to it: arriving live, clustered, un-clustered, moved with
Ctrl+arrows, edited longer. Real window at 1366x768 (offscreen) where it matters, a bare
WallView fed engine events where only the wall's geometry does."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from facilitator.domain.model import Cluster, Note
from facilitator.domain.text import NOTE_MAX_CHARS
from facilitator.engine import (
    AddNote,
    ClusterAdded,
    ClusterRemoved,
    DeleteCluster,
    NoteAdded,
    NoteChanged,
)
from facilitator.ui.wall.grid import SLOT_H, SLOT_W
from facilitator.ui.wall.note_item import NOTE_FONT_PT, NOTE_W, NoteItem, note_height
from facilitator.ui.wall.view import WallView
from tests.test_ui_keys import key, stored
from tests.test_ui_wall_readable import LONG, sample_texts

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
T = 5000
CTRL = Qt.KeyboardModifier.ControlModifier


def body(item: NoteItem) -> QRectF:
    return QRectF(item.pos(), QSizeF(NOTE_W, item.height()))


def overlaps(view: WallView) -> list[str]:
    """Every pair of notes, or note and frame, that lie over each other (a member must lie
    inside its own frame instead), and frames over frames."""
    found = []
    notes, frames = view.note_items(), view.cluster_items()
    for a, b in itertools.combinations(notes, 2):
        if body(a).intersects(body(b)):
            found.append(f"note {a.note_id} over note {b.note_id}")
    for note in notes:
        for frame in frames:
            rect = QRectF(frame.pos(), QSizeF(*frame.size()))
            if note.cluster_id == frame.cluster_id:
                if not rect.contains(body(note)):
                    found.append(f"note {note.note_id} sticks out of frame {frame.cluster_id}")
            elif rect.intersects(body(note)):
                found.append(f"note {note.note_id} over frame {frame.cluster_id}")
    for f, g in itertools.combinations(frames, 2):
        if QRectF(f.pos(), QSizeF(*f.size())).intersects(QRectF(g.pos(), QSizeF(*g.size()))):
            found.append(f"frame {f.cluster_id} over frame {g.cluster_id}")
    return found


# -- the real window ------------------------------------------------------------------


def add(qtbot, session, *texts: str) -> list[int]:
    window = session.window
    group, round_id = session.state.groups[0].id, window.current_round_id()
    window.groups.select_group(group)
    ids = [session.engine.execute(AddNote(group, t, round_id=round_id)).note.id for t in texts]
    qtbot.waitUntil(lambda: all(window.wall.item(i) for i in ids), timeout=T)
    return ids


def focus_note(qtbot, view: WallView, note_id: int) -> None:
    """The keyboard's way onto one note: the wall gets the focus, the note is selected."""
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    view.keys.focus(view.item(note_id))
    assert view.wall_scene.focusItem() is view.item(note_id)


def retype(qtbot, view: WallView, note_id: int, text: str) -> None:
    """F2 on the note, its whole text replaced, Enter. Pasted: QTest cannot type "é"
    (it aborts on keys outside ASCII)."""
    focus_note(qtbot, view, note_id)
    key(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit), timeout=T)
    editor = QApplication.focusWidget()
    editor.selectAll()
    editor.insertPlainText(text)
    key(qtbot, Qt.Key.Key_Return)


def ctrl_move(qtbot, session, view: WallView, note_id: int, arrow: Qt.Key) -> bool:
    """Ctrl+arrow on the focused note: it moves at once, the engine stores the place.
    False when it stayed (nothing free that way before the wall's edge)."""
    before = view.item(note_id).pos()
    key(qtbot, arrow, CTRL)
    after = view.item(note_id).pos()
    if after == before:
        return False
    qtbot.waitUntil(
        lambda: (stored(session, note_id).x, stored(session, note_id).y) == (after.x(), after.y()),
        timeout=T,
    )
    return True


def test_tall_notes_never_overlap_through_the_day(qtbot, session) -> None:
    """Live arrival, Ctrl+G, Ctrl+arrows, an edit made longer on the wall (F2), a frame
    deleted: after each, no note lies over another or over a frame."""
    window = session.window
    view = window.wall
    texts = sorted(sample_texts(), key=len)
    long_ones = texts[-3:]  # 86-97 characters: 6-7 lines, two slots
    short = texts[:12]
    ids = add(qtbot, session, short[0], LONG, *short[1:6], long_ones[0], *short[6:12])
    assert view.item(ids[1]).rows() == 3
    assert overlaps(view) == []  # arrived live

    # Ctrl+G: a short note and the 280-character one into a cluster, by keyboard.
    first, tall = ids[0], ids[1]
    focus_note(qtbot, view, first)
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert {i.note_id for i in view.wall_scene.selectedItems()} == {first, tall}
    key(qtbot, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: len(view.cluster_items()) == 1, timeout=T)
    controller = window.wall_features.controller
    qtbot.waitUntil(lambda: controller.editor is not None, timeout=T)
    key(qtbot, Qt.Key.Key_Escape)  # keep the proposed name
    frame = view.cluster_items()[0]
    qtbot.waitUntil(lambda: frame.member_count() == 2, timeout=T)
    # The frame's one row is as tall as the tall note; both sit inside it.
    assert frame.size()[1] > note_height(3)
    assert overlaps(view) == []

    # Ctrl+arrows: a short note and a tall one, each hopping over whatever is taken.
    for mover in (ids[2], ids[7]):
        focus_note(qtbot, view, mover)
        moves = 0
        for arrow in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left):
            moves += ctrl_move(qtbot, session, view, mover, arrow)
            assert overlaps(view) == [], arrow
        assert moves >= 3
    assert view.item(ids[7]).rows() == 2

    # F2 on a short loose note: typed longer, it grows in place; the notes the grid had
    # put under it make way.
    edited = ids[4]
    place = view.item(edited).pos()
    focus_note(qtbot, view, edited)
    key(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit), timeout=T)
    editor = QApplication.focusWidget()
    assert editor.height() >= 0.8 * view.item(edited).height() * view.transform().m11()
    editor.selectAll()
    # Pasted: QTest cannot type "é" (it aborts on keys outside ASCII).
    editor.insertPlainText(long_ones[1] + " " + long_ones[2])
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.item(edited).rows() >= 2, timeout=T)
    assert view.item(edited).pos() == place
    assert overlaps(view) == []

    # The same in the cluster: the frame's row grows with it.
    height = frame.size()[1]
    retype(qtbot, view, first, LONG)
    qtbot.waitUntil(lambda: frame.size()[1] == height and view.item(first).rows() == 3, timeout=T)
    assert overlaps(view) == []

    # The frame deleted: its tall members go back to free places of their own.
    session.engine.execute(DeleteCluster(frame.cluster_id))
    qtbot.waitUntil(lambda: not view.cluster_items(), timeout=T)
    assert overlaps(view) == []
    assert view.item(tall).rows() == 3


# -- the wall alone -------------------------------------------------------------------


def _note(note_id: int, text: str, **changes: object) -> Note:
    note = Note(
        id=note_id,
        group_id=1,
        round_id=1,
        text=text,
        participant_id=None,
        client_note_id=None,
        created_at=0.0,
        updated_at=0.0,
    )
    return dataclasses.replace(note, **changes)


@pytest.fixture
def wall(qtbot) -> WallView:
    view = WallView()
    qtbot.addWidget(view)
    view.resize(1000, 700)  # 4 columns at the readable zoom
    view.show()
    qtbot.waitExposed(view)
    view.show_wall(1, 1, [], [])
    return view


def test_a_tall_note_arriving_takes_the_first_free_run_of_slots_in_one_column(wall) -> None:
    columns = wall.columns()
    for n in range(1, columns):  # the first row but its last slot
        wall.apply([NoteAdded(_note(n, f"Kort {n}"))])
    wall.apply([NoteAdded(_note(columns, LONG))])
    tall = wall.item(columns)
    assert tall.rows() == 3
    assert tall.pos() == QPointF((columns - 1) * SLOT_W, 0)  # the last column, 3 rows down
    wall.apply([NoteAdded(_note(n, f"Kort {n}")) for n in range(columns + 1, 3 * columns)])
    assert overlaps(wall) == []
    # The rows beside it are filled, its column is not used again until below it.
    assert all(
        wall.item(n).pos().x() < (columns - 1) * SLOT_W
        for n in range(columns + 1, 3 * columns)
        if wall.item(n).pos().y() < 3 * SLOT_H
    )


def test_a_note_made_shorter_gives_its_slots_back_and_hiding_keeps_a_note_in_place(
    wall,
) -> None:
    wall.apply([NoteAdded(_note(1, LONG)), NoteAdded(_note(2, "Kort"))])
    assert wall.item(1).rows() == 3
    wall.apply([NoteChanged(_note(1, "Nu kort"))])
    assert wall.item(1).rows() == 1 and wall.item(1).pos() == QPointF(0, 0)
    wall.apply([NoteAdded(_note(3, "Nieuw"))])
    assert wall.item(3).pos() in (QPointF(0, SLOT_H), QPointF(2 * SLOT_W, 0))
    # A change that is no move (hidden, shown) leaves a note where the grid put it;
    # it used to jump to the first free slot.
    place = wall.item(2).pos()
    wall.apply([NoteChanged(_note(2, "Kort", hidden=True))])
    wall.apply([NoteChanged(_note(2, "Kort", hidden=False))])
    assert wall.item(2).pos() == place
    assert overlaps(wall) == []


def test_a_grown_note_moves_itself_when_a_note_placed_by_hand_is_under_it(wall) -> None:
    wall.apply(
        [
            NoteAdded(_note(1, "Kort")),
            NoteAdded(_note(2, "Neergelegd", x=0.0, y=SLOT_H)),  # by hand, under note 1
        ]
    )
    wall.apply([NoteChanged(_note(1, LONG))])
    assert wall.item(2).pos() == QPointF(0, SLOT_H)  # the facilitator's place is kept
    assert wall.item(1).rows() == 3
    assert overlaps(wall) == []


def test_a_frame_lays_rows_out_by_their_tallest_member_and_pushes_live_notes(wall) -> None:
    wall.apply([NoteAdded(_note(n, LONG if n == 2 else f"Kort {n}")) for n in range(1, 9)])
    wall.apply([ClusterAdded(Cluster(id=1, group_id=1, round_id=1, name="Samen", x=0.0, y=0.0))])
    wall.apply([NoteChanged(_note(n, wall.item(n).text(), cluster_id=1)) for n in (1, 2, 3)])
    frame = wall.cluster_item(1)
    assert frame.member_count() == 3
    one, two, three = (body(wall.item(n)) for n in (1, 2, 3))
    # Two columns: 1 and 2 side by side in a row as tall as 2; 3 below that row.
    assert one.top() == two.top() and three.top() >= two.bottom()
    assert overlaps(wall) == []
    wall.apply([NoteChanged(_note(2, LONG))])  # the tall one taken out on its own
    assert wall.item(2).cluster_id is None and frame.member_count() == 2
    assert overlaps(wall) == []
    wall.apply([NoteChanged(_note(2, LONG, cluster_id=1))])  # and back in
    assert overlaps(wall) == []
    wall.apply([ClusterRemoved(Cluster(id=1, group_id=1, round_id=1, name="Samen"))])
    assert overlaps(wall) == []


def test_text_fits_at_the_note_font_however_it_is_written(qtbot) -> None:
    """The widest letters, a long web address, emoji: all at NOTE_FONT_PT, all inside
    the note (a word wider than the note breaks anywhere)."""
    texts = [
        "W" * NOTE_MAX_CHARS,
        "https://www.bibliotheek.nl/" + "netwerk/" * 30,
        "\U0001f600" * NOTE_MAX_CHARS,
        "Één " * (NOTE_MAX_CHARS // 4),
    ]
    for n, text in enumerate(texts, 1):
        item = NoteItem(_note(n, text))
        assert item.text_font().pointSizeF() == NOTE_FONT_PT, text[:20]
        rect = item.text_rect()
        needed = QFontMetricsF(item.text_font()).boundingRect(rect, item.text_flags(),
                                                              item.shown_text())
        assert needed.width() <= rect.width() and needed.height() <= rect.height(), text[:20]
        assert item.boundingRect().height() >= item.height() == note_height(item.rows())


def test_a_frame_moved_in_the_batch_a_note_joins_it_lays_the_note_out(wall) -> None:
    """A batch can hold a note joining a frame and the frame's move: carrying the members
    along must not trip over a member the frame has not been laid out for yet."""
    from facilitator.engine import ClusterChanged

    frame = Cluster(id=1, group_id=1, round_id=1, name="Samen", x=0.0, y=0.0)
    wall.apply([NoteAdded(_note(1, "Kort")), NoteAdded(_note(2, LONG)), ClusterAdded(frame)])
    wall.apply([NoteChanged(_note(1, "Kort", cluster_id=1))])
    wall.apply(
        [
            NoteChanged(_note(2, LONG, cluster_id=1)),
            ClusterChanged(dataclasses.replace(frame, x=3 * SLOT_W, y=2 * SLOT_H)),
        ]
    )
    assert wall.cluster_item(1).member_count() == 2
    assert overlaps(wall) == []


def test_a_tall_notes_edge_focus_ring_and_dots_are_drawn_at_its_real_height(wall) -> None:
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    wall.apply([NoteAdded(_note(1, LONG))])
    item = wall.item(1)
    item.setSelected(True)
    wall.setFocus(Qt.FocusReason.OtherFocusReason)
    item.setFocus(Qt.FocusReason.OtherFocusReason)
    item.set_dots(3)
    height = item.height()
    assert height == note_height(3)
    image = QImage(int(NOTE_W) + 8, int(height) + 8, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    item.paint(painter, QStyleOptionGraphicsItem())
    painter.end()

    def colour(x: float, y: float) -> QColor:
        return QColor(image.pixel(int(x), int(y)))

    bottom = height - 1
    assert colour(NOTE_W / 2, bottom).blue() > 200 > colour(NOTE_W / 2, bottom).red()  # edge
    ring = [colour(x, height - 5).lightness() for x in range(20, 120)]
    assert min(ring) < 60  # the focus ring's dashes along the bottom
    badge = colour(NOTE_W - 58, height - 14)  # the dots' red pill, bottom right
    assert badge.red() > 150 and badge.green() < 90


def test_the_next_note_to_the_right_of_a_short_one_is_the_tall_one_beside_it() -> None:
    from facilitator.ui.wall.keyboard import neighbour

    short = QRectF(0, 0, NOTE_W, note_height(1))
    tall = QRectF(SLOT_W, 0, NOTE_W, note_height(3))  # its centre far below short's
    further = QRectF(2 * SLOT_W, 0, NOTE_W, note_height(1))
    below = QRectF(0, SLOT_H, NOTE_W, note_height(1))
    candidates = [("tall", tall), ("further", further), ("below", below)]
    assert neighbour(short, candidates, 1, 0) == "tall"
    assert neighbour(tall, [("short", short)], -1, 0) == "short"
    assert neighbour(short, candidates, 0, 1) == "below"


def test_a_note_that_grows_at_the_bottom_can_be_scrolled_to(wall) -> None:
    wall.apply([NoteAdded(_note(n, f"Kort {n}")) for n in range(1, 3 * wall.columns() + 1)])
    last = wall.item(3 * wall.columns())
    wall.apply([NoteChanged(_note(last.note_id, LONG))])
    assert last.rows() == 3
    assert wall.sceneRect().contains(body(last))  # the scroll range reaches its bottom


def test_a_note_placed_by_hand_edited_too_long_for_its_place_moves_down_in_one_step(
    qtbot, session
) -> None:
    """Two notes the facilitator put one under the other; the upper one typed longer
    (F2) would lie over the lower: it goes to the first free place down its column,
    with the edit as one undo step."""
    window = session.window
    view = window.wall
    upper, lower, *_ = add(qtbot, session, "Boven", "Onder", "Derde", "Vierde")
    view.move_note(upper, QPointF(0, 2 * SLOT_H))  # both by hand, one under the other
    view.move_note(lower, QPointF(0, 3 * SLOT_H))
    qtbot.waitUntil(lambda: view.placed_by_hand(upper) and view.placed_by_hand(lower), timeout=T)
    retype(qtbot, view, upper, LONG)
    qtbot.waitUntil(lambda: stored(session, upper).text == LONG, timeout=T)
    qtbot.waitUntil(lambda: view.item(upper).rows() == 3, timeout=T)
    assert (stored(session, upper).x, stored(session, upper).y) == (0, 4 * SLOT_H)
    assert view.item(upper).pos() == QPointF(0, 4 * SLOT_H)
    assert view.item(lower).pos() == QPointF(0, 3 * SLOT_H)  # the other stays put
    assert overlaps(view) == []

    key(qtbot, Qt.Key.Key_Z, CTRL)  # one step: the old text, the old place
    qtbot.waitUntil(lambda: stored(session, upper).text == "Boven", timeout=T)
    assert stored(session, upper).y == 2 * SLOT_H
    qtbot.waitUntil(lambda: view.item(upper).pos() == QPointF(0, 2 * SLOT_H), timeout=T)


def test_only_a_word_wider_than_the_note_is_broken_the_others_wrap_whole(qtbot) -> None:
    """Dutch has long compounds: "Voorleesprogramma's" is wider than a note at the
    note font. Breaking the whole text anywhere (as before) also cut words that fit,
    "con|sultatiebureaus"; now only the over-wide word breaks (at a soft hyphen)."""
    text = "Voorleesprogramma's samen met consultatiebureaus en gemeentelijke partners"
    item = NoteItem(_note(1, text))
    assert item.text() == text  # stored and handed out as written
    shown = item.shown_text()
    assert not item.text_flags() & int(Qt.TextFlag.TextWrapAnywhere)
    for word in ("consultatiebureaus", "gemeentelijke", "partners", "samen"):
        assert word in shown  # whole: these can only wrap before or after themselves
    assert "Voorleesprogramma's" not in shown  # break points inside it ...
    assert shown.replace("\u00ad", "") == text  # ... and nothing else changed
    rect = item.text_rect()
    needed = QFontMetricsF(item.text_font()).boundingRect(rect, item.text_flags(), shown)
    assert needed.width() <= rect.width() and needed.height() <= rect.height()
    # A web address too long for a line breaks without a hyphen that is not in it.
    url = NoteItem(_note(2, "Zie www.bibliotheekvandetoekomstinhetnetwerk.nl voor meer"))
    assert "\u00ad" not in url.shown_text() and "\u200b" in url.shown_text()


def test_break_points_keep_the_text_and_its_line_breaks(qtbot) -> None:
    """Only break points are added; spaces and line breaks stay where they were."""
    text = "Eerste regel\nLeesbevorderingsprogrammacoördinatoren\tnaast elkaar"
    shown = NoteItem(_note(1, text)).shown_text()
    assert shown != text and shown.replace("\u00ad", "") == text
    assert "Eerste regel\n" in shown and "\tnaast elkaar" in shown
