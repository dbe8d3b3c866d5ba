"""The round's timer on the laptop: a big mm:ss, start/pause, +1 minute and reset.

Why computed here: the engine stores only when the timer ends (or what was left when
paused); the seconds shown are worked out from those fields and the laptop's clock by a
QTimer on the GUI thread, four times a second, with no disk or network access. Phones
count down by themselves from the same fields (they get TimerChanged from the server).

The end is signalled gently: the display turns a soft amber and pulses slowly, and the
system beeps once (QApplication.beep; no multimedia module needed).

Signals:
    expired(int): the round id whose running timer just reached zero (once per run).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget

from facilitator.domain.clock import steady_time
from facilitator.domain.model import Round
from facilitator.engine import AddTime, Command, PauseTimer, ResetTimer, StartTimer
from facilitator.ui.state import WorkshopState

TICK_MS = 250
_CALM = QColor("#f1f3f5")
_RUNNING = QColor("#e7f5ff")
_ENDED_LOW = QColor("#fff4d6")  # soft amber, never an alarm red
_ENDED_HIGH = QColor("#ffd98a")
_PULSE_S = 2.0


def format_clock(seconds: float | None) -> str:
    """mm:ss, rounded up so "00:00" appears only when the time is really up."""
    if seconds is None:
        return "--:--"
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def timer_started(round_: Round | None) -> bool:
    return round_ is not None and (round_.timer_ends_at is not None
                                   or round_.timer_remaining_s is not None)


def timer_running(round_: Round | None) -> bool:
    return round_ is not None and round_.timer_ends_at is not None


def timer_ended(round_: Round | None, now: float) -> bool:
    """A started timer with nothing left (running past its end, or paused at zero)."""
    if round_ is None or not timer_started(round_):
        return False
    left = round_.seconds_left(now)
    return left is not None and left <= 0.0


def pulse_colour(now: float) -> QColor:
    """A slow breathing between two soft ambers."""
    t = 0.5 - 0.5 * math.cos(2 * math.pi * (now % _PULSE_S) / _PULSE_S)
    low, high = _ENDED_LOW, _ENDED_HIGH
    return QColor(int(low.red() + (high.red() - low.red()) * t),
                  int(low.green() + (high.green() - low.green()) * t),
                  int(low.blue() + (high.blue() - low.blue()) * t))


class TimerBar(QWidget):
    """Shows and drives the timer of the round `round_id()` returns (the round shown)."""

    expired = Signal(int)

    def __init__(self, state: WorkshopState, submit: Callable[[Command], object],
                 round_id: Callable[[], int | None], clock: Callable[[], float] = steady_time,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._submit = submit
        self._round_id = round_id
        self._clock = clock
        self._was_running_with_time: tuple[int, float] | None = None  # (round, ends_at)

        self.display = QLabel("--:--")
        self.display.setObjectName("timer-display")
        self.display.setTextFormat(Qt.TextFormat.PlainText)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.display.font())
        font.setPixelSize(34)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.display.setFont(font)
        self.display.setMinimumWidth(150)
        self.display.setAutoFillBackground(True)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Timer starten of pauzeren (spatiebalk)"))
        self.start_button.clicked.connect(self.toggle)
        self.add_button = QPushButton(self.tr("+1 min"))
        self.add_button.setToolTip(self.tr("Eén minuut erbij (Ctrl+=)"))
        self.add_button.clicked.connect(self.add_minute)
        self.reset_button = QPushButton(self.tr("Opnieuw"))
        self.reset_button.setToolTip(self.tr("Timer terug naar de duur van de ronde"))
        self.reset_button.clicked.connect(self.reset)
        for button in (self.start_button, self.add_button, self.reset_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space stays the timer's key

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel(self.tr("Timer:")))
        layout.addWidget(self.display)
        layout.addWidget(self.start_button)
        layout.addWidget(self.add_button)
        layout.addWidget(self.reset_button)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()
        self.tick()

    # -- reads --------------------------------------------------------------------------

    def round(self) -> Round | None:
        round_id = self._round_id()
        return None if round_id is None else self._state.round(round_id)

    def is_ended(self) -> bool:
        return timer_ended(self.round(), self._clock())

    # -- actions ------------------------------------------------------------------------

    def toggle(self) -> None:
        round_ = self.round()
        if round_ is None:
            return
        if timer_running(round_) and not timer_ended(round_, self._clock()):
            self._submit(PauseTimer(round_.id))
        elif timer_ended(round_, self._clock()):
            self._submit(StartTimer(round_.id, seconds=float(round_.duration_s)))
        else:
            self._submit(StartTimer(round_.id))

    def add_minute(self) -> None:
        round_ = self.round()
        if round_ is not None:
            self._submit(AddTime(round_.id, 60.0))

    def reset(self) -> None:
        round_ = self.round()
        if round_ is not None:
            self._submit(ResetTimer(round_.id))

    # -- display ------------------------------------------------------------------------

    def tick(self) -> None:
        """Recompute the display from the round's fields and the clock (cheap)."""
        now = self._clock()
        round_ = self.round()
        self.setEnabled(round_ is not None)
        if round_ is None:
            self._show("--:--", _CALM, "")
            return
        left = round_.seconds_left(now)
        running = timer_running(round_)
        ended = timer_ended(round_, now)
        if not timer_started(round_):
            text, colour = format_clock(float(round_.duration_s)), _CALM
            status = self.tr("nog niet gestart")
        elif ended:
            text, colour, status = "00:00", pulse_colour(now), self.tr("Tijd is om")
        elif running:
            text, colour, status = format_clock(left), _RUNNING, self.tr("loopt")
        else:
            text, colour, status = format_clock(left), _CALM, self.tr("gepauzeerd")
        self.start_button.setText(self.tr("Pauze") if running and not ended
                                  else self.tr("Start"))
        self._show(text, colour, status)
        self._signal_end(round_, running, ended)

    def _show(self, text: str, colour: QColor, status: str) -> None:
        if self.display.text() != text:
            self.display.setText(text)
        palette = self.display.palette()
        if palette.color(self.display.backgroundRole()) != colour:
            palette.setColor(self.display.backgroundRole(), colour)
            palette.setColor(self.display.foregroundRole(), QColor("#111111"))
            self.display.setPalette(palette)
        if self.status.text() != status:
            self.status.setText(status)

    def _signal_end(self, round_: Round, running: bool, ended: bool) -> None:
        """Beep once when a timer seen running with time left reaches zero; a timer that
        had already ended when the app opened stays quiet."""
        if running and not ended and round_.timer_ends_at is not None:
            self._was_running_with_time = (round_.id, round_.timer_ends_at)
            return
        seen = self._was_running_with_time
        self._was_running_with_time = None
        if ended and seen is not None and seen[0] == round_.id:
            QApplication.beep()
            self.expired.emit(round_.id)
