"""The command line: `facilitator [FILE]` opens the window; `new`, `export` and `serve`
work without one, for scripted use, tests and a laptop without a screen."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from facilitator import templates
from facilitator.domain.model import Phase
from facilitator.store import DamagedFile, NewerFile

_COMMANDS = ("new", "export", "serve", "suggest")
DEFAULT_PORT = 8321


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run breakout sessions offline: phones post notes to this laptop.",
        epilog="Without a command: open the window (on the demo workshop, or on FILE).",
    )
    parser.add_argument("-V", "--version", action="store_true",
                        help="print the name and version and stop")
    sub = parser.add_subparsers(dest="command", required=True)

    new = sub.add_parser("new", help="create a workshop file from a template")
    new.add_argument("file", type=Path)
    new.add_argument("--template", default=templates.DEFAULT_TEMPLATE,
                     choices=templates.available())

    export = sub.add_parser("export", help="write the report or another export")
    export.add_argument("file", type=Path)
    export.add_argument("-o", "--output", type=Path, required=True)
    export.add_argument("--format", default="docx",
                        choices=("docx", "csv", "json", "cards", "appendix"))
    export.add_argument("--language", default="nl", choices=("nl", "en"))
    export.add_argument("--names", action="store_true", help="include participants' names")
    export.add_argument("--hidden", action="store_true", help="list moderated notes separately")
    export.add_argument("--themes", action="store_true",
                        help="add \"thema's over alle tafels\" (from the tables' clusters)")
    export.add_argument("--base-url", default="",
                        help="for table cards: http://ADDRESS:PORT the phones will use "
                             "(default: this laptop's address and the workshop's port)")
    export.add_argument("--notes", default="short", choices=("short", "full", "separate"),
                        help="Word report: the strongest notes per table (short, the "
                             "default), every note in an appendix (full), or every note in "
                             "a second file OUTPUT-bijlage.docx (separate)")
    export.add_argument("--style", type=Path, metavar="FILE.docx",
                        help="Word report: take fonts, colours and headings from this "
                             "document (the organisation's house style)")

    serve = sub.add_parser("serve", help="run the participant server without a window")
    serve.add_argument("file", type=Path)
    serve.add_argument("--port", type=int, default=None,
                       help="default: the workshop's own port, saved in its file and printed "
                            "on its table cards (taken: any free port, said on stderr)")
    serve.add_argument("--host", default="0.0.0.0", help="interface to listen on")
    serve.add_argument("--address", default="",
                       help="address to print in join URLs (default: this laptop's LAN IPv4)")
    serve.add_argument("--round", type=int, help="make round N (1-based) the active round")
    serve.add_argument("--phase", choices=[p.value for p in Phase],
                       help="set the active round's phase for every group")

    suggest = sub.add_parser("suggest", help="grouping suggestions for notes in a JSON file",
                             description="Read {\"notes\": [{\"id\", \"text\"}], "
                             "\"language\": \"nl\"} and print suggested clusters and "
                             "duplicates as JSON (docs/SUGGEST.md). Offline; nothing changes.")
    suggest.add_argument("file", type=Path, help="the notes; - reads standard input")
    return parser


def main(argv: list[str] | None = None) -> int:
    args_in = sys.argv[1:] if argv is None else argv
    if args_in[:1] in (["--version"], ["-V"]):
        from facilitator import identity

        print(identity.title())
        return 0
    # Anything but a command or a plea for help opens the window: a file, `--port 9000`.
    if not args_in or (args_in[0] not in _COMMANDS and args_in[0] not in ("-h", "--help")):
        from facilitator.app import main as run_window  # Qt only when a window is wanted

        return run_window(args_in)
    args = _parser().parse_args(args_in)
    try:
        if args.command == "new":
            return _new(args)
        if args.command == "export":
            return _export(args)
        if args.command == "suggest":
            return _suggest(args)
        return _serve(args)
    except (FileNotFoundError, FileExistsError, KeyError, ValueError, DamagedFile,
            NewerFile) as exc:
        print(f"facilitator: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 2


def _new(args: argparse.Namespace) -> int:
    templates.create(args.file, args.template)
    print(args.file)
    return 0


def _export(args: argparse.Namespace) -> int:
    from facilitator.report import ReportOptions, render
    from facilitator.store import Reader

    store = Reader.open(args.file)
    try:
        snapshot = store.snapshot()
    finally:
        store.close()
    base_url = args.base_url
    if args.format == "cards" and not base_url:
        # Cards printed beforehand carry the address the laptop has now, on the
        # workshop's own port; print them on the venue's network, or pass --base-url.
        from facilitator.server.network import lan_ipv4_addresses

        address = (lan_ipv4_addresses() or ["127.0.0.1"])[0]
        base_url = f"http://{address}:{snapshot.workshop.port or DEFAULT_PORT}"
        print(f"table cards point to {base_url} (use --base-url to choose)", file=sys.stderr)
    if args.format == "cards":
        base_url = base_url.rstrip("/")
        printed = snapshot.workshop.cards_url
        if printed and printed != base_url:
            print(f"facilitator: the cards printed before show another address: {printed}; "
                  f"these show {base_url}. Replace the old cards on every table.",
                  file=sys.stderr)
    style = args.style.read_bytes() if args.style is not None else None
    options = ReportOptions(language=args.language, include_names=args.names,
                            include_hidden=args.hidden, base_url=base_url,
                            room_themes=args.themes, notes=args.notes, style=style)
    args.output.write_bytes(render(snapshot, args.format, options))
    print(args.output)
    if args.format == "cards":
        _record_cards(args.file, base_url)
    if args.format == "docx" and args.notes == "separate":
        from facilitator.report import appendix_path

        appendix = appendix_path(args.output)
        appendix.write_bytes(render(snapshot, "appendix", options))
        print(appendix)
    return 0


def _record_cards(path: Path, url: str) -> None:
    """Keep the address the cards were printed with, as the window's export does (the
    join panel compares it with the address served). Skipped, and said, while another
    program has the workshop open: it records its own exports."""
    from facilitator.engine import Engine
    from facilitator.engine.commands import RecordCards
    from facilitator.store.lock import LockHeld
    from facilitator.store.lock import take as take_lock

    try:
        lock = take_lock(path, "facilitator export")
    except (LockHeld, OSError) as exc:
        print(f"facilitator: the cards' address is not kept in the workshop ({exc})",
              file=sys.stderr)
        return
    try:
        engine = Engine(path).start()
        try:
            engine.execute(RecordCards(url))
        finally:
            engine.stop()
    except Exception as exc:  # the cards are written; only the note of them failed
        print(f"facilitator: the cards' address is not kept in the workshop ({exc})",
              file=sys.stderr)
    finally:
        lock.unlock()


def _suggest(args: argparse.Namespace) -> int:
    import json

    from facilitator.suggest.cli import run

    raw = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    try:
        answer = run(json.loads(raw))
    except (json.JSONDecodeError, TypeError) as exc:
        print(f"facilitator: not a notes file: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(answer, ensure_ascii=False, indent=2))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from facilitator.store.lock import SERVE_PROGRAM, LockHeld
    from facilitator.store.lock import take as take_lock

    try:  # the window's lock: a window and a serve never write one file
        lock = take_lock(args.file, SERVE_PROGRAM)
    except LockHeld as held:
        who = held.holder
        print(f"facilitator: {args.file.name} is already open in {who.program or 'a program'} "
              f"(process {who.pid} on {who.host or 'this computer'}); two programs on one "
              "workshop would not see each other's notes. Close that one first.",
              file=sys.stderr)
        return 3
    try:
        return _serve_locked(args)
    finally:
        lock.unlock()


def _serve_locked(args: argparse.Namespace) -> int:
    from facilitator.engine import Engine, SetActiveRound, SetPhase
    from facilitator.server import ParticipantServer
    from facilitator.server.network import lan_ipv4_addresses
    from facilitator.store import Reader
    from facilitator.store.ports import LEGACY_PORT

    engine = Engine(args.file).start()
    try:
        reader = Reader.open(args.file)
        rounds = reader.rounds()
        if args.round is not None:
            if not 1 <= args.round <= len(rounds):
                print(f"facilitator: there are {len(rounds)} rounds", file=sys.stderr)
                return 2
            engine.execute(SetActiveRound(rounds[args.round - 1].id))
        if args.phase is not None:
            active = reader.workshop().active_round_id
            assert active is not None
            engine.execute(SetPhase(active, Phase(args.phase)))
        own = reader.workshop().port or LEGACY_PORT
        with _stop_signals() as wait:  # before the URLs: a signal right after is caught
            wanted = own if args.port is None else args.port
            server = ParticipantServer(engine, args.file, host=args.host, port=wanted)
            port = server.start()  # a taken port: the server takes a free one
            if wanted and port != wanted:
                whose = "the workshop's port" if args.port is None else "port"
                print(f"facilitator: {whose} {wanted} is taken; listening on {port} instead."
                      + (f" Printed table cards show port {wanted} and will not work."
                         if args.port is None else ""), file=sys.stderr)
            address = args.address or (lan_ipv4_addresses() or ["127.0.0.1"])[0]
            print(f"listening on {args.host}:{port}", file=sys.stderr)
            for group in reader.groups():
                print(server.join_url(group.code, address), flush=True)
            reader.close()
            wait()
        server.stop()
    finally:
        engine.stop()
    return 0


def _wait_for_signal() -> None:
    """Block until SIGINT or SIGTERM (see _stop_signals)."""
    with _stop_signals() as wait:
        wait()


@contextlib.contextmanager
def _stop_signals() -> Iterator[Callable[[], None]]:
    """Catch SIGINT and SIGTERM from now on; yields the wait for one of them.

    Installed before the join URLs are printed, so a signal sent as soon as they appear
    is not lost. No lock is taken in a signal handler: the handler used to call
    `threading.Event.set()`, whose lock a second signal during the first handler
    re-entered (`serve` stayed on a futex after SIGTERM to its process group). Now the
    handler does nothing; Python's C-level handler writes the signal number to a
    wake-up pipe, which the wait reads on the main thread.
    """
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    previous_fd = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    wanted = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, _ignore_in_handler) for sig in wanted}

    def wait() -> None:
        while True:
            received = os.read(read_end, 64)
            if any(number in (int(sig) for sig in wanted) for number in received):
                return

    try:
        yield wait
    finally:
        signal.set_wakeup_fd(previous_fd)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        os.close(read_end)
        os.close(write_end)


def _ignore_in_handler(_signum: int, _frame: object) -> None:
    """The signal's work is done by the wake-up pipe, outside any handler."""


if __name__ == "__main__":
    sys.exit(main())
