"""Screenshots of the projector views and the overview, from a realistic session.

    uv run python -m tools.screenshots.run [docs/screenshots]

Why a script: the pictures in the docs must be what the app shows. It runs the real
composition (engine, participant server on 127.0.0.1, main window with
window.run_features) on a temporary copy of the demo workshop, then plays a morning:
phones join, table 1 writes a full wall, the facilitator clusters it, three tables vote.
The projector is grabbed at 1920x1080, the overview at the main window's 1400x900.

No signals.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (  # noqa: E402
    QCoreApplication,
    QEventLoop,
    QSettings,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QFont  # noqa: E402

from facilitator import templates  # noqa: E402
from facilitator.app import build, ensure_application  # noqa: E402
from facilitator.domain.model import Phase  # noqa: E402
from facilitator.engine import (  # noqa: E402
    AddNote,
    CastVotes,
    CreateCluster,
    Join,
    SetPhase,
    StartTimer,
)

PROJECTOR = (1920, 1080)
MAIN = (1400, 900)

EXTRA_NOTES = [
    "Voorleesprogramma's samen met consultatiebureaus",
    "Mediawijsheid in elke brugklas, door de bibliotheek op school",
    "Schoolbibliotheek in elk kindcentrum",
    "Digitaal Informatiepunt Overheid in elke vestiging",
    "Taalcafés met vrijwilligers: laagdrempelig en dichtbij",
    "Samen met de KB één landelijke campagne over lezen",
    "Bibliotheek als derde plek: open, gratis, zonder drempel",
    "Debatavonden over lokale keuzes, met de gemeenteraad",
]
CLUSTERS = [
    ("Basisvaardigheden", ("laaggeletterdheid", "Taalhuizen", "Rekenvaardigheid", "Digitale",
                           "Informatiepunt", "Taalcafés")),
    ("Jeugd", ("Leesbevordering", "jeugd", "tieners", "Voorlees", "brugklas", "kindcentrum")),
    ("Democratie en informatie", ("democratie", "desinformatie", "Debatavonden")),
]
VOTES = {  # table index -> dots per participant as (cluster index or note index) lists
    0: [(0, 1, 2), (0, 1), (0, 2), (1, 0), (0, 1, 2), (1, 2), (0, 1), (2, 1, 0), (0,), (1,)],
    1: [(0, 1), (1, 2), (0, 1, 2), (1,), (0, 1)],
    2: [(0, 1, 2), (2, 0), (2, 1), (0,)],
}


def _settle(rounds: int = 20) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def _wait_for(predicate, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not catch up with the engine")
        _settle(1)


def stage_morning(session) -> dict:
    """Round one at tables 1-3: joins, a full wall at table 1, clusters, then votes.
    Returns ids the pictures need."""
    engine, state = session.engine, session.state
    groups, round_ = state.groups, state.rounds[0]
    for text in EXTRA_NOTES:
        engine.execute(AddNote(groups[0].id, text, round_id=round_.id))
    voters: dict[int, list[int]] = {}
    for index, ballots in VOTES.items():
        voters[index] = [engine.execute(Join(groups[index].id)).id for _ in ballots]
    for index in range(3, len(groups)):
        for _ in range(3 + index % 3):
            engine.execute(Join(groups[index].id))
    cluster_ids: dict[int, list[int]] = {}
    for index in VOTES:
        group = groups[index]
        notes = [n for n in state.store.notes() if n.group_id == group.id
                 and n.round_id == round_.id]
        taken: set[int] = set()
        ids = []
        for name, words in CLUSTERS:
            members = tuple(n.id for n in notes if n.id not in taken
                            and any(w.lower() in n.text.lower() for w in words))
            taken.update(members)
            if members or index == 0:
                # Side by side, as a facilitator lays them out (all at the corner, each
                # frame's name showed through the one on top of it).
                ids.append(engine.execute(CreateCluster(group.id, round_.id, name, members,
                                                        x=len(ids) * 490.0)).id)
        cluster_ids[index] = ids
    engine.execute(SetPhase(round_.id, Phase.VOTE, tuple(groups[i].id for i in VOTES)))
    for index, ballots in VOTES.items():
        ids = cluster_ids[index]
        for participant, ballot in zip(voters[index], ballots, strict=True):
            dots = tuple((f"c{ids[i]}", 1) for i in ballot if i < len(ids))
            engine.execute(CastVotes(participant, dots))
    return {"round": round_, "groups": groups}


def open_phones(server, codes: list[str]) -> list[socket.socket]:
    """Phones that joined over HTTP and keep the live page open, as a browser would."""
    phones = []
    for n, code in enumerate(codes):
        # Each phone from its own loopback address, as on the venue's Wi-Fi: the server
        # allows only a few participants per address (limits.identities_per_address).
        local = (f"127.0.3.{n + 1}", 0)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5,
                                          source_address=local)
        conn.request("POST", "/api/join", body=json.dumps({"code": code}),
                     headers={"Content-Type": "application/json"})
        token = json.loads(conn.getresponse().read())["token"]
        conn.close()
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=5,
                                        source_address=local)
        sock.sendall(f"GET /api/events?token={token} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Accept: text/event-stream\r\n\r\n".encode())
        phones.append(sock)
    return phones


def make_screenshots(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    QStandardPaths.setTestModeEnabled(True)  # never read or write the real settings
    app = ensure_application()
    app.setFont(QFont("DejaVu Sans", 10))
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="facilitator-run-shots-") as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        path = Path(tmp) / "demo.workshop"
        templates.create_demo(path)
        session = build(path, host="127.0.0.1", port=0)
        try:
            window = session.window
            features = window.run_features
            window.resize(*MAIN)
            window.show()
            _settle()
            round_ = session.state.rounds[0]
            session.engine.execute(StartTimer(round_.id, seconds=7 * 60 + 23))
            projector = features.projector
            projector.resize(*PROJECTOR)
            projector.show()
            _settle()

            def grab(name: str, widget) -> None:
                _settle()
                target = out_dir / name
                widget.grab().save(str(target))
                written.append(target)

            # How to join, for the whole room (key 1), then back to following the phase.
            projector.set_mode("join")
            grab("projector-join.png", projector)
            projector.set_mode("auto")
            _wait_for(lambda: projector.current_view_name() == "question")
            grab("projector-question.png", projector)

            stage_morning(session)
            _wait_for(lambda: session.state.dot_count(session.state.groups[0].id, round_.id)
                      > 0)
            projector.set_mode("wall")
            grab("projector-wall.png", projector)
            projector.set_mode("auto")
            _wait_for(lambda: projector.current_view_name() == "results")
            grab("projector-results.png", projector)
            projector.set_mode("plenary")
            grab("projector-plenary.png", projector)
            projector.set_mode("auto")

            groups = session.state.groups
            codes = [g.code for i, g in enumerate(groups[:5]) for _ in range(5 - i)]  # < join burst
            phones = open_phones(session.server, codes)
            session.engine.execute(AddNote(groups[4].id, "Samen oplopen met het onderwijs",
                                           round_id=round_.id))
            _wait_for(lambda: features.overview.is_active(groups[4].id)
                      and session.server.connected_count() == len(phones))
            window.resizeDocks([window.overview_dock], [330], Qt.Orientation.Vertical)
            features.overview.refresh()
            grab("overview.png", window)
            for phone in phones:
                phone.close()
        finally:
            session.close()
            _settle()
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for written_path in make_screenshots(folder):
        print(written_path)
