"""What failed, in the facilitator's words, and for how long it is worth saying.

The engine refuses a command with an exception whose message is written for clients and
logs ("the round is in phase 'prepare', not collect"), and whose class and command are
internal names (`UpdateRound`, `RuleViolation`). Neither belongs in the window: a tired
facilitator reads "De ronde kon niet worden opgeslagen: de vraag is leeg." So this
module turns (command, error) into one sentence in the interface language: what could
not be done (from the command) and why (from the error's stable `code`, the storage
fault's `reason`, or an OSError's errno). Anything unforeseen says "een onverwachte
fout" and goes to the log with its traceback, never to the screen.

A message is about something (a round, a table, the wall in view, the event): its
*subject*. `FailureNotice` shows the message in the status bar and takes it away when
its subject leaves the view or a later change shows the problem was dealt with, so a
message never outlives what it was about.

Signals: none.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QStatusBar

from facilitator.domain.rules import RuleViolation
from facilitator.domain.text import InvalidText
from facilitator.engine import Command, Event
from facilitator.engine import commands as c
from facilitator.engine import events as e
from facilitator.engine.errors import NotFound, StorageUnavailable

log = logging.getLogger(__name__)

# Long enough to read a sentence twice; the subject usually takes it away sooner.
STATUS_MS = 30_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("failures", text)


@dataclass(frozen=True, slots=True)
class Subject:
    """What a message is about: `kind` is "round", "group", "wall", "workshop" or
    "other"; `id` the round's or group's id where known."""

    kind: str
    id: int | None = None


def _inner(command: object) -> object:
    """The command itself, out of the wrappers undo and grouping put around it."""
    while True:
        if isinstance(command, c.Do):
            command = command.command
        elif isinstance(command, c.Compound) and command.commands:
            command = command.commands[0]
        else:
            return command


_ROUND = (c.AddRound, c.UpdateRound, c.DeleteRound, c.MoveRound)
_GROUP = (c.AddGroup, c.UpdateGroup, c.DeleteGroup, c.MoveGroup)
_TIMER = (c.StartTimer, c.PauseTimer, c.AddTime, c.ResetTimer)
_NOTE = (
    c.AddNote,
    c.EditNote,
    c.DeleteNote,
    c.SetNoteHidden,
    c.MoveNote,
    c.MoveNotes,
    c.RestoreNotes,
    c.UndeleteNote,
)
_CLUSTER = (c.CreateCluster, c.UpdateCluster, c.DeleteCluster, c.SetNoteCluster, c.RestoreCluster)
_ACTION = (c.AddAction, c.UpdateAction, c.DeleteAction, c.RestoreAction)


def subject_of(command: object) -> Subject:
    """What a failure of this command is about (see FailureNotice)."""
    inner = _inner(command)
    if isinstance(inner, _ROUND):
        return Subject("round", getattr(inner, "round_id", None))
    if isinstance(inner, (c.SetPhase, c.SetActiveRound, *_TIMER)):
        return Subject("round", inner.round_id)
    if isinstance(inner, _GROUP):
        return Subject("group", getattr(inner, "group_id", None))
    if isinstance(inner, c.UpdateWorkshop | c.SetPort | c.RecordCards):
        return Subject("workshop")
    if isinstance(inner, (*_NOTE, *_CLUSTER, *_ACTION, c.MergeNote, c.UnmergeNote, c.Undo, c.Redo)):
        return Subject("wall")
    return Subject("other")


def _what(command: object) -> str:
    """The first half of the sentence: what could not be done."""
    if isinstance(command, c.Undo):
        return _tr("Ongedaan maken is niet gelukt")
    if isinstance(command, c.Redo):
        return _tr("Opnieuw doen is niet gelukt")
    inner = _inner(command)
    if isinstance(inner, c.DeleteRound):
        return _tr("De ronde kon niet worden verwijderd")
    if isinstance(inner, c.MoveRound):
        return _tr("De volgorde van de rondes kon niet worden gewijzigd")
    if isinstance(inner, _ROUND):
        return _tr("De ronde kon niet worden opgeslagen")
    if isinstance(inner, c.SetPhase):
        return _tr("De fase kon niet worden gewijzigd")
    if isinstance(inner, c.SetActiveRound):
        return _tr("De ronde kon niet worden gestart")
    if isinstance(inner, _TIMER):
        return _tr("De timer kon niet worden bijgesteld")
    if isinstance(inner, c.DeleteGroup):
        return _tr("De groep kon niet worden verwijderd")
    if isinstance(inner, c.MoveGroup):
        return _tr("De volgorde van de groepen kon niet worden gewijzigd")
    if isinstance(inner, _GROUP):
        return _tr("De groep kon niet worden opgeslagen")
    if isinstance(inner, c.UpdateWorkshop):
        return _tr("De gegevens van de bijeenkomst konden niet worden opgeslagen")
    if isinstance(inner, c.SetPort):
        return _tr("De poort kon niet worden gewijzigd")
    if isinstance(inner, c.RecordCards):
        return _tr("Het adres op de tafelkaarten kon niet worden bewaard")
    if isinstance(inner, c.AddNote):
        return _tr("Het briefje kon niet worden toegevoegd")
    if isinstance(inner, c.SetNoteHidden):
        return _tr("Het briefje kon niet worden verborgen of weer getoond")
    if isinstance(inner, c.MoveNote | c.MoveNotes):
        return _tr("De briefjes konden niet worden verplaatst")
    if isinstance(inner, _NOTE):
        return _tr("Het briefje kon niet worden gewijzigd")
    if isinstance(inner, c.MergeNote):
        return _tr("De briefjes konden niet worden samengevoegd")
    if isinstance(inner, c.UnmergeNote):
        return _tr("Het briefje kon niet worden losgemaakt")
    if isinstance(inner, _CLUSTER):
        return _tr("Het cluster kon niet worden gewijzigd")
    if isinstance(inner, _ACTION):
        return _tr("Het actiepunt kon niet worden opgeslagen")
    return _tr("De wijziging kon niet worden opgeslagen")


def _empty(command: object) -> str:
    inner = _inner(command)
    if isinstance(inner, _ROUND):
        return _tr("de vraag is leeg")
    if isinstance(inner, _GROUP):
        return _tr("de naam is leeg")
    if isinstance(inner, c.UpdateWorkshop):
        return _tr("de titel is leeg")
    if isinstance(inner, _CLUSTER):
        return _tr("de naam is leeg")
    if isinstance(inner, _ACTION):
        return _tr("er staat nog niet in wat er moet gebeuren")
    return _tr("de tekst is leeg")


def _by_code(code: str) -> str | None:
    """The engine's stable refusal codes (domain.rules, domain.text, engine)."""
    reasons = {
        "has_content": _tr(
            "hier hebben deelnemers al iets gemaakt (deelnemers, briefjes of stemmen)"
        ),
        "bad_colour": _tr("een kleur schrijft u als #rrggbb"),
        "bad_duration": _tr("een ronde duurt tussen 1 minuut en 4 uur"),
        "bad_budget": _tr("het aantal stippen ligt tussen 1 en 20"),
        "bad_language": _tr("kies Nederlands of Engels"),
        "bad_address": _tr("kies je of u"),
        "too_long": _tr("de tekst is te lang"),
        "not_text": _tr("dit is geen tekst"),
        "no_question": _tr(
            "de ronde heeft nog geen vraag; schrijf die eerst bij Werkplaats voorbereiden > Rondes"
        ),
        "wrong_phase": _tr("dat kan niet in de fase waarin deze ronde nu staat"),
        "round_closed": _tr("deze ronde is gesloten"),
        "other_wall": _tr("de briefjes staan op verschillende muren"),
        "bad_merge": _tr(
            "een briefje dat al is samengevoegd kan niet nog eens worden samengevoegd"
        ),
        "bad_dots": _tr("de stippen kloppen niet"),
        "one_dot_per_item": _tr("in deze ronde mag er één stip per briefje"),
        "not_undoable": _tr("deze stap kan niet ongedaan worden gemaakt"),
        "step_taken": _tr("deze stap is al gedaan"),
        "client_note_id_taken": _tr("dit briefje bestaat al"),
        "bad_port": _tr("een poort is een getal van 1024 tot 65535"),
        "port_taken": _tr("een ander programma gebruikt die poort nu"),
        "bad_url": _tr("een adres schrijft u als http://adres:poort"),
    }
    return reasons.get(code)


def os_error_reason(error: OSError) -> str:
    """A file or disk error in words; the system's own text when none fits better."""
    by_errno = {
        errno.ENOSPC: _tr("de schijf is vol"),
        errno.EACCES: _tr("er mag hier niet worden geschreven"),
        errno.EPERM: _tr("er mag hier niet worden geschreven"),
        errno.EROFS: _tr("de schijf is alleen-lezen"),
        errno.ENOENT: _tr("de map of het bestand bestaat niet"),
        errno.EISDIR: _tr("dit is een map, geen bestand"),
    }
    if error.errno in by_errno:
        return by_errno[error.errno]
    if isinstance(error, PermissionError):
        return by_errno[errno.EACCES]
    return error.strerror or _tr("de schijf gaf een fout")


def reason(command: object, error: BaseException) -> str:
    """Why it failed, in words (lower case, no full stop: it ends a sentence)."""
    if isinstance(error, StorageUnavailable):
        return {
            "full": _tr("de schijf is vol"),
            "read_only": _tr("het bestand kan niet meer worden beschreven (alleen-lezen)"),
        }.get(error.reason, _tr("de schijf gaf een fout"))
    if isinstance(error, NotFound):
        return _tr("dit onderdeel bestaat niet meer")
    if isinstance(error, RuleViolation | InvalidText):
        if error.code == "empty":
            return _empty(command)
        known = _by_code(error.code)
        if known is not None:
            return known
    if isinstance(error, OSError):
        return os_error_reason(error)
    if isinstance(error, sqlite3.Error):  # a copy or a new file on a full or pulled stick
        text = str(error).lower()
        if "full" in text:
            return _tr("de schijf is vol")
        if "readonly" in text or "read-only" in text:
            return _tr("de schijf is alleen-lezen")
        if "unable to open" in text:
            return _tr("de map bestaat niet of er mag niet worden geschreven")
        return _tr("de schijf gaf een fout")
    log.error("unforeseen failure of %s", type(command).__name__, exc_info=error)
    return _tr("een onverwachte fout (de details staan in het logboek)")


def failure_text(command: object, error: BaseException) -> str:
    """One sentence: what could not be done, and why."""
    return _tr("{what}: {why}.").format(what=_what(command), why=reason(command, error))


def _clears(subject: Subject, event: Event) -> bool:
    """Whether `event` (a change that did get through) shows the subject's problem was
    dealt with: the round or table was saved after all, or its phase moved."""
    if subject.kind == "round":
        if isinstance(event, e.RoundsChanged):
            return True
        if isinstance(event, e.PhaseChanged | e.TimerChanged | e.ActiveRoundChanged):
            round_id = event.round.id if isinstance(event, e.TimerChanged) else event.round_id
            return subject.id is None or round_id == subject.id
        return False
    if subject.kind == "group":
        return isinstance(event, e.GroupsChanged)
    if subject.kind == "workshop":
        return isinstance(event, e.WorkshopChanged)
    return False


class FailureNotice(QObject):
    """The status bar's failure line: shown with its subject, gone with it."""

    def __init__(self, status_bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bar = status_bar
        self._text = ""
        self._subject: Subject | None = None
        self._view: object = None

    def text(self) -> str:
        """The failure shown right now ("" when none)."""
        if self._text and self._bar.currentMessage() != self._text:
            self._forget()  # timed out, or another message took its place
        return self._text

    def subject(self) -> Subject | None:
        return self._subject if self.text() else None

    def show(self, command: Command, error: BaseException) -> str:
        self._text = failure_text(command, error)
        self._subject = subject_of(command)
        self._bar.showMessage(self._text, STATUS_MS)
        return self._text

    def view_changed(self, view: object) -> None:
        """`view` (the table and round in view) is shown: when it is another one than
        before, whatever failed was about the old view."""
        if view != self._view:
            self._view = view
            self.clear()

    def on_events(self, events: Sequence[Event]) -> None:
        subject = self.subject()
        if subject is not None and any(_clears(subject, event) for event in events):
            self.clear()

    def clear(self) -> None:
        if self.text():
            self._bar.clearMessage()
        self._forget()

    def _forget(self) -> None:
        self._text = ""
        self._subject = None
