"""What every projector view shares: what to show (Context), high-contrast colours, and
labels whose type grows with the window height, and the language the room reads.

Why scale by height: the same view must read from the back of a hall on a 1080p beamer
and still fit a small test window; a size as a fraction of the height does both. All
user text (questions, notes, group names) goes into labels set to plain text, or is
drawn with QPainter.drawText, which never parses markup.

Why the views translate by themselves: the room reads the workshop's language
(Workshop.language), while the laptop's interface may be in another; Qt's installed
translator serves the interface. So every view's `tr` is `Spoken.tr`, which looks the
text up in the workshop language's own translator (the same .qm the interface uses, so
tools/translations.py still finds and checks every string), and the views re-set their
texts on every refresh, so a changed workshop language shows at once.

No signals.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from facilitator.domain.model import Group, Round
from facilitator.ui.i18n import LANGUAGES, SOURCE_LANGUAGE, app_translator
from facilitator.ui.state import WorkshopState

if TYPE_CHECKING:
    from facilitator.server import ParticipantServer

INK = QColor("#111111")
MUTED = QColor("#4a4a4a")  # still 9:1 on white
PAPER = QColor("#ffffff")
NOTE = QColor("#fff3a0")
ACCENT = QColor("#1c5fb8")
ENDED_BG = QColor("#fff1cc")  # "Tijd is om": a soft amber, not an alarm
ENDED_INK = QColor("#7a4a00")
FONT_FAMILY = "DejaVu Sans"


@functools.cache
def _translator(language: str) -> QTranslator | None:
    """One translator per language, loaded once (the projector translates on every
    refresh); never installed, so the interface's language is untouched."""
    return app_translator(language)


def speak(language: str, contexts: str | tuple[str, ...], source: str) -> str:
    """`source` (Dutch, as written in the code) in `language`, looked up under the first
    of `contexts` that has it; Dutch for a language the app has no translation for."""
    if language == SOURCE_LANGUAGE or language not in LANGUAGES:
        return source
    translator = _translator(language)
    if translator is None:
        return source
    for context in (contexts,) if isinstance(contexts, str) else contexts:
        translated = translator.translate(context, source)
        if translated:
            return translated
    return source


@dataclass
class Context:
    """Where the projector reads from: the pinned table (None: the whole room) and the
    round the phones are in; both set by ProjectorWindow, never by the laptop's
    selection."""

    state: WorkshopState
    server: ParticipantServer | None  # None when phones cannot join
    address: Callable[[], str]
    group_id: int | None = None
    round_id: int | None = None

    def group(self) -> Group | None:
        return self.state.group(self.group_id) if self.group_id is not None else None

    def round(self) -> Round | None:
        return self.state.round(self.round_id) if self.round_id is not None else None

    def language(self) -> str:
        """The workshop's language: what the room reads, whatever the laptop's is."""
        return self.state.workshop.language

    def event_url(self) -> str:
        if self.server is None or not self.address():
            return ""
        return self.server.event_url(self.address())


def short_url(url: str) -> str:
    """What people type: without http:// and the trailing slash (browsers add both)."""
    for prefix in ("http://", "https://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    return url.rstrip("/")


def elide(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def projector_font(px: float, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(8, int(px)))
    font.setBold(bold)
    return font


def white_palette(widget: QWidget) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, PAPER)
    palette.setColor(QPalette.ColorRole.WindowText, INK)
    palette.setColor(QPalette.ColorRole.Base, PAPER)
    palette.setColor(QPalette.ColorRole.Text, INK)
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


class Spoken:
    """Mixin: `self.tr` speaks the workshop's language (see the module docstring). The
    contexts are the class names along the MRO, as PySide's own `tr` looks them up (a
    string in a base class's method is filed under that base by lupdate)."""

    context: Context

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        names = tuple(cls.__name__ for cls in type(self).__mro__)
        return speak(self.context.language(), names, source)


class ScaledView(Spoken, QWidget):
    """A view whose labels' type is a fraction of its height. No signals."""

    name = ""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._scaled: list[tuple[QLabel, float, bool]] = []
        white_palette(self)

    def label(
        self,
        fraction: float,
        bold: bool = False,
        colour: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        label.setPalette(palette)
        self._scaled.append((label, fraction, bold))
        label.setFont(projector_font(fraction * max(self.height(), 480), bold))
        return label

    def px(self, fraction: float) -> int:
        return max(8, int(fraction * self.height()))

    def forget(self, label: QLabel) -> None:
        """Stop scaling a label that is about to go (a table's code when tables change)."""
        self._scaled = [entry for entry in self._scaled if entry[0] is not label]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.rescale()

    def rescale(self) -> None:
        """Every label's type from the current height."""
        if self.height() <= 0:
            return
        for label, fraction, bold in self._scaled:
            label.setFont(projector_font(self.px(fraction), bold))
        margin = self.px(0.035)
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(margin, margin, margin, margin)
            layout.setSpacing(self.px(0.018))

    def refresh(self) -> None:
        """Re-read what this view shows from the context; cheap, called per event batch."""
        raise NotImplementedError

    def shown_texts(self) -> list[str]:
        """Every text the audience can read in this view (tests check for leaks)."""
        return [label.text() for label, _f, _b in self._scaled if label.isVisibleTo(self)]
