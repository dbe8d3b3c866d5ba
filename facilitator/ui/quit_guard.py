"""Asking before the window closes while the room is working.

Closing the window stops the phones' server: a facilitator who presses Ctrl+Q or the
close button by mistake while phones are connected or a round runs should be told what
that does (phones keep what they type in their outbox and send it when the laptop is
back; nothing stored is lost) and be offered to stay. Nothing is asked when the room is
idle, so closing after the day stays one key.

Signals (QuitGuard): quitConfirmed() -- the facilitator chose to close anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from facilitator.domain.model import Phase
from facilitator.ui.state import WorkshopState

_RUNNING = (Phase.COLLECT, Phase.GROUP, Phase.VOTE)


def running_round(state: WorkshopState) -> int | None:
    """The active round's number (1-based) when any table is past preparing and not
    closed; None when no round runs."""
    round_id = state.workshop.active_round_id
    round_ = state.round(round_id) if round_id is not None else None
    if round_id is None or round_ is None:
        return None
    if any(state.phase(round_id, g.id) in _RUNNING for g in state.groups):
        return round_.position + 1
    return None


class QuitGuard(QObject):
    """Decides whether closing needs a question, and asks it without blocking (the box is
    window-modal and answered through its buttons, so key events and tests reach it)."""

    quitConfirmed = Signal()

    def __init__(self, state: WorkshopState, connected: Callable[[], int], window: QWidget) -> None:
        super().__init__(window)
        self._state = state
        self._connected = connected
        self._window = window
        self.box: QMessageBox | None = None
        self.stay_button: QAbstractButton | None = None
        self.quit_button: QAbstractButton | None = None

    def reason(self) -> str:
        """What closing would interrupt, in the facilitator's words; empty when nothing."""
        phones = self._connected()
        number = running_round(self._state)
        parts: list[str] = []
        if phones == 1:
            parts.append(self.tr("1 telefoon is verbonden"))
        elif phones:
            parts.append(self.tr("{n} telefoons zijn verbonden").format(n=phones))
        if number is not None:
            parts.append(self.tr("ronde {n} loopt").format(n=number))
        return self.tr(" en ").join(parts)

    def ask(self) -> bool:
        """True when closing may go on now; False when a question was put (the answer
        comes as quitConfirmed, or nothing when the facilitator stays)."""
        reason = self.reason()
        if not reason:
            return True
        if self.box is not None and self.box.isVisible():
            return False  # the question is already on screen
        text = self.tr(
            "Er wordt nog gewerkt: {reason}.\n\n"
            "Als u afsluit, kunnen telefoons niets meer versturen. Wat deelnemers dan nog "
            "typen, blijft op hun telefoon bewaard en wordt vanzelf verstuurd zodra u deze "
            "werkplaats weer opent. Alles wat al is opgeslagen blijft bewaard."
        ).format(reason=reason)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Afsluiten?"),
            text,
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        box.setObjectName("quit-question")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        stay = box.addButton(self.tr("&Blijven"), QMessageBox.ButtonRole.RejectRole)
        leave = box.addButton(self.tr("&Toch afsluiten"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(stay)  # Enter keeps the room working
        box.setEscapeButton(stay)
        box.buttonClicked.connect(self._answered)
        self.box, self.stay_button, self.quit_button = box, stay, leave
        box.open()
        return False

    def _answered(self, button: QAbstractButton) -> None:
        if button is self.quit_button:
            self.quitConfirmed.emit()
