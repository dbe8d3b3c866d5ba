"""Starting another workshop file: from a built-in template (the organisatienetwerk day),
from a template file saved earlier (File > Opslaan als sjabloon…), or empty with one
group and one round.

The dialog only writes the new file; the caller switches the session to it.

Signals (NewWorkshopDialog):
    created(str): the path of the workshop file just written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import templates
from facilitator.domain.methods import METHODS
from facilitator.domain.model import Method, Workshop
from facilitator.store import GroupSpec, RoundSpec, Store, WorkshopSpec
from facilitator.ui.failures import reason
from facilitator.ui.prepare.common import error_label, plain_label, show_error

FOLDER_KEY = "prepare/folder"


def _tr(text: str) -> str:
    return QCoreApplication.translate("prepare", text)


def empty_spec() -> WorkshopSpec:
    """The smallest workshop that runs: one group, one round, Dutch defaults."""
    method = Method.BRAINSTORM
    return WorkshopSpec(
        workshop=Workshop(title=_tr("Nieuwe werkplaats"), language="nl"),
        groups=(GroupSpec(_tr("Tafel 1")),),
        rounds=(RoundSpec(question=_tr("Wat wilt u vandaag met elkaar bespreken?"),
                          method=method, duration_s=METHODS[method].minutes * 60),),
    )


def default_folder() -> Path:
    saved = QSettings().value(FOLDER_KEY, "")
    if saved:
        return Path(str(saved))
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs or Path.home())


def free_name(folder: Path, stem: str) -> Path:
    """stem.workshop in folder, or stem-2.workshop, ... : a name not taken yet."""
    candidate, n = folder / f"{stem}.workshop", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}.workshop"
    return candidate


def remember_folder(path: Path) -> None:
    QSettings().setValue(FOLDER_KEY, str(Path(path).parent))


class NewWorkshopDialog(QDialog):
    """Where the new workshop starts from, and where its file goes."""

    created = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nieuwe werkplaats"))
        self.template_radio = QRadioButton(self.tr("Vanuit een sjabloon:"))
        self.file_radio = QRadioButton(self.tr("Vanuit een opgeslagen sjabloonbestand:"))
        self.empty_radio = QRadioButton(self.tr("Leeg (één groep, één ronde)"))
        self.template_radio.setChecked(True)
        choices = QButtonGroup(self)
        for radio in (self.template_radio, self.file_radio, self.empty_radio):
            choices.addButton(radio)
        self.template_combo = QComboBox()
        self.template_combo.addItems(templates.available())
        index = self.template_combo.findText(templates.DEFAULT_TEMPLATE)
        self.template_combo.setCurrentIndex(max(0, index))
        self.template_file_edit = QLineEdit()
        self.template_file_edit.setPlaceholderText(self.tr("een .json-bestand"))
        self.template_file_edit.textEdited.connect(lambda: self.file_radio.setChecked(True))
        browse_template = QPushButton(self.tr("Kiezen…"))
        browse_template.clicked.connect(self._browse_template)
        self.path_edit = QLineEdit(str(free_name(default_folder(), self.tr("werkplaats"))))
        browse_path = QPushButton(self.tr("Bladeren…"))
        browse_path.clicked.connect(self._browse_path)
        self.error = error_label()

        grid = QGridLayout()
        grid.addWidget(self.template_radio, 0, 0)
        grid.addWidget(self.template_combo, 0, 1, 1, 2)
        grid.addWidget(self.file_radio, 1, 0)
        grid.addWidget(self.template_file_edit, 1, 1)
        grid.addWidget(browse_template, 1, 2)
        grid.addWidget(self.empty_radio, 2, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse_path)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.create_button = self.buttons.addButton(self.tr("Maken"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.create_workshop)
        self.buttons.rejected.connect(self.reject)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.create_button.setDefault(True)  # Enter does this, nothing else
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(plain_label(self.tr("Bestand van de nieuwe werkplaats:")))
        layout.addLayout(path_row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())

    def spec(self) -> WorkshopSpec:
        if self.empty_radio.isChecked():
            return empty_spec()
        if self.file_radio.isChecked():
            name = self.template_file_edit.text().strip()
            if not name.endswith(".json") or not Path(name).is_file():
                raise ValueError(self.tr("Kies een sjabloonbestand (.json) dat bestaat."))
            return templates.load(name)
        return templates.load(self.template_combo.currentText())

    def create_workshop(self) -> None:
        """Write the new file; on success emit `created` and close."""
        text = self.path_edit.text().strip()
        if not text:
            show_error(self.error, self.tr("Geef de nieuwe werkplaats een bestandsnaam."))
            return
        path = Path(text)
        if path.suffix != ".workshop":
            path = path.with_name(path.name + ".workshop")
        if path.exists():
            show_error(self.error, self.tr("Er is al een bestand {name}; kies een andere naam.")
                       .format(name=path))
            return
        try:
            spec = self.spec()
            path.parent.mkdir(parents=True, exist_ok=True)
            Store.create(path, spec).close()
        except (OSError, ValueError, KeyError) as exc:
            why = (reason(self, exc) if isinstance(exc, OSError)
                   else self.tr("het sjabloon is niet te lezen"))  # a damaged template file
            show_error(self.error, self.tr("De werkplaats kon niet worden gemaakt: {why}.")
                       .format(why=why))
            return
        remember_folder(path)
        self.accept()
        self.created.emit(str(path))

    def _browse_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Sjabloon kiezen"),
                                              str(default_folder()),
                                              self.tr("Sjabloon (*.json)"))
        if name:
            self.template_file_edit.setText(name)
            self.file_radio.setChecked(True)

    def _browse_path(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Nieuwe werkplaats opslaan"),
                                              self.path_edit.text(),
                                              self.tr("Werkplaats (*.workshop)"))
        if name:
            self.path_edit.setText(name)
