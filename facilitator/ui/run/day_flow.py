"""Phase changes that say what they affect, and the one "next step" of the day.

A click on a phase button while a closed round was in view made that round the active
one and moved every phone into it, away from the round the room was working on. Now a
change that would do so asks once, saying which round the phones leave and which they
go to; and the next step (Ctrl+Enter, or a clicker's Page Down) moves the active
round's tables on as the day runs (domain/flow.py decides what the step is).

Signals: said(str) -- what was done or refused, for the status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from facilitator.domain import flow
from facilitator.domain.model import Phase
from facilitator.engine import Command, SetActiveRound, SetPhase
from facilitator.ui.run.groups_panel import phase_label
from facilitator.ui.state import WorkshopState


class DayFlow(QObject):
    """Sends phase changes for the window; asks first when phones would be pulled away."""

    said = Signal(str)

    def __init__(
        self, state: WorkshopState, submit: Callable[[Command], object], window: QWidget
    ) -> None:
        super().__init__(window)
        self._state = state
        self._submit = submit
        self._window = window
        self.question: QMessageBox | None = None
        self.go_button: QAbstractButton | None = None
        self._pending: Callable[[], None] | None = None

    def _number(self, round_id: int) -> int:
        round_ = self._state.round(round_id)
        return round_.position + 1 if round_ is not None else 0

    def _phases(self, round_id: int) -> dict[int, Phase]:
        return {g.id: self._state.phase(round_id, g.id) for g in self._state.groups}

    def request_phase(self, round_id: int, phase: Phase, group_id: int | None = None) -> None:
        """`phase` for every table of `round_id` (or only `group_id`). Phones only ever
        see the active round, so a phase past preparing makes the round active (for one
        table's button too: every phone follows the active round); when that takes
        phones out of work in the active round, ask first."""
        groups = None if group_id is None else (group_id,)
        active = self._state.workshop.active_round_id
        if active is not None and flow.pulls_phones_away(
            active, round_id, phase, self._phases(active)
        ):
            text = self.tr(
                "Ronde {old} loopt nog. Als ronde {new} nu naar '{phase}' gaat, gaan alle "
                "telefoons van ronde {old} naar ronde {new}; wat ze in ronde {old} deden, "
                "blijft bewaard."
            ).format(old=self._number(active), new=self._number(round_id), phase=phase_label(phase))
            self._ask(
                text,
                self.tr("Naar ronde {n}").format(n=self._number(round_id)),
                lambda: self._send(round_id, phase, groups),
            )
            return
        self._send(round_id, phase, groups)

    def next_step(self, round_in_view: int | None) -> None:
        """Move the day on by one step (see domain.flow.next_step) and say what moved."""
        active = self._state.workshop.active_round_id
        step = flow.next_step(
            active,
            self._state.rounds,
            self._phases(active) if active is not None else {},
            round_in_view,
        )
        if step is None:
            self.said.emit(self.tr("De laatste ronde is gesloten: er is geen volgende stap."))
            return
        self._send(step.round_id, step.phase, step.groups)
        which = (
            self.tr("alle tafels")
            if step.groups is None
            else self.tr("de tafels die achter liepen ({n})").format(n=len(step.groups))
        )
        self.said.emit(
            self.tr("Ronde {n}: {which} naar {phase}").format(
                n=self._number(step.round_id), which=which, phase=phase_label(step.phase)
            )
        )

    def _send(self, round_id: int, phase: Phase, groups: tuple[int, ...] | None) -> None:
        if phase is not Phase.PREPARE and self._state.workshop.active_round_id != round_id:
            self._submit(SetActiveRound(round_id))
        self._submit(SetPhase(round_id, phase, groups))

    def _ask(self, text: str, go_label: str, go: Callable[[], None]) -> None:
        if self.question is not None:
            self.question.close()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Andere ronde?"),
            text,
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        box.setObjectName("phase-question")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        stay = box.addButton(self.tr("&Blijven bij deze ronde"), QMessageBox.ButtonRole.RejectRole)
        go_button = box.addButton(go_label, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        self.question, self.go_button, self._pending = box, go_button, go
        box.buttonClicked.connect(self._answered)
        box.open()

    def _answered(self, button: QAbstractButton) -> None:
        pending, self._pending = self._pending, None
        if button is self.go_button and pending is not None:
            pending()
        else:
            self.said.emit(self.tr("Niets veranderd: de telefoons blijven in hun ronde."))
