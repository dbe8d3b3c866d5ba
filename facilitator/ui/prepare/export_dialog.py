"""File > Verslag exporteren…: the Word report, CSV, JSON or table cards, with the
choices organisers care about (language, names, hidden notes, how complete, their own
house style) and a progress bar.

Rendering runs on the global QThreadPool with its own read-only Store (a Store belongs
to one thread); render's progress callback crosses back to the GUI thread as a queued
signal. The file is written beside the target and renamed, so an open Word file or a
full disk never leaves half a report under the real name.

The work itself is facilitator.ui.prepare.export_task.ExportTask. Once a file is
written, "Bestand openen" and "Map openen" hand it (or its folder) to the system
(QDesktopServices), so the facilitator does not go looking for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.report.options import FULL, SEPARATE, SHORT, ReportOptions
from facilitator.ui.prepare.common import error_label, plain_label, show_error
from facilitator.ui.prepare.export_task import ExportTask

FOLDER_KEY = "export/folder"
STYLE_KEY = "export/style"  # the house style document last used
# format -> (file name ending, file dialog filter)
ENDINGS = {"docx": "-verslag.docx", "csv": ".csv", "json": ".json",
           "cards": "-tafelkaarten.docx"}


class ExportDialog(QDialog):
    """Choose what to export and where; the dialog stays open to show the outcome.

    `printed_url` gives the address on the table cards printed last ("" = none), so the
    dialog can warn that new cards show another one.

    Signals:
        cardsPrinted(str): table cards were written with this http://ADDRESS:PORT.
    """

    cardsPrinted = Signal(str)

    def __init__(self, workshop_path: Path, base_url: str = "",
                 parent: QWidget | None = None, *,
                 printed_url: Callable[[], str] | None = None) -> None:
        super().__init__(parent)
        self._printed_url = printed_url or (lambda: "")
        self._cards_url = ""  # the address of the cards being written, if cards
        self.setWindowTitle(self.tr("Verslag exporteren"))
        self.workshop_path = Path(workshop_path)
        self.task: ExportTask | None = None
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("Word-verslag (.docx)"), "docx")
        self.format_combo.addItem(self.tr("CSV voor Excel (.csv)"), "csv")
        self.format_combo.addItem(self.tr("JSON voor het archief (.json)"), "json")
        self.format_combo.addItem(self.tr("Tafelkaarten om te printen (.docx)"), "cards")
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("Nederlands"), "nl")
        self.language_combo.addItem(self.tr("English"), "en")
        self.names_check = QCheckBox(self.tr("namen opnemen"))
        self.names_check.setToolTip(self.tr("Standaard anoniem: deelnemers spreken vrijer "
                                            "als het verslag hen niet citeert."))
        self.hidden_check = QCheckBox(self.tr("verborgen notities apart vermelden"))
        self.themes_check = QCheckBox(self.tr("thema's over alle tafels toevoegen"))
        self.themes_check.setToolTip(self.tr("Per ronde de thema's die meerdere tafels vonden, "
                                             "uit de clusters die de tafels zelf maakten."))
        self.notes_combo = QComboBox()
        self.notes_combo.addItem(self.tr("kort: per tafel de sterkste notities"), SHORT)
        self.notes_combo.addItem(self.tr("volledig: alle notities in een bijlage"), FULL)
        self.notes_combo.addItem(self.tr("kort, met alle notities in een apart bestand"),
                                 SEPARATE)
        self.style_edit = QLineEdit(str(QSettings().value(STYLE_KEY, "") or ""))
        self.style_edit.setPlaceholderText(self.tr("standaardopmaak"))
        self.style_edit.setToolTip(self.tr("Een Word-document van uw organisatie: het "
                                           "verslag neemt de lettertypen, kleuren en koppen "
                                           "daarvan over."))
        style_browse = QPushButton(self.tr("Kiezen…"))
        style_browse.clicked.connect(self._browse_style)
        style_row = QHBoxLayout()
        style_row.addWidget(self.style_edit, 1)
        style_row.addWidget(style_browse)
        self.url_edit = QLineEdit(base_url)
        self.url_edit.setPlaceholderText("http://192.168.1.20:8321")
        self.url_edit.setToolTip(self.tr("Waar telefoons de laptop bereiken: het adres uit "
                                         "het paneel 'Meedoen met je telefoon'."))
        self.url_warning = error_label()  # the cards on the tables show another address
        self.url_edit.textChanged.connect(self.refresh_url_warning)
        self.path_edit = QLineEdit()
        browse = QPushButton(self.tr("Bladeren…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()  # until an export runs
        self.status = plain_label()
        self.status.setMinimumWidth(480)
        self.exported: Path | None = None  # the file last written, for the buttons below
        self.open_file_button = QPushButton(self.tr("Bestand &openen"))
        self.open_file_button.setToolTip(self.tr("Opent het bestand in Word, LibreOffice of "
                                                 "het programma dat de laptop ervoor kiest."))
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button = QPushButton(self.tr("&Map openen"))
        self.open_folder_button.setToolTip(self.tr("Opent de map waarin het bestand staat."))
        self.open_folder_button.clicked.connect(self.open_folder)
        opened_row = QHBoxLayout()
        opened_row.addWidget(self.open_file_button)
        opened_row.addWidget(self.open_folder_button)
        opened_row.addStretch(1)
        self.open_file_button.hide()  # until a file is written
        self.open_folder_button.hide()

        form = QFormLayout()
        form.addRow(self.tr("Soort:"), self.format_combo)
        form.addRow(self.tr("Taal:"), self.language_combo)
        form.addRow("", self.names_check)
        form.addRow("", self.hidden_check)
        form.addRow("", self.themes_check)
        form.addRow(self.tr("Notities:"), self.notes_combo)
        form.addRow(self.tr("Huisstijl:"), style_row)
        form.addRow(self.tr("Adres voor telefoons:"), self.url_edit)
        form.addRow("", self.url_warning)
        form.addRow(self.tr("Opslaan als:"), path_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sluiten"))
        self.export_button = self.buttons.addButton(self.tr("Exporteren"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.close)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.export_button.setDefault(True)  # Enter does this, nothing else
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(opened_row)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.format_combo.currentIndexChanged.connect(self._on_format)
        self._on_format()
        self.resize(820, self.sizeHint().height())

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def options(self) -> ReportOptions:
        """The choices as they stand; raises OSError when the house style cannot be read."""
        style_path = self.style_edit.text().strip()
        style = Path(style_path).read_bytes() if style_path and self.fmt() == "docx" else None
        return ReportOptions(language=self.language_combo.currentData(),
                             include_names=self.names_check.isChecked(),
                             include_hidden=self.hidden_check.isChecked(),
                             base_url=self.url_edit.text().strip().rstrip("/"),
                             room_themes=self.themes_check.isChecked(),
                             notes=str(self.notes_combo.currentData()),
                             style=style)

    def _browse_style(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Huisstijl kiezen"),
                                              self.style_edit.text(), "*.docx")
        if name:
            self.style_edit.setText(name)

    def _on_format(self) -> None:
        cards = self.fmt() == "cards"
        self.url_edit.setEnabled(cards)
        for check in (self.names_check, self.hidden_check):
            check.setEnabled(not cards)  # a table card prints no notes
        self.themes_check.setEnabled(self.fmt() == "docx")  # a part of the verslag only
        for word_only in (self.notes_combo, self.style_edit):
            word_only.setEnabled(self.fmt() == "docx")
        folder = str(QSettings().value(FOLDER_KEY, "") or Path.home())
        current = self.path_edit.text().strip()
        if current:
            folder = str(Path(current).parent)
        self.path_edit.setText(str(Path(folder) / (self.workshop_path.stem + ENDINGS[self.fmt()])))
        self.refresh_url_warning()

    def refresh_url_warning(self) -> None:
        """Cards printed before show another address than these would: say so, since
        the old cards on the tables then lead phones nowhere."""
        printed = self._printed_url()
        new = self.url_edit.text().strip().rstrip("/")
        text = ""
        if self.fmt() == "cards" and printed and new and printed != new:
            text = self.tr("De kaarten tonen een ander adres: de vorige tafelkaarten tonen "
                           "{printed}, deze krijgen {new}. Vervang dan de kaarten op alle "
                           "tafels.").format(printed=printed, new=new)
        show_error(self.url_warning, text)
        if text:  # room for the warning: the dialog was sized without it
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _browse(self) -> None:
        suffix = Path(ENDINGS[self.fmt()]).suffix
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Exporteren naar"),
                                              self.path_edit.text(), f"*{suffix}")
        if name:
            self.path_edit.setText(name)

    def target(self) -> Path:
        path = Path(self.path_edit.text().strip())
        suffix = Path(ENDINGS[self.fmt()]).suffix
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def start(self) -> ExportTask | None:
        """Start the export chosen; None when something is missing (said in the dialog)."""
        if self.task is not None:
            return None  # one at a time
        if not self.path_edit.text().strip():
            self.status.setText(self.tr("Kies waar het bestand moet komen."))
            return None
        try:
            options = self.options()
        except OSError as exc:
            self.status.setText(self.tr("De huisstijl is niet te lezen: {why}").format(
                why=exc.strerror or str(exc)))
            return None
        if options.style is not None:
            QSettings().setValue(STYLE_KEY, self.style_edit.text().strip())
        if self.fmt() == "cards" and not options.base_url:
            self.status.setText(self.tr("Tafelkaarten hebben het adres voor telefoons nodig."))
            return None
        target = self.target()
        QSettings().setValue(FOLDER_KEY, str(target.parent))
        self._cards_url = options.base_url if self.fmt() == "cards" else ""
        self.task = ExportTask(self.workshop_path, target, self.fmt(), options)
        self.task.progressed.connect(self._on_progress)
        self.task.finished.connect(self._on_finished)
        self.task.failed.connect(self._on_failed)
        self._show_opened(None)  # the buttons are for the file this export writes
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.progress.show()
        self.status.setText(self.tr("Bezig met exporteren…"))
        self.export_button.setEnabled(False)
        self.task.start()
        return self.task

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_finished(self, path: str) -> None:
        self.task = None
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(self.tr("Opgeslagen: {path}").format(path=path))
        self.export_button.setEnabled(True)
        self._show_opened(Path(path))
        self.open_file_button.setFocus()  # Enter or Space opens what was just made
        if self._cards_url:
            self.cardsPrinted.emit(self._cards_url)  # kept in the workshop (RecordCards)
            self.url_warning.hide()  # the cards just written are the ones that count now
        window = self.parent()
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Opgeslagen: {path}").format(path=path), 8000)

    def _on_failed(self, why: str) -> None:
        self.task = None
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()  # until an export runs
        self.status.setText(self.tr("Het bestand kon niet worden opgeslagen: {why}.")
                            .format(why=why))
        self.export_button.setEnabled(True)

    # -- after the export ---------------------------------------------------------------

    def _show_opened(self, path: Path | None) -> None:
        self.exported = path
        for button in (self.open_file_button, self.open_folder_button):
            button.setVisible(path is not None)

    def open_file(self) -> bool:
        """The file just written, in the program the system chooses for it."""
        return self.exported is not None and self._open(self.exported)

    def open_folder(self) -> bool:
        """The folder the file was written to, in the system's file manager."""
        return self.exported is not None and self._open(self.exported.parent)

    def _open(self, path: Path) -> bool:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        self.status.setText(self.tr("Dit kon niet worden geopend; het staat hier: {path}")
                            .format(path=path))
        return False
