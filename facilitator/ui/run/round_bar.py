"""Which round the facilitator looks at, its question, and the buttons that move the
round through its phases for every group at once.

The phase buttons are ordinary buttons for the keyboard too: Tab reaches each of them,
the arrow keys move between them without pressing, Space presses the focused one, and
so do Enter and Return (outside a dialog Qt's push button ignores Enter, which leaves a
keyboard-only facilitator guessing)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.methods import method_name
from facilitator.domain.model import Phase, Round
from facilitator.ui.i18n import current_language
from facilitator.ui.run.groups_panel import phase_label
from facilitator.ui.state import WorkshopState

_ACTIVE_MARK = "●"
_COMBO_CHARS = 60


class PhaseButton(QPushButton):
    """A checkable phase button that Enter and Return press, like Space does."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.animateClick()
            event.accept()
            return
        super().keyPressEvent(event)


class RoundBar(QWidget):
    """Round selector, question and phase buttons.

    Signals:
        roundSelected(int): id of the round now shown.
        phaseRequested(int, object): round id and the Phase asked for (all groups).
    """

    roundSelected = Signal(int)
    phaseRequested = Signal(int, object)

    def __init__(self, state: WorkshopState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._group_id: int | None = None
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(32)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.question = QLabel()
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setWordWrap(True)
        font = QFont(self.question.font())
        font.setPixelSize(18)
        font.setBold(True)
        self.question.setFont(font)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)

        # No QButtonGroup: Qt treats grouped buttons as radio buttons, where Tab skips
        # the rest of the group and, when exclusive, an arrow key *clicks* the next phase
        # (every table would move on by a stray arrow). Which one is lit: show_group.
        self.phase_buttons: list[PhaseButton] = []
        phases_row = QHBoxLayout()
        phases_row.setSpacing(2)
        phases_row.addWidget(QLabel(self.tr("Fase voor alle groepen:")))
        for phase in Phase:
            button = PhaseButton(phase_label(phase))
            button.setCheckable(True)
            button.setObjectName(f"phase-{phase.value}")
            button.setProperty("phase", phase.value)
            button.clicked.connect(lambda _checked=False, b=button: self._on_phase_clicked(b))
            self.phase_buttons.append(button)
            phases_row.addWidget(button)
        phases_row.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Ronde:")))
        top.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.question)
        layout.addWidget(self.details)
        layout.addLayout(phases_row)

        self.reload_rounds()
        self.combo.currentIndexChanged.connect(self._on_index)

    def current_round_id(self) -> int | None:
        data = self.combo.currentData()
        return None if data is None else int(data)

    def select_round(self, round_id: int) -> None:
        index = self.combo.findData(round_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def phase_button(self, phase: Phase) -> QPushButton:
        button = self.findChild(QPushButton, f"phase-{phase.value}")
        assert button is not None  # one per phase, made in __init__
        return button

    def reload_rounds(self) -> None:
        """Fill the combo; the round phones currently see carries a dot."""
        keep = self.current_round_id()
        if keep is None:
            keep = self._state.workshop.active_round_id
        self.combo.blockSignals(True)
        self.combo.clear()
        for r in self._state.rounds:
            self.combo.addItem(self._combo_text(r), r.id)
        self.combo.blockSignals(False)
        if keep is not None:
            self.select_round(keep)
        self.show_group(self._group_id)

    def show_group(self, group_id: int | None) -> None:
        """Refresh question, details and which phase is lit (that group's phase)."""
        self._group_id = group_id
        round_ = self._state.round(self.current_round_id() or -1)
        if round_ is None:
            self.question.setText("")
            self.details.setText("")
            return
        self.question.setText(round_.question or self.tr(
            "Deze ronde heeft nog geen vraag: schrijf die bij Werkplaats voorbereiden."))
        self.details.setText(
            self.tr("{method} · {minutes} min · {dots} stippen · {who}").format(
                method=method_name(round_.method, current_language()),
                minutes=round_.duration_s // 60,
                dots=round_.dot_budget,
                who=self.tr("telefoons zien deze ronde")
                if self._state.workshop.active_round_id == round_.id
                else self.tr("niet de ronde die telefoons nu zien"),
            )
        )
        phase = self._state.phase(round_.id, group_id) if group_id is not None else None
        for button in self.phase_buttons:
            button.setChecked(phase is not None and button.property("phase") == phase.value)

    def _combo_text(self, r: Round) -> str:
        question = r.question or self.tr("(nog geen vraag)")
        if len(question) > _COMBO_CHARS:
            question = question[: _COMBO_CHARS - 1] + "…"
        mark = f" {_ACTIVE_MARK}" if self._state.workshop.active_round_id == r.id else ""
        return f"{r.position + 1}. {question}{mark}"

    def _on_index(self, _index: int) -> None:
        round_id = self.current_round_id()
        if round_id is not None:
            self.show_group(self._group_id)
            self.roundSelected.emit(round_id)

    def _on_phase_clicked(self, button: QPushButton) -> None:
        round_id = self.current_round_id()
        if round_id is not None:
            self.phaseRequested.emit(round_id, Phase(button.property("phase")))
        self.show_group(self._group_id)  # lit stays the table's phase until it changes
