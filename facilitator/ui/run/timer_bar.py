"""The round's timer on the laptop: a big mm:ss, start/pause, +1 minute and reset.

A timer per phase: collecting and voting each have their own time; the label before the
clock says which phase the timer times ("Schrijftijd", "Stemtijd"), a fresh start counts
that phase's time, and the engine stops the timer when its phase ends (domain/timer.py).

The engine stores only when the timer ends (or what was left when paused); the rules
that turn those fields and the laptop's clock into what is shown and what the button
does live in domain/timer.py. Here a QTimer on the GUI thread applies them four times
a second, with no disk or network access. Phones count down by themselves from the
same fields (they get TimerChanged from the server).

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
from facilitator.domain.model import Phase, Round
from facilitator.domain.timer import (
    EndWatch,
    Press,
    TimerState,
    clock_text,
    press,
    timer_duration,
    timer_ended,
    timer_state,
)
from facilitator.engine import AddTime, Command, PauseTimer, ResetTimer, StartTimer
from facilitator.ui.state import WorkshopState

TICK_MS = 250
_CALM = QColor("#f1f3f5")
_RUNNING = QColor("#e7f5ff")
_ENDED_LOW = QColor("#fff4d6")  # soft amber, never an alarm red
_ENDED_HIGH = QColor("#ffd98a")
_PULSE_S = 2.0


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
        self._end_watch = EndWatch()

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
        self.start_button.setToolTip(self.tr("Timer starten of pauzeren (Ctrl+P)"))
        self.start_button.clicked.connect(self.toggle)
        self.add_button = QPushButton(self.tr("+1 min"))
        self.add_button.setToolTip(self.tr("Eén minuut erbij (Ctrl+=)"))
        self.add_button.clicked.connect(self.add_minute)
        self.reset_button = QPushButton(self.tr("Opnieuw"))
        self.reset_button.setToolTip(self.tr("Timer terug naar de duur van de ronde"))
        self.reset_button.clicked.connect(self.reset)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.phase_label = QLabel(self.tr("Timer:"))
        self.phase_label.setObjectName("timer-phase")
        layout.addWidget(self.phase_label)
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
        pressed = press(round_, self._clock())
        if pressed is Press.PAUSE:
            self._submit(PauseTimer(round_.id))
        elif pressed is Press.RESTART:
            self._submit(StartTimer(round_.id, seconds=float(timer_duration(round_))))
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
        phase_texts: dict[Phase | None, str] = {
            Phase.COLLECT: self.tr("Schrijftijd:"), Phase.VOTE: self.tr("Stemtijd:")}
        phase_text = phase_texts.get(round_.timer_phase, self.tr("Timer:"))
        if self.phase_label.text() != phase_text:
            self.phase_label.setText(phase_text)
        state = timer_state(round_, now)
        if state is TimerState.NOT_STARTED:
            colour, status = _CALM, self.tr("nog niet gestart")
        elif state is TimerState.ENDED:
            colour, status = pulse_colour(now), self.tr("Tijd is om")
        elif state is TimerState.RUNNING:
            colour, status = _RUNNING, self.tr("loopt")
        else:
            colour, status = _CALM, self.tr("gepauzeerd")
        self.start_button.setText(self.tr("Pauze") if state is TimerState.RUNNING
                                  else self.tr("Start"))
        self._show(clock_text(round_, now), colour, status)
        if self._end_watch.reached_zero(round_, now):
            QApplication.beep()
            self.expired.emit(round_.id)

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
