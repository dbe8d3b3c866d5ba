"""The projector's views of a table's work: the wall, the live vote and the plenary.

Why drawn by hand: a wall of forty notes or eight groups' top threes must fill a beamer
at the largest type that still fits, which a painter can work out per box; drawText
never parses markup, so a note's text is always shown literally. Moderated (hidden)
notes and merged duplicates are never drawn here.

The wall's cards follow the laptop wall's rule (issue 11): every note in one type size,
a long note in a taller card rather than in smaller type, the size the largest at which
every column fits the screen.

No signals.
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QWidget

from facilitator.domain.clock import steady_time
from facilitator.domain.model import Group, Phase
from facilitator.domain.ranking import RankedItem, top
from facilitator.domain.timer import clock_text, timer_ended
from facilitator.ui.projector.common import (
    ACCENT,
    ENDED_BG,
    ENDED_INK,
    INK,
    MUTED,
    NOTE,
    PAPER,
    Context,
    Spoken,
    elide,
    projector_font,
    white_palette,
)

_WRAP = Qt.TextFlag.TextWordWrap
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter
_MAX_COLUMNS = 8
_RESULT_ROWS = 8
_BAR = QColor("#2f6fcf")
_TIE = QColor("#b35c00")
_CLUSTER_HEAD = QColor("#e9ecef")


def fitted(
    text: str, rect: QRectF, start_px: float, min_px: float = 11, bold: bool = False
) -> QFont:
    """The largest font (from start_px down) at which `text` fits `rect` wrapped."""
    px = _fitted_px(
        text, round(rect.width()), round(rect.height()), int(start_px), int(min_px), bold
    )
    return projector_font(px, bold)


@functools.lru_cache(maxsize=4096)
def _fitted_px(text: str, width: int, height: int, start_px: int, min_px: int, bold: bool) -> float:
    """Cached: a wall repaints on every change, its notes' texts rarely change."""
    rect = QRectF(0, 0, width, height)
    px = float(max(min_px, start_px))
    while True:
        needed = QFontMetricsF(projector_font(px, bold)).boundingRect(rect, int(_WRAP), text)
        if (needed.height() <= height and needed.width() <= width) or px <= min_px:
            return px
        px = max(float(min_px), px * 0.9)


@functools.lru_cache(maxsize=8192)
def _wrapped(text: str, width: int, px: float) -> tuple[float, bool]:
    """How tall `text` is wrapped to `width` in the projector's type of `px` pixels, and
    whether it breaks anywhere (a word wider than the card, as the laptop's wall does)."""
    rect = QRectF(0, 0, width, 1e6)
    needed = QFontMetricsF(projector_font(px)).boundingRect(rect, int(_WRAP), text)
    if needed.width() <= width:
        return needed.height(), False
    anywhere = int(_WRAP | Qt.TextFlag.TextWrapAnywhere)
    return QFontMetricsF(projector_font(px)).boundingRect(rect, anywhere, text).height(), True


def _text_height(text: str, width: int, px: float) -> float:
    return _wrapped(text, width, px)[0]


def card_sizes(
    columns: list[list[str]],
    width: int,
    room: float,
    gap: float,
    start_px: float,
    tallest: float,
    min_px: float = 11,
) -> tuple[float, float]:
    """The one type size for every card (the largest from start_px down at which each
    column's cards, as tall as their text needs, fit `room`) and the cards' common least
    height (at most `tallest`: short notes keep the tall, even cards they had)."""
    most = max((len(m) for m in columns), default=1) or 1
    px = float(max(min_px, int(start_px)))
    while True:
        heights = [[_text_height(t, width, px) + gap for t in m] for m in columns]
        if px <= min_px or all(sum(h) + gap * len(h) <= room + 0.5 for h in heights):
            break
        px = max(float(min_px), px * 0.9)
    least = min(tallest, (room - gap * most) / most)
    while least > 0 and any(
        sum(max(x, least) for x in h) + gap * len(h) > room + 0.5 for h in heights
    ):
        least *= 0.95
    return px, max(0.0, least)


class _Painted(Spoken, QWidget):
    """Base: white background, a title line, and the list of texts drawn last time; its
    texts in the workshop's language (Spoken)."""

    name = ""

    shows_vote_timer = False  # the results and the plenary show the vote's time

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._texts: list[str] = []
        self._cards: list[tuple[str, int, QRectF]] = []  # wall: (text, type px, text rect)
        self._clock_shown = ""
        white_palette(self)
        self._ticker = QTimer(self)
        self._ticker.setInterval(500)
        self._ticker.timeout.connect(self._tick)

    def refresh(self) -> None:
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.shows_vote_timer:
            self._ticker.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._ticker.stop()

    def vote_clock(self) -> str:
        """The vote's time as the room reads it ("Stemtijd 02:41", "Tijd is om"); "" when
        the timer does not time the vote (a timer per phase, domain/timer.py)."""
        round_ = self.context.round()
        if round_ is None or round_.timer_phase is not Phase.VOTE:
            return ""
        now = steady_time()
        if timer_ended(round_, now):
            return self.tr("Tijd is om")
        return self.tr("Stemtijd {clock}").format(clock=clock_text(round_, now))

    def _tick(self) -> None:
        if self.vote_clock() != self._clock_shown:
            self.update()  # repaint only when the shown seconds change

    def shown_texts(self) -> list[str]:
        """Every text drawn in the last paint (tests check for leaks and contents)."""
        return list(self._texts)

    def shown_cards(self) -> list[tuple[str, int, QRectF]]:
        """The wall's cards drawn in the last paint: text, type size (px), text rect."""
        return list(self._cards)

    def px(self, fraction: float) -> float:
        return max(8.0, fraction * self.height())

    def _text(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        font: QFont,
        colour: QColor = INK,
        flags: Qt.AlignmentFlag = _LEFT,
    ) -> None:
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(rect, int(flags | _WRAP), text)
        self._texts.append(text)

    def _title(self, painter: QPainter, text: str) -> float:
        """Draws the title line (and the vote's time at its right, where shown); returns
        where the content below it starts."""
        margin = self.px(0.035)
        rect = QRectF(margin, margin * 0.7, self.width() - 2 * margin, self.px(0.075))
        self._clock_shown = self.vote_clock() if self.shows_vote_timer else ""
        if self._clock_shown:
            aside = QRectF(
                rect.right() - rect.width() * 0.3, rect.top(), rect.width() * 0.3, rect.height()
            )
            rect.setRight(aside.left() - margin * 0.5)
            ended = self._clock_shown == self.tr("Tijd is om")
            if ended:
                painter.fillRect(aside, ENDED_BG)
            self._text(
                painter,
                aside,
                self._clock_shown,
                projector_font(self.px(0.05), True),
                ENDED_INK if ended else ACCENT,
                _RIGHT,
            )
        self._text(painter, rect, elide(text, 110), fitted(text, rect, self.px(0.05), bold=True))
        return rect.bottom() + margin * 0.5


class WallView(_Painted):
    """The selected table's wall: one column per cluster, loose notes after them."""

    name = "wall"

    def columns(self) -> list[tuple[str, list[str]]]:
        ctx = self.context
        if ctx.group_id is None or ctx.round_id is None:
            return []
        notes = [
            n
            for n in ctx.state.notes_of(ctx.group_id, ctx.round_id)
            if not n.hidden and n.merged_into is None
        ]
        columns: list[tuple[str, list[str]]] = []
        for cluster in ctx.state.clusters_of(ctx.group_id, ctx.round_id):
            members = [n.text for n in notes if n.cluster_id == cluster.id]
            columns.append((f"{cluster.name} ({len(members)})", members))
        clustered = {c.id for c in ctx.state.clusters_of(ctx.group_id, ctx.round_id)}
        loose = [n.text for n in notes if n.cluster_id not in clustered]
        if loose:
            longest = max((len(m) for _t, m in columns), default=0)
            free = max(1, _MAX_COLUMNS - len(columns))
            per_column = max(longest, 3, math.ceil(len(loose) / free))
            for start in range(0, len(loose), per_column):
                title = self.tr("Nog niet ingedeeld") if columns and start == 0 else ""
                columns.append((title, loose[start : start + per_column]))
        return columns

    def paintEvent(self, event: QPaintEvent) -> None:
        self._texts = []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        group, round_ = self.context.group(), self.context.round()
        title = " · ".join(
            x for x in (group.name if group else "", round_.question if round_ else "") if x
        )
        y0 = self._title(painter, title)
        columns = self.columns()
        margin = self.px(0.035)
        area = QRectF(margin, y0, self.width() - 2 * margin, self.height() - y0 - margin)
        if not columns:
            self._text(
                painter,
                area,
                self.tr("Nog geen briefjes"),
                projector_font(self.px(0.06)),
                MUTED,
                _CENTRE,
            )
            painter.end()
            return
        bands = math.ceil(len(columns) / _MAX_COLUMNS)
        per_band = math.ceil(len(columns) / bands)
        gap = self.px(0.012)
        col_w = (area.width() - gap * (per_band - 1)) / per_band
        band_h = (area.height() - gap * (bands - 1)) / bands
        head_h = self.px(0.085) if any(title for title, _m in columns) else 0.0
        head_rect = QRectF(0, 0, col_w - 2 * gap, head_h - gap / 2)
        head_font = min(
            (fitted(t, head_rect, self.px(0.04), bold=True) for t, _m in columns if t),
            key=lambda f: f.pixelSize(),
            default=None,
        )
        text_w = int(col_w - 2 * gap)
        px, least = card_sizes(
            [m for _t, m in columns],
            text_w,
            band_h - head_h,
            gap,
            self.px(0.036),
            self.px(0.24),
        )
        font = projector_font(px)
        self._cards = []
        for index, (title, members) in enumerate(columns):
            band, col = divmod(index, per_band)
            x = area.left() + col * (col_w + gap)
            y = area.top() + band * (band_h + gap)
            if title and head_font is not None:  # a font exists when any column has a title
                head = QRectF(x, y, col_w, head_h - gap / 2)
                painter.fillRect(head, _CLUSTER_HEAD)
                self._text(painter, head.adjusted(gap, 0, -gap, 0), title, head_font)
            y += head_h
            for text in members:
                card_h = max(_text_height(text, text_w, px) + gap, least)
                card = QRectF(x, y, col_w, card_h)
                painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
                painter.setBrush(NOTE)
                painter.drawRoundedRect(card, 4, 4)
                inside = card.adjusted(gap, gap / 2, -gap, -gap / 2)
                anywhere = _wrapped(text, text_w, px)[1]
                wrap = _LEFT | Qt.TextFlag.TextWrapAnywhere if anywhere else _LEFT
                self._text(painter, inside, text, font, flags=wrap)
                self._cards.append((text, font.pixelSize(), inside))
                y += card_h + gap
        painter.end()


class ResultsView(_Painted):
    """The live dot ranking of the pinned table: bars, dots, ties marked "gelijk"."""

    name = "results"
    shows_vote_timer = True

    def ranking(self) -> list[RankedItem]:
        ctx = self.context
        if ctx.group_id is None or ctx.round_id is None:
            return []
        return ctx.state.ranking(ctx.group_id, ctx.round_id)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._texts = []
        ctx = self.context
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        group = ctx.group()
        y = self._title(
            painter, self.tr("Stemmen · {group}").format(group=group.name if group else "")
        )
        margin = self.px(0.035)
        width = self.width() - 2 * margin
        if ctx.group_id is not None and ctx.round_id is not None:
            sub = QRectF(margin, y, width, self.px(0.05))
            self._text(
                painter,
                sub,
                self.tr("{voters} van {joined} deelnemers stemden · {dots} stippen").format(
                    voters=ctx.state.voter_count(ctx.group_id, ctx.round_id),
                    joined=ctx.state.participant_count(ctx.group_id),
                    dots=ctx.state.dot_count(ctx.group_id, ctx.round_id),
                ),
                projector_font(self.px(0.034)),
                MUTED,
            )
            y = sub.bottom() + margin * 0.4
        items = self.ranking()[:_RESULT_ROWS]
        area = QRectF(margin, y, width, self.height() - y - margin)
        if not items:
            self._text(
                painter,
                area,
                self.tr("Nog niets om op te stemmen"),
                projector_font(self.px(0.06)),
                MUTED,
                _CENTRE,
            )
            painter.end()
            return
        row_h = min(area.height() / len(items), self.px(0.12))
        most = max(1, max(i.dots for i in items))
        rank_w, label_w = self.px(0.08), width * 0.5
        bar_x = area.left() + rank_w + label_w + self.px(0.02)
        bar_max = area.right() - bar_x - self.px(0.22)
        for n, item in enumerate(items):
            top_y = area.top() + n * row_h
            row = QRectF(area.left(), top_y, width, row_h * 0.9)
            voted = item.dots > 0
            self._text(
                painter,
                QRectF(row.left(), top_y, rank_w, row.height()),
                f"{item.rank}." if voted else "–",
                projector_font(row_h * 0.42, True),
                INK if voted else MUTED,
            )
            label_rect = QRectF(row.left() + rank_w, top_y, label_w, row.height())
            label = elide(item.label, 120)
            self._text(
                painter,
                label_rect,
                label,
                fitted(label, label_rect, row_h * 0.4, bold=voted and item.rank == 1),
                INK if voted else MUTED,
            )
            bar = QRectF(
                bar_x, top_y + row.height() * 0.2, bar_max * item.dots / most, row.height() * 0.6
            )
            painter.fillRect(bar, _BAR)
            count = QRectF(bar.right() + self.px(0.012), top_y, self.px(0.09), row.height())
            self._text(
                painter,
                count,
                str(item.dots),
                projector_font(row_h * 0.42, True),
                INK if voted else MUTED,
            )
            if item.tied:
                tie = QRectF(count.right(), top_y, self.px(0.13), row.height())
                self._text(
                    painter, tie, self.tr("gelijk"), projector_font(row_h * 0.32, True), _TIE
                )
        painter.end()


class PlenaryView(_Painted):
    """Each table's top three for the round, side by side, to compare in plenary."""

    name = "plenary"
    shows_vote_timer = True

    def tops(self) -> list[tuple[Group, list[RankedItem]]]:
        ctx = self.context
        if ctx.round_id is None:
            return []
        return [(g, top(ctx.state.ranking(g.id, ctx.round_id), 3)) for g in ctx.state.groups]

    def paintEvent(self, event: QPaintEvent) -> None:
        self._texts = []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        round_ = self.context.round()
        y = self._title(
            painter,
            self.tr("Top drie per tafel · {question}").format(
                question=round_.question if round_ else ""
            ),
        )
        everyone = self.tops()
        tops = [(g, items) for g, items in everyone if items]
        waiting = [g.name for g, items in everyone if not items]
        margin, gap = self.px(0.035), self.px(0.015)
        area = QRectF(margin, y, self.width() - 2 * margin, self.height() - y - margin)
        if not tops:
            self._text(
                painter,
                area,
                self.tr("Nog geen stemmen in deze ronde"),
                projector_font(self.px(0.06)),
                MUTED,
                _CENTRE,
            )
            painter.end()
            return
        if waiting:  # tables without votes get one line, the others the room
            footer = QRectF(area.left(), area.bottom() - self.px(0.06), area.width(), self.px(0.06))
            text = self.tr("Nog geen stemmen: {tables}").format(tables=", ".join(waiting))
            self._text(painter, footer, text, fitted(text, footer, self.px(0.036)), MUTED)
            area.setBottom(footer.top() - gap)
        cols = _plenary_columns(len(tops))
        rows = math.ceil(len(tops) / cols)
        card_w = (area.width() - gap * (cols - 1)) / cols
        card_h = (area.height() - gap * (rows - 1)) / rows
        name_h = min(card_h * 0.2, self.px(0.07))
        pad = gap
        body_h = card_h - gap - name_h - pad
        line_h = min(
            body_h / max(3, max((len(items[:4]) for _g, items in tops), default=3)), self.px(0.15)
        )
        dots_w = self.px(0.06)
        text_rect = QRectF(0, 0, card_w - 2 * pad - dots_w, line_h * 0.92)
        start = min(line_h * 0.42, self.px(0.045))
        item_px = min(
            (
                fitted(self._item_text(i), text_rect, start, self.px(0.022), True).pixelSize()
                for _g, items in tops
                for i in items[:4]
            ),
            default=start,
        )
        for index, (group, items) in enumerate(tops):
            row, col = divmod(index, cols)
            card = QRectF(
                area.left() + col * (card_w + gap),
                area.top() + row * (card_h + gap),
                card_w,
                card_h,
            )
            painter.setPen(QPen(QColor("#adb5bd"), 2))
            painter.setBrush(PAPER)
            painter.drawRect(card)
            colour = QColor(group.colour) if QColor.isValidColorName(group.colour) else NOTE
            painter.fillRect(QRectF(card.left(), card.top(), card.width(), gap * 0.8), colour)
            name_rect = QRectF(card.left() + pad, card.top() + gap, card.width() - 2 * pad, name_h)
            self._text(
                painter,
                name_rect,
                group.name,
                fitted(group.name, name_rect, name_h * 0.7, bold=True),
            )
            body = QRectF(card.left() + pad, name_rect.bottom(), card.width() - 2 * pad, body_h)
            for n, item in enumerate(items[:4]):
                line = QRectF(body.left(), body.top() + n * line_h, body.width(), line_h)
                self._text(
                    painter,
                    line.adjusted(0, 0, -dots_w, 0),
                    self._item_text(item),
                    projector_font(item_px, bold=item.rank == 1),
                )
                number = QRectF(line.right() - dots_w, line.top(), dots_w, line.height())
                if not item.tied:
                    self._text(
                        painter,
                        number,
                        str(item.dots),
                        projector_font(item_px, True),
                        ACCENT,
                        _RIGHT,
                    )
                    continue
                upper, lower = (
                    number.adjusted(0, 0, 0, -line_h / 2),
                    number.adjusted(-dots_w, line_h / 2, 0, 0),
                )
                self._text(
                    painter,
                    upper,
                    str(item.dots),
                    projector_font(item_px, True),
                    _TIE,
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                )
                self._text(
                    painter,
                    lower,
                    self.tr("gelijk"),
                    projector_font(item_px * 0.6, True),
                    _TIE,
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                )
        painter.end()

    @staticmethod
    def _item_text(item: RankedItem) -> str:
        return f"{item.rank}.\u00a0{elide(item.label, 70)}"


def _plenary_columns(count: int) -> int:
    """Cards per row: as wide as possible, at most four (eight tables: two rows of four)."""
    if count <= 3:
        return count
    return 2 if count == 4 else 3 if count <= 6 else 4
