"""The banner above the wall that says at once when work is not being saved, and what to
do about it; and the safe way to copy the workshop (File > Save a copy, "copy to a USB
stick" after a round).

The engine finds the disk full, read-only or failing on its writer thread and tells its
health watchers; this widget re-emits that on the GUI thread and shows it until the
engine reports the fault gone (it retries by itself, so the banner goes without a
restart). Failed backups show here too, not only in the log. A file that was copied
while open without its WAL says so here when it is opened.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from facilitator.domain.model import Phase
from facilitator.engine import Engine, Event, PhaseChanged
from facilitator.engine.health import StorageHealth
from facilitator.store import Reader
from facilitator.ui.failures import reason

_FAULT_STYLE = "QFrame#storageBanner { background: #b3261e; } QLabel { color: white; }"
_WARN_STYLE = "QFrame#storageBanner { background: #f9dedc; } QLabel { color: #410e0b; }"
_INFO_STYLE = "QFrame#storageBanner { background: #e3f2e1; } QLabel { color: #0b2e13; }"


class _HealthRelay(QObject):
    """Carries the engine's health from its writer thread to the GUI thread.

    Signals:
        healthChanged(object): the new StorageHealth.
    """

    healthChanged = Signal(object)


class StorageBanner(QFrame):
    """A coloured strip with one message and, where it helps, one button.

    Signals:
        copyRequested(): the user asked for a safe copy (the button after a round).
    """

    copyRequested = Signal()

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storageBanner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("Kopie op USB-stick…"))
        self.copy_button.clicked.connect(self.copyRequested.emit)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Verbergen"))
        self.close_button.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.copy_button)
        layout.addWidget(self.close_button)
        self._health = StorageHealth()
        self._notice = ""  # a warning about the opened file itself
        self._reminder = False
        self._relay = _HealthRelay(self)
        self._relay.healthChanged.connect(self.show_health, Qt.ConnectionType.QueuedConnection)
        self._engine = engine
        self._watcher = self._relay.healthChanged.emit  # called on the writer thread
        health = engine.watch_health(self._watcher)
        if engine.opened_without_wal:
            self._notice = self.tr(
                "Dit bestand is gekopieerd terwijl het open was, zonder het -wal-bestand "
                "ernaast: de nieuwste notities kunnen ontbreken. Open het origineel of een "
                "reservekopie als u die hebt. Een kopie maakt u veilig met Bestand > Kopie "
                "opslaan."
            )
        self.show_health(health)

    def detach(self) -> None:
        """Stop listening to the engine (the window closes before the engine stops)."""
        self._engine.unwatch_health(self._watcher)

    # -- what to show -----------------------------------------------------------------

    def show_health(self, health: StorageHealth) -> None:
        self._health = health
        self._render()

    def note_events(self, events: Sequence[Event]) -> None:
        """A round closed for a group: remind the facilitator to copy the work away."""
        if any(isinstance(e, PhaseChanged) and e.phase is Phase.CLOSED for e in events):
            self._reminder = True
            self._render()

    def _render(self) -> None:
        health = self._health
        button = False
        if not health.ok:
            text, style = self._fault_text(health), _FAULT_STYLE
        elif health.backup_error:
            text = self.tr(
                "De automatische reservekopie is mislukt ({why}). Notities worden wel "
                "opgeslagen. Maak ruimte vrij op de schijf; dit bericht verdwijnt na de "
                "volgende geslaagde reservekopie."
            ).format(why=health.backup_error)
            style = _WARN_STYLE
        elif self._notice:
            text, style = self._notice, _WARN_STYLE
        elif self._reminder:
            text = self.tr(
                "Ronde afgesloten. Zet nu een kopie op een USB-stick: als deze laptop "
                "uitvalt, is het werk dan niet verloren. (Het open bestand zelf kopiëren "
                "is geen reservekopie: de nieuwste notities staan nog in het -wal-bestand.)"
            )
            style, button = _INFO_STYLE, True
        else:
            self.hide()
            return
        self.setStyleSheet(style)
        self.label.setText(text)
        self.copy_button.setVisible(button)
        self.close_button.setVisible(health.ok)  # a fault stays until it is gone
        self.show()

    def _fault_text(self, health: StorageHealth) -> str:
        what = {
            "full": self.tr(
                "De schijf is vol: nieuwe notities worden NIET opgeslagen. Maak nu ruimte "
                "vrij (verwijder grote bestanden, leeg de prullenbak)."
            ),
            "read_only": self.tr(
                "Het werkbestand kan niet meer worden beschreven (alleen-lezen): nieuwe "
                "notities worden NIET opgeslagen. Controleer of de schijf of USB-stick nog "
                "aangesloten is en schrijfrechten heeft."
            ),
        }.get(
            health.reason,
            self.tr(
                "De schijf geeft fouten bij het opslaan: nieuwe notities worden NIET "
                "opgeslagen. Controleer de schijf of USB-stick."
            ),
        )
        return (
            what
            + " "
            + self.tr(
                "Of zet met Bestand > Kopie opslaan het werk op een USB-stick of een andere "
                "schijf en open het daar. "
                "De telefoons bewaren hun notities en sturen ze opnieuw; dit bericht verdwijnt "
                "vanzelf zodra opslaan weer lukt."
            )
        )

    def _dismiss(self) -> None:
        self._reminder = False
        self._notice = ""
        if self._health.backup_error:
            self._health = StorageHealth(self._health.reason, self._health.detail, "")
        self._render()


def usb_folder() -> Path:
    """Where a USB stick is mounted, if one is (else the home folder)."""
    user = os.environ.get("USER", "")
    for root in (Path("/media") / user, Path("/run/media") / user, Path("/Volumes")):
        try:
            sticks = sorted(p for p in root.iterdir() if p.is_dir())
        except OSError:
            continue
        sticks = [p for p in sticks if p.name != "Macintosh HD"]
        if sticks:
            return sticks[0]
    return Path.home()


def save_copy_dialog(parent: QWidget, store: Reader) -> Path | None:
    """File > Save a copy: a complete copy through SQLite's backup API, never a file copy
    of the open workshop (its newest notes are in the WAL beside it)."""
    suggested = usb_folder() / store.path.name
    name, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Kopie van de werkplaats opslaan"),
        str(suggested),
        parent.tr("Werkplaats (*.workshop)"),
    )
    if not name:
        return None
    target = Path(name)
    if target.suffix != ".workshop":
        target = target.with_name(target.name + ".workshop")
    if target.resolve() == store.path.resolve():
        return None  # the open file itself: nothing to copy
    try:
        notes = store.save_copy(target)
    except Exception as exc:  # a full or pulled stick: say so, keep working
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            parent.windowTitle(),
            parent.tr("De kopie is niet gelukt: {why}.").format(why=reason(store, exc)),
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        parent.windowTitle(),
        parent.tr("Kopie opgeslagen: {path} ({n} notities, gecontroleerd).").format(
            path=target, n=notes
        ),
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
    return target
