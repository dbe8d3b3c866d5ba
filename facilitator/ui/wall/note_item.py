"""One sticky note on the wall: a thin view over a note id, drawn by hand.

Painting the text ourselves with QPainter.drawText keeps it plain text by construction
(`<b>x</b>` shows literally) and is far cheaper than a QGraphicsTextItem per note, which
keeps a wall of 500 notes smooth. The note's height is worked out once per text
change, not per paint.

A long note grows rather than its font shrinking (issue 11, "readable wall"): its text is
always drawn at NOTE_FONT_PT, the size the wall's default zoom makes as large as the
interface font, and the note is as tall as a whole number of grid slots (1..MAX_ROWS)
that holds it, so the wall's grid (wall/grid.py) stays a grid: a tall note books that
many slots of one column. Only text no 280-character note reaches (more than MAX_ROWS
slots of it) gets a smaller font. Dots from the vote and the search's highlight are drawn here too,
so a search or a vote result never adds items to the scene.

Level of detail: when a note is so small on screen that its text would be under ~4 px
high (a fitted wall of 2,000 notes shows them at 0.025x), laying the text out is most of
the paint's cost and shows nothing readable; the note then draws grey bars where its text
lines are. A zoom step or a search change repaints every visible note, so this is what
keeps those repaints short on a big wall.

Memory (issue 17): a wall of 20,000 notes is 20,000 of these, so each holds as little as
it can. It is a plain QGraphicsItem, not a QGraphicsObject (the QObject cost ~3.8 KB per
note in PySide and gave nothing: the item has no signals or properties); its font, its
geometry (one per height) and its text bars are shared between notes that need the same
(bounded tables of them);
its attributes are slots. See docs/PERFORMANCE.md, "Memory of the window's process".
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from facilitator.domain.model import Note

NOTE_W = 220.0
NOTE_H = 160.0  # a one-slot note: 5 lines at NOTE_FONT_PT; a tall note is note_height(rows)
GAP = 18.0  # between grid slots (wall/grid.py), so a tall note ends where a short one would
MAX_ROWS = 6  # a note's height in slots at most: 280 of the widest characters need 5
_PAD = 10.0
_MARKS_H = 14.0  # the line under the text for "verborgen", "papier", the dots badge
_SHADOW = 4.0
NOTE_FONT_PT = 15  # every note's text size: what the wall's default zoom reads
# Only text taller than MAX_ROWS slots at NOTE_FONT_PT falls back to these: 280 of the
# widest letters or emoji fit 5 slots; 280 family emoji (7 code points each, drawn as 4
# glyphs where no colour emoji font joins them) are the one text known to need 11 pt.
_FONT_SIZES = (NOTE_FONT_PT, 14, 13, 12, 11, 10, 9, 8)
_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
# As an int made once: an int this large is an object, 28 bytes per note if made per note.
_WRAP = int(_FLAGS)
# A word wider than the note (a Dutch compound such as "Voorleesprogramma's", a URL)
# gets break points between its characters, so it alone breaks instead of running out of
# the note: a soft hyphen in a word of letters (a hyphen shows where it breaks), a zero
# width space in anything else (no hyphen that is not in the address). Qt's
# TextWrapAnywhere, used before, broke every word of such a note mid-word.
_SOFT_HYPHEN, _ZERO_WIDTH_SPACE = "\u00ad", "\u200b"
_SPACES = re.compile(r"(\s+)")

_PAPER = QColor("#fff7b0")
_PAPER_NOTE = QColor("#e4f1ff")  # typed in from paper at the table: visibly different
_HIDDEN = QColor("#d9d9d9")
_EDGE = QColor(0, 0, 0, 40)
_SELECTED_EDGE = QColor("#1f6feb")
_INK = QColor("#222222")
_MUTED_INK = QColor("#6b6b6b")
_MATCH_EDGE = QColor("#e8590c")
_DOT = QColor("#c92a2a")
_GREEKED_INK = QColor(0, 0, 0, 70)
_SHADOW_INK = QColor(0, 0, 0, 35)
# Made once: paint runs for every note after each zoom step, a few µs each adds up.
_PEN_SELECTED = QPen(_SELECTED_EDGE, 3)
_PEN_MATCH = QPen(_MATCH_EDGE, 4)
_PEN_EDGE = QPen(_EDGE, 1)
# The keyboard's focus: a dark dashed ring inside the edge, apart from the blue selection.
PEN_FOCUS = QPen(QColor("#1b1b1b"), 2.5, Qt.PenStyle.DashLine)
_HIDDEN_HATCH = QBrush(QColor(0, 0, 0, 25), Qt.BrushStyle.BDiagPattern)
_NO_PEN = Qt.PenStyle.NoPen
_TEXT_LOD = 0.2  # below this scale the text is under ~4 px high: drawn as bars


def note_height(rows: int) -> float:
    """A note `rows` grid slots tall: the slots' height less the gap under the last."""
    return rows * (NOTE_H + GAP) - GAP


def text_rect(rows: int) -> QRectF:
    """Where a note `rows` slots tall draws its text, in item coordinates."""
    return QRectF(_PAD, _PAD, NOTE_W - 2 * _PAD, note_height(rows) - 2 * _PAD - _MARKS_H)


class _Shape:
    """Everything about a note that follows from its height: made once per height
    (MAX_ROWS of them) and shared by every note that tall, so paint builds no rects."""

    __slots__ = (
        "body",
        "bounds",
        "dots",
        "focus",
        "height",
        "marks",
        "outline",
        "rows",
        "shadow",
        "text",
    )

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.height = height = note_height(rows)
        self.body = QRectF(0, 0, NOTE_W, height)
        self.shadow = self.body.translated(_SHADOW, _SHADOW)
        self.bounds = QRectF(0, 0, NOTE_W + _SHADOW, height + _SHADOW)
        self.focus = QRectF(5, 5, NOTE_W - 10, height - 10)
        self.text = text_rect(rows)
        self.dots = QRectF(NOTE_W - 62, height - 24, 56, 20)
        self.marks = QRectF(_PAD, height - _PAD - 12, NOTE_W - 2 * _PAD, 12)
        self.outline = QPainterPath()
        self.outline.addRect(self.body)


_SHAPES = [_Shape(rows) for rows in range(1, MAX_ROWS + 1)]


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoteItem", text)


class NoteItem(QGraphicsItem):
    """A movable, selectable sticky note. Holds the note id and what it draws, nothing
    else: the engine owns the note, the wall turns a drag into a MoveNote command.
    No signals of its own; the scene reports moves (see wall.WallScene)."""

    __slots__ = (
        "_bars",
        "_dots",
        "_duplicate",
        "_shown",
        "_font",
        "_hidden",
        "_match",
        "_merged",
        "_paper",
        "_shape",
        "_text",
        "cluster_id",
        "note_id",
    )

    def __init__(self, note: Note) -> None:
        super().__init__()
        self.note_id = note.id
        self._text = ""
        self._hidden = False
        self._paper = False
        self._merged = 0  # duplicates folded into this note
        self._duplicate = False  # a likely duplicate is on the wall (wall/suggestions_panel.py)
        self._dots = 0  # dots from the round's vote on this note itself
        self._match: bool | None = None  # search: True highlighted, False dimmed, None off
        self.cluster_id: int | None = note.cluster_id
        self._font = _font(NOTE_FONT_PT)  # shared: never changed in place
        self._shown = ""  # the text as laid out (break points in an over-wide word)
        self._shape = _SHAPES[0]  # shared: how tall the note is, and its rects
        self._bars: list[QRectF] = []  # where the text's lines are, for small zoom (shared)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)  # arrows (wall/keyboard)
        # Each note is a small cached bitmap: panning and moving others stay cheap.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.update_from(note)

    def text(self) -> str:
        """The note's text exactly as stored, which is also exactly what is drawn."""
        return self._text

    def toPlainText(self) -> str:
        """Same as text(); named like QGraphicsTextItem's so callers need not care."""
        return self._text

    def text_font(self) -> QFont:
        """The font the text is drawn in (NOTE_FONT_PT but for freak text), in scene units."""
        return QFont(self._font)

    def rows(self) -> int:
        """How many grid slots of one column the note is tall (1..MAX_ROWS)."""
        return self._shape.rows

    def height(self) -> float:
        """The note's height in scene units (without its shadow)."""
        return self._shape.height

    def text_rect(self) -> QRectF:
        """Where the text is drawn, in item coordinates (the inline editor goes here)."""
        return QRectF(self._shape.text)

    def text_flags(self) -> int:
        """The drawText flags the text is laid out with: word wrap."""
        return _WRAP

    def shown_text(self) -> str:
        """The text as laid out and drawn: the stored text, with break points inside a
        word wider than the note (see _breakable). The same object when there is none."""
        return self._shown

    @property
    def hidden(self) -> bool:
        return self._hidden

    def update_from(self, note: Note) -> bool:
        """Show the note as stored now. True when its height changed: the wall then books
        its slots again (or lays its cluster out again) and its extent is new."""
        self.cluster_id = note.cluster_id
        changed = (note.text, note.hidden, note.is_paper) != (self._text, self._hidden, self._paper)
        if not changed:
            return False
        text_changed = note.text != self._text
        self._text, self._hidden, self._paper = note.text, note.hidden, note.is_paper
        resized = False
        if text_changed:
            size, shown, rows, needed = _fitted(self._text)
            shape = _SHAPES[rows - 1]
            if shape is not self._shape:
                self.prepareGeometryChange()
                self._shape = shape
                resized = True
            self._font, self._shown = _font(size), shown
            self._bars = _line_bars(self._font, needed, shape.text)
        self.update()
        return resized

    def merged_count(self) -> int:
        return self._merged

    def set_merged_count(self, count: int) -> None:
        if count != self._merged:
            self._merged = count
            self.update()

    def duplicate_hint(self) -> bool:
        return self._duplicate

    def set_duplicate_hint(self, likely: bool) -> None:
        """The quiet marker: another note on this wall probably says the same."""
        if likely != self._duplicate:
            self._duplicate = likely
            self.setToolTip(_tr("Lijkt op een ander briefje: samenvoegen?") if likely else "")
            self.update()

    def dots(self) -> int:
        return self._dots

    def set_dots(self, dots: int) -> None:
        if dots != self._dots:
            self._dots = dots
            self.update()

    def search_match(self) -> bool | None:
        return self._match

    def set_search_match(self, match: bool | None) -> None:
        """True: highlight; False: dim; None: no search running."""
        if match != self._match:
            highlight_changed = bool(match) != bool(self._match)
            self._match = match
            self.setOpacity(0.25 if match is False else 1.0)
            # Dimming is only opacity, applied over the cached bitmap: redrawing the note
            # (thousands of them on one keystroke) is needed only for the highlight's edge.
            if highlight_changed:
                self.update()

    def boundingRect(self) -> QRectF:
        return self._shape.bounds

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()  # the cached bitmap gets its focus ring
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def shape(self) -> QPainterPath:
        return self._shape.outline

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        shape = self._shape
        body = shape.body
        painter.setPen(_NO_PEN)
        painter.setBrush(_SHADOW_INK)
        painter.drawRect(shape.shadow)
        colour = _HIDDEN if self._hidden else _PAPER_NOTE if self._paper else _PAPER
        painter.setBrush(colour)
        # isSelected() is what the scene puts in option.state, without Python enum math.
        painter.setPen(
            _PEN_SELECTED if self.isSelected() else _PEN_MATCH if self._match else _PEN_EDGE
        )
        painter.drawRect(body)
        if self._hidden:
            painter.setBrush(_HIDDEN_HATCH)
            painter.setPen(_NO_PEN)
            painter.drawRect(body)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(PEN_FOCUS)
            painter.drawRect(shape.focus)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < _TEXT_LOD:
            painter.setPen(_NO_PEN)
            painter.setBrush(_GREEKED_INK)
            painter.drawRects(self._bars)
            if self._dots:
                draw_dots_badge(painter, shape.dots, self._dots, with_text=False)
            return
        painter.setFont(self._font)
        painter.setPen(_MUTED_INK if self._hidden else _INK)
        # drawText with a str never interprets markup: the text stays plain.
        painter.drawText(shape.text, _WRAP, self._shown)
        if self._dots:
            draw_dots_badge(painter, shape.dots, self._dots)
        marks = []
        if self._duplicate:
            marks.append(_tr("\u2248 dubbel?"))
        if self._merged:
            marks.append(f"+{self._merged}")
        if self._hidden:
            marks.append(_tr("verborgen"))
        if self._paper:
            marks.append(_tr("papier"))
        if marks:
            small = QFont(self._font)
            small.setPointSizeF(8)
            small.setItalic(True)
            painter.setFont(small)
            painter.setPen(_MUTED_INK)
            painter.drawText(
                shape.marks.adjusted(0, 0, -60 if self._dots else 0, 0),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                " · ".join(marks),
            )


def draw_dots_badge(painter: QPainter, rect: QRectF, dots: int, *, with_text: bool = True) -> None:
    """A red pill with "● n": the dots an item got, readable from the back of the room.
    Without text when the item is too small on screen to read it."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_DOT)
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    if not with_text:
        painter.restore()
        return
    font = QFont()
    font.setPointSizeF(10)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), f"\u25cf {dots}")
    painter.restore()


# One font (and its metrics) per size for every note: a QFont and its wrapper per note
# cost ~0.3 KB. Made on first use: fonts need the application to exist.
_FONTS: dict[int, QFont] = {}
_METRICS: dict[int, QFontMetricsF] = {}
# Bars by (font size, lines, width in whole points): at most 8 x ~12 x ~200 lists.
_BARS: dict[tuple[int, int, int], list[QRectF]] = {}


def _font(size: int) -> QFont:
    font = _FONTS.get(size)
    if font is None:
        font = _FONTS[size] = QFont()
        font.setPointSizeF(size)
        _METRICS[size] = QFontMetricsF(font)
    return font


def _metrics(size: int) -> QFontMetricsF:
    _font(size)
    return _METRICS[size]


_TALLEST = text_rect(MAX_ROWS)
_UNBOUNDED = QRectF(_TALLEST.left(), _TALLEST.top(), _TALLEST.width(), 1e6)


def rows_for(text: str) -> int:
    """How many grid slots tall a note with this text is (see _fitted)."""
    return _fitted(text)[2]


def _fitted(text: str) -> tuple[int, str, int, QRectF]:
    """(font size, the text as laid out, rows, the rect the text needs) for a note.

    The text at NOTE_FONT_PT is measured once, in a rect as wide as a note and
    unbounded below: the note is the fewest slots tall that hold it. Word wrap; a word
    wider than the note gets break points of its own (_breakable). Only beyond MAX_ROWS
    slots does the font shrink, at MAX_ROWS slots, as every long note's did before
    issue 11."""
    width = _UNBOUNDED.width()
    shown = text
    needed = _metrics(NOTE_FONT_PT).boundingRect(_UNBOUNDED, _WRAP, shown)
    if needed.width() > width:
        shown = _breakable(text, _metrics(NOTE_FONT_PT), width)
        needed = _metrics(NOTE_FONT_PT).boundingRect(_UNBOUNDED, _WRAP, shown)
    for shape in _SHAPES:
        if needed.height() <= shape.text.height():
            return NOTE_FONT_PT, shown, shape.rows, needed
    for size in _FONT_SIZES[1:]:
        shown = _breakable(text, _metrics(size), width)
        needed = _metrics(size).boundingRect(_TALLEST, _WRAP, shown)
        if needed.height() <= _TALLEST.height() and needed.width() <= width:
            break
    return size, shown, MAX_ROWS, needed


def _breakable(text: str, metrics: QFontMetricsF, width: float) -> str:
    """`text` with a break point between the characters of each word wider than
    `width`; other words untouched. Never inside a character's combining marks or an
    emoji sequence (joiners, variation selectors, skin tones stay with their base)."""
    parts = _SPACES.split(text)  # words at even places, the spaces between at odd ones
    wide = {p for p in range(0, len(parts), 2) if metrics.horizontalAdvance(parts[p]) > width}
    if not wide:
        return text
    shown = []
    for place, word in enumerate(parts):
        if place not in wide:
            shown.append(word)
            continue
        mark = _SOFT_HYPHEN if all(c.isalpha() or c in "'’-" for c in word) else _ZERO_WIDTH_SPACE
        out = [word[0]] if word else []
        for before, char in itertools.pairwise(word):
            if not (_joins(before) or _joins(char)):
                out.append(mark)
            out.append(char)
        shown.append("".join(out))
    return "".join(shown)


def _joins(char: str) -> bool:
    """Characters that belong to the one before or after them: no break beside them."""
    code = ord(char)
    return (unicodedata.category(char) in ("Mn", "Mc", "Me") or code == 0x200D
            or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F)


def _line_bars(font: QFont, needed: QRectF, rect: QRectF) -> list[QRectF]:
    """One bar per line of text, as wide as the text block, for the small-zoom paint.
    Shared between notes whose text takes the same lines (never change the list)."""
    if needed.isEmpty():
        return []
    size = round(font.pointSizeF())
    spacing = _metrics(size).lineSpacing()
    lines = max(1, min(round(needed.height() / spacing), int(rect.height() // spacing)))
    key = (size, lines, round(needed.width()))
    bars = _BARS.get(key)
    if bars is None:
        height = spacing * 0.6
        bars = _BARS[key] = [
            QRectF(rect.left(), rect.top() + i * spacing + (spacing - height) / 2, key[2], height)
            for i in range(lines)
        ]
    return bars
