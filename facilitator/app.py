"""Builds the running application out of its parts and takes it down again.

Order matters on the way up (engine before anything that submits to it; the bridge
subscribes before the GUI's first read, so no change falls between the two) and on the
way down (the server first, so no phone can submit while the engine drains).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from facilitator import resources
from facilitator.engine import Engine
from facilitator.store import DamagedFile, Reader
from facilitator.store.db import NotAWorkshop
from facilitator.store.lock import SERVE_PROGRAM, LockHeld, WorkshopLock
from facilitator.store.lock import lock_path as lock_path  # re-exported for callers
from facilitator.store.lock import take as take_lock
from facilitator.store.ports import LEGACY_PORT

if TYPE_CHECKING:  # imported lazily at run time: the window's modules load only when needed
    from facilitator.server import ParticipantServer
    from facilitator.server.limits import Limits
    from facilitator.ui.bridge import EngineBridge
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.state import WorkshopState

log = logging.getLogger(__name__)

ORGANISATION = "Facilitator"
APPLICATION = "Facilitator"
DEFAULT_PORT = LEGACY_PORT  # kept for scripts; each workshop now has its own port
BACKUP_EVERY_S = 300  # a rolling backup beside the file every five minutes
DEMO_FILE = "demo.workshop"


def data_dir() -> Path:
    """FACILITATOR_DATA_DIR if set (tests, portable installs), else Qt's app data folder."""
    from facilitator.ui.recent import data_dir as folder

    return folder()


def default_workshop() -> Path:
    """The demo workshop, created when first needed so the app never opens empty."""
    from facilitator.ui.recent import demo_workshop

    return demo_workshop()


def workshop_to_open() -> Path:
    """No file named: the workshop opened last, or the demo on the very first start."""
    from facilitator.ui.recent import last_workshop

    return last_workshop() or default_workshop()


def ensure_application(qt_args: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        [sys.argv[0] if sys.argv else "facilitator", *(qt_args or [])])
    # QSettings and QStandardPaths derive their locations from these names.
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(_icon())
    return app


def _icon() -> QIcon:
    icon = QIcon()
    # The pixel-grid PNGs (tools/make_icons.py) stay crisp in a title bar and task bar.
    for size in (16, 24, 32, 48, 64, 128, 256):
        with contextlib.suppress(OSError):
            pixmap = QPixmap()
            if pixmap.loadFromData(resources.read_bytes("icons", "png", f"facilitator-{size}.png")):
                icon.addPixmap(pixmap)
    if not icon.isNull():
        return icon
    with contextlib.suppress(OSError):
        data = resources.read_bytes("icons", "facilitator.svg")
        pixmap = QPixmap()
        if pixmap.loadFromData(data, "SVG"):
            icon.addPixmap(pixmap)
    return icon


class WorkshopInUse(Exception):
    """The workshop is open in another window (this or another process): two writers on
    one file would each show only their own new notes and drift apart."""


def lock_workshop(path: Path) -> WorkshopLock:
    """Hold the workshop for this process, or raise WorkshopInUse in plain words.

    The lock (store/lock.py) is the one `facilitator serve` takes too, so a window and a
    headless server never write one file. It dies with its process (a crash, a power
    cut leave nothing stale) and has no age limit: a live window holds its workshop all
    day."""
    try:
        return take_lock(path)
    except LockHeld as held:
        who = held.holder
        if who.program == SERVE_PROGRAM:
            raise WorkshopInUse(QApplication.translate(
                "app", "{name} is al geopend door 'facilitator serve' (programma {pid} op "
                       "{host}), de server zonder venster. Stop die eerst; twee programma's "
                       "op één werkplaats zouden elkaars briefjes niet zien.").format(
                name=path.name, pid=who.pid, host=who.host)) from held
        raise WorkshopInUse(QApplication.translate(
            "app", "{name} is al geopend in een ander venster (programma {pid} op {host}). "
                   "Ga verder in dat venster; twee vensters op één werkplaats zouden elkaars "
                   "briefjes niet zien.").format(name=path.name, pid=who.pid, host=who.host)
        ) from held
    except OSError as exc:
        raise WorkshopInUse(QApplication.translate(
            "app", "{name} kan niet worden vastgezet voor dit venster (de map is niet "
                   "beschrijfbaar?).").format(name=path.name)) from exc


@dataclass
class Session:
    """Everything that runs for one open workshop file, and the lock that keeps a second
    window off it."""

    engine: Engine
    server: ParticipantServer | None
    bridge: EngineBridge
    store: Reader
    state: WorkshopState
    window: MainWindow
    lock: WorkshopLock | None = None

    def close(self) -> None:
        self.window.close_without_asking()
        # A report still being written gets to finish (it reads the file, not the engine).
        QThreadPool.globalInstance().waitForDone(30_000)
        if self.server is not None:
            self.server.stop()
        self.bridge.close()
        self.engine.stop()
        self.state.store.close()
        self.window.deleteLater()
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def _start_server(engine: Engine, path: Path, host: str, port: int,
                  limits: Limits | None = None) -> ParticipantServer:
    from facilitator.server import ParticipantServer

    # A taken port: the server itself listens on a free one instead (server.py) and the
    # window says so (ui/address_banner.py), since printed cards carry the old one.
    try:
        server = ParticipantServer(engine, path, host=host, port=port, limits=limits)
        server.start()
    except OSError:
        if port == 0:
            raise
        log.warning("port %d is taken; the participant server takes a free port", port)
        server = ParticipantServer(engine, path, host=host, port=0, limits=limits)
        server.start()
    return server


def _addresses() -> list[str]:
    from facilitator.ui.network import interface_addresses

    return interface_addresses()


def build(path: Path, *, host: str = "0.0.0.0", port: int | None = None,
          limits: Limits | None = None,
          switch_workshop: Callable[[Path], object] | None = None) -> Session:
    """Start engine, participant server and GUI for `path` (a QApplication must exist).

    `port` None: the workshop's own port (saved in the file, printed on its table
    cards); a number (`--port`) wins over it, 0 takes any free port. When the port is
    taken the server takes another and the window says so (ui/address_banner.py).
    `limits` replaces the server's rate limits (the load benchmark raises them);
    `switch_workshop` is how File > Openen… replaces the session (Host.open)."""
    from facilitator.ui.bridge import EngineBridge
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.state import WorkshopState

    lock = lock_workshop(path)  # before the engine: never two writers on one file
    try:
        engine = Engine(path, backup_every_s=BACKUP_EVERY_S).start()
    except BaseException:
        lock.unlock()
        raise
    server = None
    try:
        bridge = EngineBridge(engine)
        store = Reader.open(path)
        state = WorkshopState(store)
        wanted = port if port is not None else workshop_port(store)
        server = _start_server(engine, path, host, wanted, limits)
        window = MainWindow(
            state, bridge, server, _addresses, switch_workshop, data_folder=str(data_dir()),
            wanted_port=wanted,
        )
    except BaseException:
        if server is not None:
            server.stop()
        engine.stop()
        lock.unlock()
        raise
    return Session(engine, server, bridge, store, state, window, lock)


def workshop_port(store: Reader) -> int:
    """The port saved in the workshop (a file of schema 7 always has one)."""
    return store.workshop().port or LEGACY_PORT


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and a.samefile(b))
    except OSError:
        return False


class SwitchFailed(Exception):
    """Another workshop file could not be opened; `session` is the old one, reopened."""

    def __init__(self, session: Session, error: Exception) -> None:
        super().__init__(str(error))
        self.session = session
        self.error = error


class Host:
    """Owns the one running Session and replaces it when the facilitator opens or creates
    another workshop file (File > Nieuwe werkplaats…, File > Openen…).

    The old session goes down completely first (its server frees its port), then the new
    one comes up on its own workshop's port, the one on its printed table cards (or on
    `port` for every file, when given: `--port`). If the new file
    cannot be opened, the old file is opened again and the error is raised to the caller.
    """

    def __init__(self, *, host: str = "0.0.0.0", port: int | None = None) -> None:
        self.host = host
        self.port = port
        self.session: Session | None = None

    def open(self, path: Path) -> Session:
        """Switch to `path`; the first call simply starts the first session.

        The workshop already open here is brought forward, not opened twice; one held by
        another window raises WorkshopInUse before the running session is touched."""
        old = self.session
        if old is None:
            return self._start(Path(path))
        if _same_file(Path(path), old.engine.path):
            old.window.bring_forward()
            return old
        probe = lock_workshop(Path(path))  # refuse now, while the old window still runs
        probe.unlock()
        app = ensure_application()
        keep = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # the old window closes before the new shows
        try:
            was_visible = old.window.isVisible()
            old_path = old.engine.path
            old.close()
            self.session = None
            try:
                session = self._start(Path(path))
            except Exception as exc:
                restored = self._start(Path(old_path))
                if was_visible:
                    restored.window.show()
                raise SwitchFailed(restored, exc) from exc
            if was_visible:
                session.window.show()
            return session
        finally:
            app.setQuitOnLastWindowClosed(keep)

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def _start(self, path: Path) -> Session:
        from facilitator.ui.recent import remember

        session = build(path, host=self.host, port=self.port, switch_workshop=self.open)
        self.session = session
        remember(path)  # the next start without a file comes back here
        return session


def main(argv: list[str] | None = None) -> int:
    """Open the workshop named in `argv` (arguments without the program name), or the
    demo workshop; returns the exit code."""
    parser = argparse.ArgumentParser(prog="facilitator", description="Facilitator")
    parser.add_argument("workshop", nargs="?",
                        help="a .workshop file (default: the last one opened, else the demo)")
    parser.add_argument("--port", type=int, default=None,
                        help="port for the phones' web page (default: the workshop's own, "
                             "saved in its file; 0: any free port)")
    options, qt_args = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    app = ensure_application(qt_args)
    from facilitator.ui.i18n import install_translator

    install_translator(app)  # the stored interface language; Dutch unless English chosen
    from facilitator.ui.first_start import explain_firewall

    explain_firewall()  # Windows, first start: before the server's listen makes it ask
    host = Host(port=options.port)
    path = Path(options.workshop) if options.workshop else workshop_to_open()
    try:
        try:
            if path.is_file():
                offer_newer_backup(path)
            host.open(path)
        except NotAWorkshop:
            raise
        except DamagedFile:
            if not offer_backup(path):
                raise
            host.open(path)
    except Exception as exc:  # a damaged, newer or missing file: say so, do not crash
        log.exception("could not open the workshop")
        box = QMessageBox(QMessageBox.Icon.Critical, APPLICATION,
                          app.translate("app", "De werkplaats kan niet worden geopend:\n{e}")
                          .format(e=exc))
        box.setTextFormat(Qt.TextFormat.PlainText)  # a file name is not markup
        box.exec()
        return 1
    previous = signal.getsignal(signal.SIGINT)
    timer = None
    try:
        assert host.session is not None  # opened above, or we returned
        host.session.window.show()
        settle_memory()
        timer = _close_on_ctrl_c(host, app)
        return app.exec()
    finally:
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        host.close()
        with contextlib.suppress(ValueError):  # not on the main thread: nothing was set
            signal.signal(signal.SIGINT, previous)


def settle_memory() -> None:
    """Once started: move what start-up made out of the cyclic collector's sight.

    Qt, the window and the modules stay for the whole day; a full collection would walk
    them again and again while phones post, each a pause of every thread (the GUI's
    timer included). Measured under load in bench/bench_load.py --gui (PERFORMANCE.md).
    """
    gc.collect()
    gc.freeze()


def offer_backup(path: Path, ask: Callable[[str], bool] | None = None) -> bool:
    """The file is damaged: recover what it still holds, merged with the newest good
    backup, and offer the result with its numbers. Returns True when it was put in
    place (the damaged file is kept beside it)."""
    from facilitator.store.backup import newest_good_backup

    backup = newest_good_backup(path)
    question = QApplication.translate(
        "app", "{name} is beschadigd. {numbers} Wilt u verder met het herstelde bestand? "
               "Het beschadigde bestand blijft ernaast bewaard.")
    return _offer_recovery(path, backup, question, ask, need_backup=False)


def offer_newer_backup(path: Path, ask: Callable[[str], bool] | None = None) -> bool:
    """The file opens, but a backup holds more committed work than it does (its WAL was
    lost, or it is a copy taken while open): offer the merge of both."""
    from facilitator.store.backup import newer_backup

    backup = newer_backup(path)
    if backup is None:
        return False
    question = QApplication.translate(
        "app", "{name} is ouder dan zijn eigen reservekopie: de laatste wijzigingen "
               "ontbreken (het bestand is zonder zijn -wal-bestand gekopieerd, of dat is "
               "verloren gegaan). {numbers} Wilt u verder met het samengevoegde bestand? "
               "Het oude bestand blijft ernaast bewaard.")
    return _offer_recovery(path, backup, question, ask, need_backup=True)


def _offer_recovery(path: Path, backup: Path | None, question: str,
                    ask: Callable[[str], bool] | None, *, need_backup: bool) -> bool:
    from facilitator.store.recovery import recover

    if need_backup and backup is None:
        return False
    target = path.with_name(f"{path.name}.recovered-{int(time.time())}")
    try:
        result = recover(path, target, backup)
    except Exception:
        log.exception("recovery of %s failed", path)
        target.unlink(missing_ok=True)
        return False
    if result.notes == 0 and backup is None:
        target.unlink(missing_ok=True)
        return False  # nothing to offer
    numbers = recovery_numbers(result.notes, result.lost, backup)
    text = question.format(name=path.name, numbers=numbers)
    if ask is None:
        box = QMessageBox(QMessageBox.Icon.Warning, APPLICATION, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setTextFormat(Qt.TextFormat.PlainText)
        ask = lambda _q: box.exec() == QMessageBox.StandardButton.Yes  # noqa: E731
    if not ask(text):
        target.unlink(missing_ok=True)
        return False
    aside = path.with_name(f"{path.name}.damaged-{int(time.time())}")
    path.replace(aside)
    for suffix in ("-wal", "-shm"):
        stale = path.with_name(path.name + suffix)
        if stale.exists():
            stale.replace(aside.with_name(aside.name + suffix))
    target.replace(path)
    return True


def recovery_numbers(notes: int, lost: int, backup: Path | None) -> str:
    """"700 notities hersteld; 0 verloren (met de reservekopie van 28-05 14:35)."."""
    text = QApplication.translate("app", "{n} notities hersteld; {lost} verloren").format(
        n=notes, lost=lost)
    if backup is not None:
        when = time.strftime("%d-%m %H:%M", time.localtime(backup.stat().st_mtime))
        text += QApplication.translate("app", " (samengevoegd met de reservekopie van {when})"
                                       ).format(when=when)
    return text + "."


def _close_on_ctrl_c(host: Host, app: QApplication) -> QTimer | None:
    """Ctrl+C in the terminal closes the window the normal way (settings saved, engine
    drained), whichever workshop is open by then. Python only sees the signal when it
    runs, hence the idle timer."""
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGINT,
                      lambda *_: host.session.window.close_without_asking() if host.session
                      else app.quit())
        timer = QTimer(app)
        timer.timeout.connect(lambda: None)
        timer.start(250)
        return timer
    return None
