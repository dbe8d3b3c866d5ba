"""Dutch or English interface, through Qt's own translation mechanism.

The interface is written in Dutch (the product is Dutch first), so Dutch needs no
translator for our strings; English comes from resources/translations/facilitator_en.qm,
which tools/translations.py keeps in step with the code. Qt's own texts (standard
buttons, file dialogs) follow the same choice through Qt's qtbase_<language>.qm, so a
Dutch window does not offer "Cancel".

The choice is stored in QSettings under "ui/language". When nothing is stored the
interface is Dutch, whatever the system locale says: the facilitators are Dutch, and a
laptop set up in English should not surprise them on the day.

Beeld > Taal switches the stored choice. The new language applies after a restart:
every panel sets its texts once, when it is built, so retranslating a running window
would mean touching every panel; restarting is what the facilitator is told to do.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QObject,
    QSettings,
    Qt,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from facilitator import resources

log = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"
DEFAULT_LANGUAGE = "nl"
SOURCE_LANGUAGE = "nl"  # the language the strings in the code are written in
LANGUAGES = {"nl": "Nederlands", "en": "English"}  # each named in its own language

_CONTEXT = "LanguageMenu"
_TITLE = QT_TRANSLATE_NOOP("LanguageMenu", "Taal")
_RESTART = QT_TRANSLATE_NOOP(
    "LanguageMenu",
    "Facilitator wordt Nederlands zodra u het programma opnieuw start.")

_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def saved_language() -> str:
    """The stored choice; Dutch when nothing (or something unknown) is stored."""
    value = QSettings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}")
    settings = QSettings()
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def current_language() -> str:
    """The language the running interface was started in."""
    return _current


class _LoadedTranslator(QTranslator):
    """A translator loaded from memory keeps its bytes: Qt reads a .qm in place."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.qm_data = data


def app_translator(language: str) -> QTranslator | None:
    """Our own strings in `language`, or None for the source language (or no .qm)."""
    if language == SOURCE_LANGUAGE:
        return None
    try:
        data = resources.read_bytes("translations", f"facilitator_{language}.qm")
    except OSError:
        log.warning("no translation for %s; the interface stays Dutch", language)
        return None
    translator = _LoadedTranslator(data)
    if not translator.load(data):
        log.warning("facilitator_%s.qm cannot be read; the interface stays Dutch", language)
        return None
    return translator


def qt_translator(language: str) -> QTranslator | None:
    """Qt's own texts in `language`, when Qt ships them."""
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(f"qtbase_{language}", folder) else None


def install_translator(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translators for `language` ("nl" or "en"; None: the stored choice),
    replacing any this module installed before. Returns the language installed. Call it
    before the first window is built: texts are set when widgets are made."""
    global _current
    if language is None:
        language = saved_language()
    if language not in LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}")
    remove_translators(app)
    for translator in (qt_translator(language), app_translator(language)):
        if translator is not None:
            app.installTranslator(translator)
            _installed.append(translator)
    _current = language
    return language


def remove_translators(app: QCoreApplication | None = None) -> None:
    """Back to the source strings (tests; switching languages)."""
    global _current
    app = app or QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
    _current = SOURCE_LANGUAGE


def text_in(language: str, context: str, source: str) -> str:
    """`source` in `language`, whatever language is installed (for telling the user, in
    the language just chosen, what happens next)."""
    translator = app_translator(language)
    if translator is None:
        return source
    return translator.translate(context, source) or source


class LanguageMenu(QObject):
    """Beeld > Taal: Nederlands / English, one checked. Choosing stores the language and
    says it applies after a restart.

    Signals: languageChosen(str) with the language code, after it is stored.
    """

    languageChosen = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.notice: QMessageBox | None = None
        self.menu = QMenu(self.tr("&Taal"), window)
        self.menu.setObjectName("language-menu")
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        chosen = saved_language()
        for code, name in LANGUAGES.items():
            action = QAction(name, self.group)
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == chosen)
            self.menu.addAction(action)
            self.actions[code] = action
        self.group.triggered.connect(self._chosen)

    def choose(self, language: str) -> None:
        """As if the facilitator picked `language` from the menu."""
        self.actions[language].trigger()

    def _chosen(self, action: QAction) -> None:
        language = str(action.data())
        if language == saved_language():
            return
        save_language(language)
        self.languageChosen.emit(language)
        if language != current_language():
            self._tell_restart(language)
        elif self.notice is not None:  # back to the running language: nothing to restart
            self.notice.close()

    def _tell_restart(self, language: str) -> None:
        if self.notice is not None:
            self.notice.close()
        box = QMessageBox(QMessageBox.Icon.Information, text_in(language, _CONTEXT, str(_TITLE)),
                          text_in(language, _CONTEXT, str(_RESTART)),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._notice_gone)
        self.notice = box
        box.open()  # not exec(): the window keeps running behind it

    def _notice_gone(self) -> None:
        self.notice = None
