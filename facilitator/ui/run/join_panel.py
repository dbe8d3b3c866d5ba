"""How phones reach a group: its QR code, the plain URL and code as a fallback, the
network address to use, and how many phones are connected right now.

The panel only reads from the participant server (`join_url`, `connected_count`, both
cheap and thread-safe); the connected count is polled once a second, which is plenty
for a human watching phones join.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import Group
from facilitator.engine.events import WorkshopChanged
from facilitator.ui.qr import QrWidget

if TYPE_CHECKING:
    from facilitator.server import ParticipantServer
    from facilitator.ui.state import WorkshopState

LOOPBACK = "127.0.0.1"
_SETTINGS_KEY = "join/address"


def _plain_label(font_px: int = 0, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if font_px or bold:
        font = QFont(label.font())
        if font_px:
            font.setPixelSize(font_px)
        font.setBold(bold)
        label.setFont(font)
    return label


class JoinPanel(QWidget):
    """The selected group's way in.

    Signals:
        addressChanged(str): the network address phones should use (an IPv4 string).
        cardsWarningChanged(str): what to say about the printed table cards, in full
            ("" when they show the address served; the window's banner shows it).
    """

    addressChanged = Signal(str)
    cardsWarningChanged = Signal(str)

    def __init__(self, server: ParticipantServer | None, list_addresses: Callable[[], list[str]],
                 parent: QWidget | None = None, *, state: WorkshopState | None = None) -> None:
        super().__init__(parent)
        self._server = server
        self._list_addresses = list_addresses
        self._group: Group | None = None
        self._state = state  # where the address on the printed table cards is kept
        self._cards_warning = ""

        self.group_label = _plain_label(20, bold=True)
        self.qr = QrWidget()
        # URL and code under the code, centred, like on the printed table card: the
        # fallback for a phone whose camera will not read the code.
        self.url_label = _plain_label(16)
        self.code_caption = QLabel(self.tr("Code van deze groep:"))
        self.code_caption.setWordWrap(True)
        self.code_label = _plain_label(40, bold=True)
        for label in (self.group_label, self.url_label, self.code_caption, self.code_label):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.phones_label = _plain_label(15)
        # The printed table cards show another address than phones use now: one line
        # here (the QR code needs the height), the whole sentence in the window's banner.
        self.cards_label = _plain_label()
        self.cards_label.setWordWrap(False)
        self.cards_label.setObjectName("cardsWarning")
        self.cards_label.setStyleSheet(
            "QLabel#cardsWarning { background: #f9dedc; color: #410e0b; padding: 6px; }")
        self.cards_label.hide()
        self.status_label = _plain_label()

        self.address_combo = QComboBox()
        self.address_combo.setToolTip(
            self.tr("Het adres van deze laptop op het netwerk van de zaal")
        )
        refresh = QPushButton(self.tr("Vernieuwen"))
        refresh.setToolTip(
            self.tr("Netwerkadressen opnieuw zoeken, bijvoorbeeld na wisselen van wifi")
        )
        refresh.clicked.connect(self.refresh_addresses)
        address_row = QHBoxLayout()
        address_row.addWidget(QLabel(self.tr("Netwerk:")))
        address_row.addWidget(self.address_combo, 1)
        address_row.addWidget(refresh)

        layout = QVBoxLayout(self)
        layout.addWidget(self.group_label)
        layout.addWidget(self.qr)
        layout.addWidget(self.url_label)
        layout.addWidget(self.cards_label)  # right under the address it contradicts
        layout.addSpacing(6)
        layout.addWidget(self.code_caption)
        layout.addWidget(self.code_label)
        layout.addSpacing(12)
        layout.addLayout(address_row)
        layout.addWidget(self.phones_label)
        layout.addWidget(self.status_label)
        layout.addStretch(1)

        self.refresh_addresses()
        self.address_combo.currentTextChanged.connect(self._on_address)

        if state is not None:
            state.applied.connect(self._on_applied)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.update_phone_count)
        self._timer.start()
        self._render()

    # -- public -----------------------------------------------------------------------

    def address(self) -> str:
        return self.address_combo.currentText()

    def base_url(self) -> str:
        """http://ADDRESS:PORT that phones use (for table cards), or "" without a server."""
        if self._server is None or not self.address():
            return ""
        return self._server.event_url(self.address()).rstrip("/")

    def join_url(self) -> str:
        if self._server is None or self._group is None or not self.address():
            return ""
        return self._server.join_url(self._group.code, self.address())

    def fit_short_screen(self) -> None:
        """1366x768 at 125% (614 logical pixels high): the QR code takes the height the
        texts leave, so the URL under it and the code stay in view without scrolling."""
        self.qr.yield_height()
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.setStretchFactor(self.qr, 1)

    def set_group(self, group: Group | None) -> None:
        self._group = group
        self._render()

    def refresh_addresses(self) -> None:
        """List the laptop's LAN addresses, keeping the chosen one if it still exists.
        127.0.0.1 comes last: it only reaches this laptop, handy for a test."""
        found = [a for a in self._list_addresses() if a != LOOPBACK]
        choices = [*found, LOOPBACK]
        wanted = self.address() or str(QSettings().value(_SETTINGS_KEY, "") or "")
        self.address_combo.blockSignals(True)
        self.address_combo.clear()
        self.address_combo.addItems(choices)
        self.address_combo.setCurrentIndex(choices.index(wanted) if wanted in choices else 0)
        self.address_combo.blockSignals(False)
        self._render()
        self.addressChanged.emit(self.address())

    def update_phone_count(self) -> None:
        if self._server is None:
            self.phones_label.setText("")
            return
        total = self._server.connected_count()
        here = self._server.connected_count(self._group.id) if self._group else 0
        self.phones_label.setText(
            self.tr("Verbonden telefoons: {here} in deze groep, {total} in totaal").format(
                here=here, total=total
            )
        )

    def cards_warning(self) -> str:
        """What to say when the table cards were printed with another address than the
        one phones use now ("" when they match, or no cards were printed)."""
        printed = self._state.workshop.cards_url if self._state is not None else ""
        if not printed:
            return ""
        now = self.base_url()
        if not now or printed == now:
            return ""
        text = self.tr(
            "De kaarten tonen een ander adres: {printed}. Telefoons bereiken de laptop nu op "
            "{now}."
        ).format(printed=printed, now=now)
        then, here = urlsplit(printed), urlsplit(now)
        if then.port != here.port:
            return text + " " + self.tr(
                "Druk de tafelkaarten opnieuw af, of maak poort {port} vrij en open de "
                "werkplaats opnieuw."
            ).format(port=then.port)
        return text + " " + self.tr(
            "Kies bij Netwerk het adres van de kaarten als de laptop nog op dat netwerk zit; "
            "anders: druk de tafelkaarten opnieuw af."
        )

    # -- inside -----------------------------------------------------------------------

    def _on_applied(self, events: Sequence[object]) -> None:
        if any(isinstance(event, WorkshopChanged) for event in events):
            self._render()

    def _on_address(self, address: str) -> None:
        QSettings().setValue(_SETTINGS_KEY, address)
        self._render()
        self.addressChanged.emit(address)

    def _render(self) -> None:
        group = self._group
        self.group_label.setText(group.name if group else self.tr("Geen groep gekozen"))
        url = self.join_url()
        self.qr.set_data(url)
        self.url_label.setText(url or "–")
        self.code_label.setText(group.code if group else "–")
        warning = self.cards_warning()
        printed = self._state.workshop.cards_url if self._state is not None else ""
        self.cards_label.setText(
            self.tr("Let op, de kaarten tonen {printed}").format(
                printed=printed.removeprefix("http://")) if warning else "")
        self.cards_label.setToolTip(warning)
        self.cards_label.setVisible(bool(warning))
        if warning != self._cards_warning:
            self._cards_warning = warning
            self.cardsWarningChanged.emit(warning)
        if self._server is None:
            self.status_label.setText(
                self.tr("De deelnemersserver draait niet: telefoons kunnen nu niet meedoen.")
            )
        elif self.address() == LOOPBACK:
            self.status_label.setText(
                self.tr("127.0.0.1 werkt alleen op deze laptop. Kies het adres van het "
                        "wifi-netwerk van de zaal.")
            )
        else:
            self.status_label.setText("")
        self.update_phone_count()
