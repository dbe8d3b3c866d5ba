"""One sticky note on the wall: a thin view over a note id, drawn by hand.

Painting the text ourselves with QPainter.drawText keeps it plain text by construction
(`<b>x</b>` shows literally) and is far cheaper than a QGraphicsTextItem per note, which
keeps a wall of 500 notes smooth. The fitted font size is worked out once per text
change, not per paint. Dots from the vote and the search's highlight are drawn here too,
so a search or a vote result never adds items to the scene.

Level of detail: when a note is so small on screen that its text would be under ~4 px
high (a fitted wall of 2,000 notes shows them at 0.025x), laying the text out is most of
the paint's cost and shows nothing readable; the note then draws grey bars where its text
lines are. A zoom step or a search change repaints every visible note, so this is what
keeps those repaints short on a big wall.

Memory (issue 17): a wall of 20,000 notes is 20,000 of these, so each holds as little as
it can. It is a plain QGraphicsItem, not a QGraphicsObject (the QObject cost ~3.8 KB per
note in PySide and gave nothing: the item has no signals or properties); its fitted font
and its text bars are shared between notes that need the same (bounded tables of them);
its attributes are slots. See docs/PERFORMANCE.md, "Memory of the window's process".
"""

from __future__ import annotations

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
NOTE_H = 150.0
_PAD = 10.0
_SHADOW = 4.0
_FONT_SIZES = (15, 14, 13, 12, 11, 10, 9, 8)  # 280 characters still fit at 9
NOTE_FONT_PT = _FONT_SIZES[0]  # a short note's size: what the wall's default zoom reads
_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap

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
_FOCUS_RING = QRectF(5, 5, NOTE_W - 10, NOTE_H - 10)
_HIDDEN_HATCH = QBrush(QColor(0, 0, 0, 25), Qt.BrushStyle.BDiagPattern)
_BODY = QRectF(0, 0, NOTE_W, NOTE_H)
_SHADOW_RECT = _BODY.translated(_SHADOW, _SHADOW)
_NO_PEN = Qt.PenStyle.NoPen
_TEXT_LOD = 0.2  # below this scale the text is under ~4 px high: drawn as bars
_TEXT_RECT = QRectF(_PAD, _PAD, NOTE_W - 2 * _PAD, NOTE_H - 2 * _PAD - 14)


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoteItem", text)


class NoteItem(QGraphicsItem):
    """A movable, selectable sticky note. Holds the note id and what it draws, nothing
    else: the engine owns the note, the wall turns a drag into a MoveNote command.
    No signals of its own; the scene reports moves (see wall.WallScene)."""

    __slots__ = ("_bars", "_dots", "_duplicate", "_font", "_hidden", "_match", "_merged",
                 "_paper", "_text", "cluster_id", "note_id")

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
        self._font = _font(_FONT_SIZES[0])  # shared: never changed in place
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
        """The font the text is drawn in (fitted to the note), in scene units."""
        return QFont(self._font)

    @property
    def hidden(self) -> bool:
        return self._hidden

    def update_from(self, note: Note) -> None:
        self.cluster_id = note.cluster_id
        changed = (note.text, note.hidden, note.is_paper) != (self._text, self._hidden, self._paper)
        if not changed:
            return
        self._text, self._hidden, self._paper = note.text, note.hidden, note.is_paper
        self._font, needed = _fitted_font(self._text, _TEXT_RECT)
        self._bars = _line_bars(self._font, needed, _TEXT_RECT)
        self.update()

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
        return QRectF(0, 0, NOTE_W + _SHADOW, NOTE_H + _SHADOW)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()  # the cached bitmap gets its focus ring
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, NOTE_W, NOTE_H))
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        body = _BODY
        painter.setPen(_NO_PEN)
        painter.setBrush(_SHADOW_INK)
        painter.drawRect(_SHADOW_RECT)
        colour = _HIDDEN if self._hidden else _PAPER_NOTE if self._paper else _PAPER
        painter.setBrush(colour)
        # isSelected() is what the scene puts in option.state, without Python enum math.
        painter.setPen(_PEN_SELECTED if self.isSelected()
                       else _PEN_MATCH if self._match else _PEN_EDGE)
        painter.drawRect(body)
        if self._hidden:
            painter.setBrush(_HIDDEN_HATCH)
            painter.setPen(_NO_PEN)
            painter.drawRect(body)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(PEN_FOCUS)
            painter.drawRect(_FOCUS_RING)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < _TEXT_LOD:
            painter.setPen(_NO_PEN)
            painter.setBrush(_GREEKED_INK)
            painter.drawRects(self._bars)
            if self._dots:
                draw_dots_badge(painter, QRectF(NOTE_W - 62, NOTE_H - 24, 56, 20), self._dots,
                                with_text=False)
            return
        painter.setFont(self._font)
        painter.setPen(_MUTED_INK if self._hidden else _INK)
        # drawText with a str never interprets markup: the text stays plain.
        painter.drawText(_TEXT_RECT, int(_FLAGS), self._text)
        if self._dots:
            draw_dots_badge(painter, QRectF(NOTE_W - 62, NOTE_H - 24, 56, 20), self._dots)
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
                QRectF(_PAD, NOTE_H - _PAD - 12, NOTE_W - 2 * _PAD - (60 if self._dots else 0),
                       12),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                " · ".join(marks),
            )


def draw_dots_badge(painter: QPainter, rect: QRectF, dots: int, *,
                    with_text: bool = True) -> None:
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


def _fitted_font(text: str, rect: QRectF) -> tuple[QFont, QRectF]:
    """The largest of a few sizes at which the whole text fits the note; the smallest
    otherwise (the 280-character limit keeps even that readable). Also the rect the
    text needs at that size. The font is shared: copy it before changing it."""
    needed = QRectF()
    for size in _FONT_SIZES:
        needed = _metrics(size).boundingRect(rect, int(_FLAGS), text)
        if needed.height() <= rect.height() and needed.width() <= rect.width():
            return _font(size), needed
    return _font(_FONT_SIZES[-1]), needed


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
            QRectF(rect.left(), rect.top() + i * spacing + (spacing - height) / 2, key[2],
                   height) for i in range(lines)]
    return bars
