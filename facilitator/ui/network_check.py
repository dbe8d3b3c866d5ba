"""The network check before the session: a test QR code whose page reports back, so the
facilitator sees "a phone reached the laptop" before 180 directors try; plus plain
warnings when the chosen address cannot work and what to do about it.

It reads only cheap thread-safe things from the server (its probe board) on a timer.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.ui.network import is_loopback, is_private
from facilitator.ui.qr import QrWidget

if TYPE_CHECKING:
    from facilitator.server import ParticipantServer

GIVE_UP_S = 60.0  # after a minute without a hit, explain what usually blocks phones


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class NetworkCheck(QWidget):
    """Test whether phones reach the laptop on the chosen address.

    Signals:
        phoneReached(str): a test page reported back; the argument is the phone's address.
    """

    phoneReached = Signal(str)

    def __init__(self, server: ParticipantServer | None, address: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._server = server
        self._address = address
        self._nonce = ""
        self._started = 0.0

        self.intro = _label(self.tr(
            "Scan deze testcode met een telefoon die op hetzelfde wifi-netwerk zit als "
            "de deelnemers. Lukt het, dan ziet u het hieronder."))
        self.test_button = QPushButton(self.tr("Verbinding testen"))
        self.test_button.clicked.connect(self.start_test)
        self.qr = QrWidget()
        self.qr.setVisible(False)
        self.url_label = _label()
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label = _label()
        self.warning_label = _label()
        self.warning_label.setStyleSheet("color: #8a4b00;")
        self.advice_label = _label(self.tr(
            "Bereiken telefoons de laptop niet? Gastnetwerken houden apparaten vaak van "
            "elkaar gescheiden (client isolation). Gebruik dan een eigen reisrouter of de "
            "hotspot van een telefoon, verbind de laptop en de telefoons daarmee en kies "
            "hierboven het nieuwe adres. Een firewall op de laptop moet de poort van "
            "Facilitator toelaten."))
        self.advice_label.setVisible(False)

        layout = QVBoxLayout(self)
        for widget in (self.intro, self.test_button, self.qr, self.url_label,
                       self.result_label, self.warning_label, self.advice_label):
            layout.addWidget(widget)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._poll)
        self.set_address(address)

    # -- public -----------------------------------------------------------------------

    def set_address(self, address: str) -> None:
        self._address = address
        self.warning_label.setText(self.address_warning(address))
        if self._nonce:
            self.start_test()  # a test for the old address proves nothing for the new one

    def address_warning(self, address: str) -> str:
        if self._server is None:
            return self.tr("De deelnemersserver draait niet.")
        if not address:
            return self.tr("Deze laptop is met geen enkel netwerk verbonden. Verbind hem "
                           "met het wifi-netwerk van de zaal of met een reisrouter.")
        if is_loopback(address):
            return self.tr("127.0.0.1 werkt alleen op deze laptop zelf, niet op telefoons.")
        if not is_private(address):
            return self.tr("{address} is geen adres van een lokaal netwerk. Telefoons in de "
                           "zaal bereiken het waarschijnlijk niet; kies het adres van het "
                           "wifi-netwerk.").format(address=address)
        return ""

    def start_test(self) -> None:
        if self._server is None or not self._address:
            self.result_label.setText(self.address_warning(self._address))
            return
        self._nonce = self._server.probes.new()
        url = self._server.probe_url(self._nonce, self._address)
        self.qr.set_data(url)
        self.qr.setVisible(True)
        self.url_label.setText(url)
        self.result_label.setText(self.tr("Wachten op een telefoon…"))
        self.advice_label.setVisible(False)
        self._started = time.monotonic()
        self._timer.start()

    def probe_url(self) -> str:
        return self.url_label.text()

    # -- inside -----------------------------------------------------------------------

    def _poll(self) -> None:
        hit = self._server.probes.hit(self._nonce) if self._server and self._nonce else None
        if hit is not None:
            self._timer.stop()
            when = time.strftime("%H:%M:%S", time.localtime(hit.at))
            self.result_label.setText(self.tr(
                "Gelukt: een telefoon ({address}) bereikte de laptop om {when}.").format(
                    address=hit.address, when=when))
            self.result_label.setStyleSheet("color: #0a6b2e; font-weight: bold;")
            self.advice_label.setVisible(False)
            self.phoneReached.emit(hit.address)
        elif time.monotonic() - self._started > GIVE_UP_S:
            self.result_label.setText(self.tr("Nog geen telefoon bereikte de laptop."))
            self.result_label.setStyleSheet("")
            self.advice_label.setVisible(True)
