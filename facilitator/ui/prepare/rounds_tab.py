"""The rounds of a workshop: question, method, duration, visibility and dot budget,
added, removed and put in order.

Each field sends one UpdateRound with the whole RoundSpec as soon as the facilitator
leaves it (the question also after a short pause in typing, so closing the editor
never loses it); the tab redraws from the engine's RoundsChanged answer. Choosing a
method shows its instruction and offers its suggested minutes as the duration. Beside
the dot budget stands advice from the walls as they are now: about a third of the
number of notes or clusters people can vote on.

Signals: none of its own (see ItemList).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from facilitator.domain import ranking
from facilitator.domain.methods import METHODS, instruction, method_name
from facilitator.domain.model import Method, Round, Visibility
from facilitator.engine.commands import AddRound, DeleteRound, MoveRound, UpdateRound
from facilitator.store.specs import RoundSpec
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.i18n import current_language
from facilitator.ui.prepare.common import (
    ItemList,
    list_beside_details,
    plain_label,
    show_error,
    typing_timer,
)
from facilitator.ui.state import WorkshopState


def vote_items(state: WorkshopState, round_id: int) -> int:
    """How many items people can vote on at the fullest wall of this round, by the
    same rule the phones get their items (domain.ranking.vote_items)."""
    return max((len(ranking.vote_items(state.clusters_of(g.id, round_id),
                                       state.notes_of(g.id, round_id)))
                for g in state.groups), default=0)


def advised_dots(items: int) -> int:
    """About a third of the options, within the engine's 1-20."""
    return max(1, min(20, round(items / 3)))


class RoundsTab(QWidget):
    """List of rounds on the left, the selected round's details on the right."""

    def __init__(self, state: WorkshopState, bridge: EngineBridge,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.bridge = bridge
        self._loading = False
        self._form_id: int | None = None  # the round whose values the form holds
        self._asking = False  # a round was just added: its question field gets the focus
        self.items = ItemList(self.tr("Ronde toevoegen"))
        self.items.selected.connect(self._show)
        self.items.addRequested.connect(self.add_round)
        self.items.removeRequested.connect(lambda rid: self.bridge.submit(DeleteRound(rid)))
        self.items.moveRequested.connect(lambda rid, pos: self.bridge.submit(MoveRound(rid, pos)))

        self.question_edit = QPlainTextEdit()
        self.question_edit.setPlaceholderText(self.tr("Typ hier de vraag die de groepen "
                                                      "beantwoorden"))
        # Said beside a round that has no question yet: it cannot start without one.
        self.question_hint = plain_label(self.tr("Deze ronde heeft nog geen vraag. Zonder "
                                                 "vraag kan de ronde niet beginnen."))
        self.question_hint.setObjectName("question-hint")
        self.question_hint.setStyleSheet("#question-hint { color: #8a5a00; }")
        self.question_hint.hide()
        self.question_edit.setTabChangesFocus(True)
        self.question_edit.setMinimumHeight(90)
        self.question_edit.installEventFilter(self)
        self._typing = typing_timer(self, self.commit_if_complete)
        self.question_edit.textChanged.connect(self._on_question_typed)

        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(80)
        self.title_edit.setPlaceholderText(self.tr("Kort onderwerp voor het verslag "
                                                   "(leeg: het begin van de vraag)"))
        self.title_edit.editingFinished.connect(self.commit)

        self.method_combo = QComboBox()
        for method in Method:
            self.method_combo.addItem(method_name(method, current_language()), method.value)
        self.method_combo.activated.connect(self._on_method_chosen)
        self.instruction_label = plain_label()
        self.duration_spin = QSpinBox()
        self.duration_spin.setRange(1, 240)
        self.duration_spin.setSuffix(self.tr(" min"))
        self.duration_spin.setKeyboardTracking(False)
        self.duration_spin.valueChanged.connect(self.commit)
        self.suggested_label = plain_label()
        self.vote_spin = QSpinBox()  # voting's own time (a timer per phase)
        self.vote_spin.setObjectName("vote-minutes")
        self.vote_spin.setRange(1, 240)
        self.vote_spin.setSuffix(self.tr(" min"))
        self.vote_spin.setKeyboardTracking(False)
        self.vote_spin.valueChanged.connect(self.commit)
        self.visibility_combo = QComboBox()
        self.visibility_combo.addItem(self.tr("direct zichtbaar"), Visibility.VISIBLE.value)
        self.visibility_combo.addItem(self.tr("verborgen tot onthullen"),
                                      Visibility.HIDDEN.value)
        self.visibility_combo.activated.connect(self.commit)
        self.dots_spin = QSpinBox()
        self.dots_spin.setRange(1, 20)
        self.dots_spin.setKeyboardTracking(False)
        self.dots_spin.valueChanged.connect(self.commit)
        self.advice_label = plain_label()
        self.multi_check = QCheckBox(self.tr("meerdere stippen op één briefje toegestaan"))
        self.multi_check.toggled.connect(self.commit)

        duration_row = QHBoxLayout()
        duration_row.addWidget(self.duration_spin)
        duration_row.addWidget(self.suggested_label, 1)
        dots_row = QHBoxLayout()
        dots_row.addWidget(self.dots_spin)
        dots_row.addWidget(self.advice_label, 1)
        form = QFormLayout()
        form.addRow(self.tr("Vraag:"), self.question_edit)
        form.addRow("", self.question_hint)
        form.addRow(self.tr("Titel:"), self.title_edit)
        form.addRow(self.tr("Methode:"), self.method_combo)
        form.addRow("", self.instruction_label)
        form.addRow(self.tr("Duur:"), duration_row)
        form.addRow(self.tr("Stemtijd:"), self.vote_spin)
        form.addRow(self.tr("Briefjes:"), self.visibility_combo)
        form.addRow(self.tr("Stippen:"), dots_row)
        form.addRow("", self.multi_check)
        self.details, self.error = list_beside_details(self, self.items, form)
        self.reload()

    # -- from the engine --------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        added = {r.id for r in self.state.rounds} - set(self.items.ids())
        if keep is None and len(added) == 1 and self.items.ids():
            keep = added.pop()  # a round just added: show it to be written
        else:
            self._asking = False
        rows: list[tuple[int, str, QColor | None]]
        rows = [(r.id, self.tr("{n}. {question}\n{method} · {minutes} min · {dots} stippen{hidden}")
                 .format(n=i, question=_short(r.question) or self.tr("(nog geen vraag)"),
                         method=method_name(r.method, current_language()),
                         minutes=max(1, round(r.duration_s / 60)), dots=r.dot_budget,
                         hidden=self.tr(" · verborgen") if r.visibility is Visibility.HIDDEN
                         else ""), None)
                for i, r in enumerate(self.state.rounds, start=1)]
        self.items.fill(rows, keep)
        if self.items.current_id() is None:
            self._show(None)

    def current(self) -> Round | None:
        rid = self.items.current_id()
        return None if rid is None else self.state.round(rid)

    def _show(self, _round_id: int | None) -> None:
        round_ = self.current()
        switching = round_ is None or round_.id != self._form_id
        if switching and self._form_id is not None:
            self.commit_if_complete()  # what was typed belongs to the round shown before
        if switching:
            show_error(self.error, "")  # a refusal goes with the item it was about
        self._form_id = round_.id if round_ is not None else None
        self.details.setEnabled(round_ is not None)
        if round_ is None:
            return
        self._loading = True
        try:
            typing = (not switching and self.question_edit.hasFocus()
                      and self._typing.isActive())
            if not typing and self.question_edit.toPlainText() != round_.question:
                self.question_edit.setPlainText(round_.question)
            if self.title_edit.text() != round_.title:
                self.title_edit.setText(round_.title)
            self.method_combo.setCurrentIndex(self.method_combo.findData(round_.method.value))
            self.duration_spin.setValue(max(1, round(round_.duration_s / 60)))
            self.vote_spin.setValue(max(1, round(round_.vote_duration_s / 60)))
            self.visibility_combo.setCurrentIndex(
                self.visibility_combo.findData(round_.visibility.value))
            self.dots_spin.setValue(round_.dot_budget)
            self.multi_check.setChecked(round_.multi_dots)
        finally:
            self._loading = False
        self._show_method(round_.method)
        self.refresh_advice()
        self._show_question_hint()
        if self._asking:
            self._asking = False
            self.question_edit.setFocus()  # the question is what a new round needs first

    def _show_question_hint(self) -> None:
        round_ = self.current()
        unasked = round_ is not None and not round_.question
        self.question_hint.setVisible(unasked and not self.question_edit.toPlainText().strip())

    def refresh_advice(self) -> None:
        round_ = self.current()
        if round_ is None:
            return
        items = vote_items(self.state, round_.id)
        if items:
            self.advice_label.setText(self.tr("Advies: ±{n} stippen bij {m} briefjes/clusters")
                                      .format(n=advised_dots(items), m=items))
        else:
            self.advice_label.setText(self.tr("Advies: ongeveer een derde van het aantal "
                                              "briefjes/clusters (nog leeg)"))

    def _show_method(self, method: Method) -> None:
        self.instruction_label.setText(instruction(method, current_language()))
        self.suggested_label.setText(self.tr("voorgesteld bij deze methode: {n} min")
                                     .format(n=METHODS[method].minutes))

    def refused(self, error_text: str) -> None:
        show_error(self.error, error_text)
        self._typing.stop()
        self.question_edit.setPlainText("")  # forces the stored question back in
        self._show(None)

    # -- to the engine ----------------------------------------------------------------

    def add_round(self) -> None:
        show_error(self.error, "")
        method = Method.BRAINSTORM
        self._asking = True
        # An empty question, not a made-up one that phones would show: the form asks
        # for it, and the engine does not start the round without it.
        self.bridge.submit(AddRound(RoundSpec(
            question="", method=method, duration_s=METHODS[method].minutes * 60)))

    def _on_method_chosen(self, _index: int) -> None:
        method = Method(self.method_combo.currentData())
        self._show_method(method)
        self.duration_spin.blockSignals(True)
        self.duration_spin.setValue(METHODS[method].minutes)  # the method's own timing
        self.duration_spin.blockSignals(False)
        self.commit()

    def _on_question_typed(self) -> None:
        self._show_question_hint()
        if not self._loading:
            self._typing.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.question_edit and event.type() == QEvent.Type.FocusOut:
            self.commit()
        return super().eventFilter(watched, event)

    def spec(self) -> RoundSpec:
        return RoundSpec(
            question=self.question_edit.toPlainText(),
            method=Method(self.method_combo.currentData()),
            duration_s=self.duration_spin.value() * 60,
            visibility=Visibility(self.visibility_combo.currentData()),
            dot_budget=self.dots_spin.value(),
            multi_dots=self.multi_check.isChecked(),
            title=self.title_edit.text().strip(),
            vote_duration_s=self.vote_spin.value() * 60,
        )

    def commit_if_complete(self) -> None:
        if self.question_edit.toPlainText().strip():  # an empty question waits
            self.commit()

    def commit(self, *_args: object) -> None:
        """Send the form as it stands, if it differs from what is stored."""
        self._typing.stop()
        round_ = None if self._form_id is None else self.state.round(self._form_id)
        if self._loading or round_ is None:
            return
        spec = self.spec()
        if spec == _spec_of(round_):
            return
        show_error(self.error, "")
        self.bridge.submit(UpdateRound(round_.id, spec))


def _spec_of(round_: Round) -> RoundSpec:
    return RoundSpec(round_.question, round_.method, round_.duration_s, round_.visibility,
                     round_.dot_budget, round_.multi_dots, round_.title,
                     round_.vote_duration_s)


def _short(text: str, limit: int = 200) -> str:
    return " ".join(text.split())[:limit]  # the list elides at its own width
