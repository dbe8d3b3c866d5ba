"""The projector's first two views: how to join (QR code) and what to write about.

JoinView shows the event's address as a QR code of more than half the screen height,
with the short URL beside it for those who type, and every table's code (the event's
join screen is for the whole room, not for the table the laptop happens to show).
QuestionView shows the question, the method's instruction, a big timer and how many
notes came in; never note texts, so a silent (hidden) round stays silent.

No signals.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator.domain.clock import steady_time
from facilitator.domain.methods import instruction, method_name
from facilitator.domain.model import Visibility
from facilitator.domain.timer import format_clock, timer_duration, timer_ended, timer_started
from facilitator.ui.projector.common import (
    ACCENT,
    ENDED_BG,
    ENDED_INK,
    INK,
    MUTED,
    PAPER,
    Context,
    ScaledView,
    short_url,
    white_palette,
)
from facilitator.ui.qr import QrWidget

QR_FRACTION = 0.62  # of the window height; the brief asks for at least a third
CODE_COLUMNS = 2  # tables' codes side by side: eight tables take four lines


class JoinView(ScaledView):
    """Big event QR code, short URL, three steps, and every table's code, in the
    workshop's language."""

    name = "join"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.qr = QrWidget()
        white_palette(self.qr)
        self.title = self.label(0.075, bold=True)
        self.step_scan = self.label(0.042)
        self.step_type = self.label(0.042)
        self.url = self.label(0.08, bold=True, colour=ACCENT)
        self.url.setWordWrap(False)
        self.step_pick = self.label(0.042)
        self.codes_title = self.label(0.036, bold=True, colour=MUTED)
        self.codes = QGridLayout()
        self.codes.setHorizontalSpacing(24)
        self._code_labels: list[QLabel] = []
        self._shown_tables: tuple[tuple[str, str], ...] | None = None

        text = QVBoxLayout()
        text.addStretch(1)
        for widget in (
            self.title,
            self.step_scan,
            self.step_type,
            self.url,
            self.step_pick,
            self.codes_title,
        ):
            text.addWidget(widget)
        text.addLayout(self.codes)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        side = int(self.height() * QR_FRACTION)
        self.qr.setFixedSize(side, side)

    def refresh(self) -> None:
        url = self.context.event_url()
        self.title.setText(self.tr("Doe mee met je telefoon"))
        self.step_scan.setText(self.tr("Scan de QR-code met de camera van je telefoon,"))
        self.step_type.setText(self.tr("of typ dit adres in de browser:"))
        self.step_pick.setText(self.tr("Kies daarna je tafel en schrijf mee."))
        self.qr.set_data(url)
        self.qr.setVisible(bool(url))
        self.url.setText(short_url(url) if url else self.tr("De deelnemersserver draait niet."))
        groups = sorted(self.context.state.groups, key=lambda g: g.position)
        tables = tuple((g.name, g.code) for g in groups) if url else ()
        self.codes_title.setText(self.tr("Tafelcodes") if tables else "")
        self._show_codes(tables)

    def _show_codes(self, tables: tuple[tuple[str, str], ...]) -> None:
        """One name and code per table, in CODE_COLUMNS columns; rebuilt only when a
        table's name or code changed (refresh runs on every batch of notes)."""
        if tables == self._shown_tables:
            return
        self._shown_tables = tables
        for label in self._code_labels:
            self.forget(label)
            self.codes.removeWidget(label)
            label.deleteLater()
        self._code_labels = []
        rows = -(-len(tables) // CODE_COLUMNS)
        for index, (name, code) in enumerate(tables):
            column, row = divmod(index, rows)
            name_label = self.label(0.036, colour=MUTED)
            name_label.setWordWrap(False)
            name_label.setText(name)
            code_label = self.label(0.036, bold=True)
            code_label.setWordWrap(False)
            code_label.setText(code)
            self.codes.addWidget(name_label, row, 3 * column)
            self.codes.addWidget(code_label, row, 3 * column + 1)
            self._code_labels += [name_label, code_label]
        for column in range(CODE_COLUMNS):  # a gap between the pairs, the rest at the end
            self.codes.setColumnMinimumWidth(3 * column + 2, 48)
        self.codes.setColumnStretch(3 * CODE_COLUMNS, 1)
        self.rescale()


class QuestionView(ScaledView):
    """Question, method instruction, timer and note counts while people write."""

    name = "question"

    def __init__(
        self,
        context: Context,
        clock: Callable[[], float] = steady_time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._clock = clock
        self.header = self.label(0.038, colour=MUTED)
        self.question = self.label(0.068, bold=True)
        self.instruction = self.label(0.042, colour=MUTED)
        self.timer = self.label(0.2, bold=True, align=Qt.AlignmentFlag.AlignHCenter)
        self.timer.setAutoFillBackground(True)
        self.timer.setWordWrap(False)
        self.counts = self.label(0.048, align=Qt.AlignmentFlag.AlignHCenter)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.question)
        layout.addWidget(self.instruction)
        layout.addStretch(1)
        layout.addWidget(self.timer)
        layout.addStretch(1)
        layout.addWidget(self.counts)

        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self.tick)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ticker.start()
        self.tick()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._ticker.stop()

    def refresh(self) -> None:
        state, round_, group = self.context.state, self.context.round(), self.context.group()
        if round_ is None:
            for label in (self.header, self.question, self.instruction, self.counts):
                label.setText("")
            self.tick()
            return
        language = self.context.language()
        where = group.name if group is not None else self.tr("Alle tafels")
        self.header.setText(
            self.tr("{where} · ronde {n} · {method}").format(
                where=where, n=round_.position + 1, method=method_name(round_.method, language)
            )
        )
        self.question.setText(round_.question)
        self.instruction.setText(instruction(round_.method, language))
        total = sum(state.note_count(g.id, round_.id) for g in state.groups)
        silent = round_.visibility is Visibility.HIDDEN
        if group is not None:
            here = state.note_count(group.id, round_.id)
            text = self.tr("{here} briefjes aan deze tafel · {total} in de hele zaal").format(
                here=here, total=total
            )
        else:
            text = self.tr("{total} briefjes in de hele zaal").format(total=total)
        if silent:
            text += self.tr(" · stil schrijven: je ziet ze straks")
        self.counts.setText(text)
        self.tick()

    def tick(self) -> None:
        round_ = self.context.round()
        now = self._clock()
        ended = timer_ended(round_, now)
        if round_ is None:
            text = ""
        elif ended:
            text = self.tr("Tijd is om")
        elif timer_started(round_):
            text = format_clock(round_.seconds_left(now))
        else:
            text = format_clock(float(timer_duration(round_)))
        if self.timer.text() != text:
            self.timer.setText(text)
        palette = self.timer.palette()
        background, ink = (ENDED_BG, ENDED_INK) if ended else (PAPER, INK)
        if palette.color(QPalette.ColorRole.Window) != background:
            palette.setColor(QPalette.ColorRole.Window, background)
            palette.setColor(QPalette.ColorRole.WindowText, ink)
            self.timer.setPalette(palette)

    def is_ended(self) -> bool:
        return timer_ended(self.context.round(), self._clock())
