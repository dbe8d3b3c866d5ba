"""The banner that says the workshop's own port was taken when it started.

Table cards printed the week before carry the workshop's address, port included. When
another program holds that port the server takes a free one so phones can still join
(through the QR codes on this screen), but the printed cards then point nowhere. A log
line on a terminal nobody watches is not enough: the window says it, in plain words,
with what to do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

_STYLE = "QFrame#portBanner { background: #f9dedc; } QLabel { color: #410e0b; }"


class PortBanner(QFrame):
    """Shown when the server listens on another port than the one it was asked for.

    `wanted` is the port asked for (None or 0: any port would do, nothing to say);
    `actual` the port it listens on (None: no server at all, said by the join panel).

    Signals: none.
    """

    def __init__(
        self, wanted: int | None, actual: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("portBanner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(_STYLE)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Verbergen"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.moved = bool(wanted) and actual is not None and actual != wanted
        if self.moved:
            self.label.setText(
                self.tr(
                    "Poort {wanted} van deze werkplaats is bezet door een ander programma. De "
                    "telefoons bereiken de laptop nu op poort {actual}: de QR-codes op dit scherm "
                    "werken, maar gedrukte tafelkaarten tonen nog poort {wanted} en werken zo "
                    "niet. Sluit het andere programma en open de werkplaats opnieuw, of druk de "
                    "tafelkaarten opnieuw af."
                ).format(wanted=wanted, actual=actual)
            )
        self.setVisible(self.moved)
