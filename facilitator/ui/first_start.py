"""What a facilitator should hear once, the first time the app starts on this computer.

On Windows the participant server's first listen makes Windows Defender Firewall ask
whether Facilitator may communicate on networks. A facilitator who clicks it away (or
allows only public networks while the venue Wi-Fi counts as private, or the reverse)
finds out only when no phone can reach the laptop. So before the server starts, the app
says once what is coming and what to answer. Other systems do not ask at that moment
(macOS asks about the local network later and says why, from Info.plist), so the note is
shown on Windows only; `platform` is a parameter so tests can fake it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from facilitator import identity

SHOWN_KEY = "first_start/firewall_explained"


def _tr(text: str) -> str:
    return QCoreApplication.translate("first_start", text)


def firewall_text() -> str:
    return _tr(
        "Windows vraagt zo meteen of {name} mag communiceren op netwerken.\n\n"
        "Vink Particuliere netwerken én Openbare netwerken aan (de wifi van een hotel of "
        "congrescentrum geldt meestal als openbaar) en kies Toegang toestaan. Telefoons "
        "in de zaal openen de pagina van de werksessie op deze laptop; zonder toestemming "
        "komt geen enkele telefoon binnen.\n\n"
        "Per ongeluk geweigerd? Zet {name} aan bij Windows-beveiliging > Firewall- en "
        "netwerkbeveiliging > Een app toestaan via de firewall, en gebruik daarna de "
        "netwerkcontrole (Ctrl+T)."
    ).format(name=identity.NAME)


def explain_firewall(
    parent: QWidget | None = None,
    *,
    platform: str = sys.platform,
    interactive: bool | None = None,
    show: Callable[[QMessageBox], object] = QMessageBox.exec,
) -> bool:
    """Once per computer and user, on Windows: say what the firewall question is about.
    Returns whether the note was shown. Not on the offscreen platform (`interactive`
    None: decided by the platform), where nobody could see or close it: a test run or
    the bundle's smoke test would wait on it forever."""
    if interactive is None:
        interactive = QGuiApplication.platformName() != "offscreen"
    settings = QSettings()
    if platform != "win32" or not interactive or settings.value(SHOWN_KEY, False, type=bool):
        return False
    box = QMessageBox(
        QMessageBox.Icon.Information,
        identity.NAME,
        firewall_text(),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(_tr("{name}: de vraag van de firewall").format(name=identity.NAME))
    show(box)
    settings.setValue(SHOWN_KEY, True)
    settings.sync()
    return True
