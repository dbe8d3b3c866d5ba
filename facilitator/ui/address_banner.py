"""The banner above the wall that says when phones cannot use the address printed on the
table cards: the workshop's own port was taken at start, or the cards show another
address than the one served now.

Table cards printed the week before carry the workshop's address, port included. When
another program holds that port the server takes a free one so phones can still join
(through the QR codes on this screen), but the printed cards then point nowhere. A log
line on a terminal nobody watches is not enough: the window says it, in plain words,
with what to do. The join panel says the same in one short line beside its QR code
(its dock has no room for more at 1366x768); the whole sentence is here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

_STYLE = "QFrame#addressBanner { background: #f9dedc; } QLabel { color: #410e0b; }"


class AddressBanner(QFrame):
    """Shown while the address phones use differs from the one they were told.

    `wanted` is the port the server was asked for (None or 0: any port would do);
    `actual` the port it listens on (None: no server at all, said by the join panel).
    The cards' warning comes from the join panel (set_cards_warning), which knows the
    address chosen there.

    Signals: none.
    """

    def __init__(
        self, wanted: int | None, actual: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addressBanner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(_STYLE)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Verbergen"))
        self.close_button.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.port_moved = bool(wanted) and actual is not None and actual != wanted
        self._port_text = ""
        if self.port_moved:
            self._port_text = self.tr(
                "Poort {wanted} van deze werkplaats is bezet door een ander programma. De "
                "telefoons bereiken de laptop nu op poort {actual}: de QR-codes op dit scherm "
                "werken, maar gedrukte tafelkaarten tonen nog poort {wanted} en werken zo "
                "niet. Sluit het andere programma en open de werkplaats opnieuw, of druk de "
                "tafelkaarten opnieuw af."
            ).format(wanted=wanted, actual=actual)
        self._cards_text = ""
        self._dismissed: set[str] = set()
        self._render()

    def set_cards_warning(self, text: str) -> None:
        """The join panel's word on the printed cards ("" when they match)."""
        self._cards_text = text
        self._render()

    def text(self) -> str:
        return self.label.text()

    def _dismiss(self) -> None:
        self._dismissed.add(self.label.text())  # the same words again stay away
        self._render()

    def _render(self) -> None:
        # A taken port says why the address differs and what to do about it; the
        # cards' own warning otherwise (another network, the port changed since).
        text = self._port_text or self._cards_text
        if text in self._dismissed:
            text = ""
        self.label.setText(text)
        self.setVisible(bool(text))
