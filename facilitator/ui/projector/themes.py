"""The projector's theme view for the room: the round's strongest words across all
tables as a word cloud, and the themes suggested over all tables' notes beside it.

Done with care because the whole room reads it from the back: word sizes follow the
number of distinct people who used a word (facilitator.suggest.themes), the smallest
word is still ~3.5% of the screen height, no stop words, compounds whole; every word is
drawn with drawText (plain text). Notes of a silent round stay silent: a table whose
notes are still hidden until reveal adds nothing, and moderated notes never count.
Working the themes out costs tens of milliseconds for a full room, so it runs at most
once every two seconds while notes stream in, and only while the view is shown.

No signals.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from facilitator.domain.model import Phase, Visibility
from facilitator.suggest.themes import (
    RoomNote,
    RoomTheme,
    ThemeWord,
    room_themes,
    strongest_words,
)
from facilitator.ui.projector.common import (
    ACCENT,
    INK,
    MUTED,
    NOTE,
    Context,
    Spoken,
    projector_font,
    white_palette,
)

_REVEALED = (Phase.GROUP, Phase.VOTE, Phase.CLOSED)
_WORD_INKS = (INK, ACCENT, QColor("#7a2e8c"), QColor("#1b6b3a"))  # all >= 7:1 on white
_MIN_PX, _MAX_PX = 0.035, 0.11  # of the height
_THROTTLE_MS = 2000
_WORDS = 28


class ThemeView(Spoken, QWidget):
    """Word cloud (left, two thirds) and suggested themes (right). No signals."""

    name = "themes"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        white_palette(self)
        self.words: list[ThemeWord] = []
        self.themes: list[RoomTheme] = []
        self.people = 0
        self._texts: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_THROTTLE_MS)
        self._timer.timeout.connect(self.recompute)
        self._stale = True

    # -- what to show ----------------------------------------------------------------

    def room_notes(self) -> list[RoomNote]:
        """The round's notes that the room may see, from every table."""
        ctx = self.context
        round_ = ctx.round()
        if round_ is None:
            return []
        state = ctx.state
        out: list[RoomNote] = []
        for group in state.groups:
            phase = state.phase(round_.id, group.id)
            if round_.visibility is Visibility.HIDDEN and phase not in _REVEALED:
                continue
            for n in state.notes_of(group.id, round_.id):
                if not n.hidden:
                    author = n.participant_id if n.participant_id is not None else ("n", n.id)
                    out.append(RoomNote(n.id, (group.id, author), group.id, n.text))
        return out

    def recompute(self) -> None:
        notes = self.room_notes()
        language = self.context.state.workshop.language
        self.words = strongest_words(notes, _WORDS)
        self.themes = room_themes(notes, language=language)
        self.people = len({n.author for n in notes})
        self._stale = False
        self.update()

    def refresh(self) -> None:
        """Called per event batch while shown: at once the first time, then throttled."""
        if self._stale or not self.words:
            self.recompute()
        elif not self._timer.isActive():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._stale = True
        self.refresh()

    def shown_texts(self) -> list[str]:
        """Every text drawn in the last paint (tests check for leaks and contents)."""
        return list(self._texts)

    # -- drawing ------------------------------------------------------------------------

    def px(self, fraction: float) -> float:
        return max(8.0, fraction * self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        self._texts = []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        margin = self.px(0.035)
        round_ = self.context.round()
        title = self.tr("Wat de zaal schrijft")
        if round_ is not None:
            title += " \u00b7 " + round_.question
        head = QRectF(margin, margin * 0.7, self.width() - 2 * margin, self.px(0.075))
        self._line(painter, head, title, self.px(0.045), bold=True)
        top = head.bottom() + margin * 0.5
        if not self.words:
            self._draw(
                painter,
                QRectF(margin, top, self.width() - 2 * margin, self.px(0.1)),
                self.tr("Nog geen briefjes om te tonen."),
                projector_font(int(self.px(0.04))),
                MUTED,
            )
            return
        side = (self.width() - 2 * margin) * 0.32
        cloud = QRectF(
            margin, top, self.width() - 3 * margin - side, self.height() - top - margin * 1.8
        )
        self._cloud(painter, cloud)
        self._theme_list(painter, QRectF(cloud.right() + margin, top, side, cloud.height()))
        foot = QRectF(margin, self.height() - margin * 1.6, self.width() - 2 * margin, margin * 1.2)
        self._draw(
            painter,
            foot,
            self.tr("Grootte: aantal deelnemers dat het woord gebruikte ({n} deelnemers)").format(
                n=self.people
            ),
            projector_font(int(self.px(0.022))),
            MUTED,
        )

    def _sizes(self) -> list[float]:
        top = max(w.people for w in self.words)
        low = min(w.people for w in self.words)
        span = math.sqrt(top) - math.sqrt(low) or 1.0
        return [
            self.px(_MIN_PX + (_MAX_PX - _MIN_PX) * (math.sqrt(w.people) - math.sqrt(low)) / span)
            for w in self.words
        ]

    def _cloud(self, painter: QPainter, area: QRectF) -> None:
        """Lines of words, centred, the biggest in the middle line, shrunk as a whole
        until everything fits the area."""
        sizes = self._sizes()
        scale = 1.0
        while True:
            lines = self._lines(sizes, scale, area.width())
            height = sum(h for _ws, h, _w in lines)
            if height <= area.height() or scale < 0.4:
                break
            scale *= 0.92
        order = _middle_out(len(lines))
        placed = [lines[i] for i in order]
        y = area.top() + max(0.0, (area.height() - height) / 2)
        for words, line_h, line_w in placed:
            x = area.left() + (area.width() - line_w) / 2
            for index, px, width in words:
                font = projector_font(int(px * scale), bold=index < 5)
                painter.setFont(font)
                painter.setPen(_WORD_INKS[index % len(_WORD_INKS)])
                rect = QRectF(x, y, width, line_h)
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.words[index].word)
                self._texts.append(self.words[index].word)
                x += width
            y += line_h

    def _lines(
        self, sizes: list[float], scale: float, width: float
    ) -> list[tuple[list[tuple[int, float, float]], float, float]]:
        lines: list[tuple[list[tuple[int, float, float]], float, float]] = []
        current: list[tuple[int, float, float]] = []
        used = line_h = 0.0
        for index, px in enumerate(sizes):
            metrics = QFontMetricsF(projector_font(int(px * scale), bold=index < 5))
            w = metrics.horizontalAdvance(self.words[index].word) + metrics.height() * 0.6
            if current and used + w > width:
                lines.append((current, line_h, used))
                current, used, line_h = [], 0.0, 0.0
            current.append((index, px, w))
            used += w
            line_h = max(line_h, metrics.height() * 1.05)
        if current:
            lines.append((current, line_h, used))
        return lines

    def _theme_list(self, painter: QPainter, area: QRectF) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(NOTE)
        painter.drawRoundedRect(area, 12, 12)
        pad = self.px(0.02)
        inner = area.adjusted(pad, pad, -pad, -pad)
        head_h = self.px(0.06)
        self._draw(
            painter,
            QRectF(inner.left(), inner.top(), inner.width(), head_h),
            self.tr("Thema's over alle tafels"),
            projector_font(int(self.px(0.034)), bold=True),
        )
        if not self.themes:
            self._draw(
                painter,
                QRectF(inner.left(), inner.top() + head_h, inner.width(), head_h),
                self.tr("(nog geen)"),
                projector_font(int(self.px(0.03))),
                MUTED,
            )
            return
        row_h = min(self.px(0.12), (inner.height() - head_h) / len(self.themes))
        y = inner.top() + head_h
        for theme in self.themes:
            self._line(
                painter,
                QRectF(inner.left(), y, inner.width(), row_h * 0.58),
                theme.name,
                row_h * 0.36,
                bold=True,
            )
            tables = (
                self.tr("1 tafel")
                if theme.tables == 1
                else self.tr("{t} tafels").format(t=theme.tables)
            )
            detail = self.tr("{n} briefjes \u00b7 {tables}").format(n=theme.notes, tables=tables)
            self._draw(
                painter,
                QRectF(inner.left(), y + row_h * 0.52, inner.width(), row_h * 0.4),
                detail,
                projector_font(int(row_h * 0.24)),
                MUTED,
            )
            y += row_h

    def _line(
        self, painter: QPainter, rect: QRectF, text: str, px: float, *, bold: bool = False
    ) -> None:
        """One line, never wrapped: the type shrinks to fit (to 60%), then the text is
        cut with an ellipsis."""
        size = px
        while size > px * 0.6:
            metrics = QFontMetricsF(projector_font(int(size), bold))
            if metrics.horizontalAdvance(text) <= rect.width():
                break
            size *= 0.94
        font = projector_font(int(size), bold)
        shown = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.setFont(font)
        painter.setPen(INK)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, int(flags), shown)
        self._texts.append(shown)

    def _draw(
        self, painter: QPainter, rect: QRectF, text: str, font: object, colour: QColor = INK
    ) -> None:
        painter.setFont(font)  # type: ignore[arg-type]
        painter.setPen(colour)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, int(flags | Qt.TextFlag.TextWordWrap), text)
        self._texts.append(text)


def _middle_out(count: int) -> list[int]:
    """Line order that puts line 0 (the biggest words) in the middle: 2, 0, 1, 3 ..."""
    order: list[int] = []
    for i in range(count):
        if i % 2:
            order.append(i)
        else:
            order.insert(0, i)
    return order
