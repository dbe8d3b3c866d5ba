"""The directors' day from the organisers' side, across every layer: prepare the
template, phones write over real HTTP (a retry, a paper note, markup, something to
hide), group, vote with a tie, record actions, close, and the verslag, CSV and JSON
say all of it. (THE-DAY steps 1, 7-12, 15-16.)"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx

from facilitator.domain.model import Method, Phase, Visibility
from facilitator.engine import (
    AddAction,
    AddNote,
    CreateCluster,
    Engine,
    MergeNote,
    SetNoteHidden,
    SetPhase,
    UpdateGroup,
    UpdateRound,
    UpdateWorkshop,
)
from facilitator.report import ReportOptions, render
from facilitator.store import RoundSpec, Store
from tests.test_server_support import join, post, request, running


def _text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_a_round_from_preparation_to_the_verslag(engine: Engine, workshop_path: Path) -> None:
    # 1. Preparation, the week before.
    engine.execute(UpdateWorkshop("KB/OB-directeurendag", "28 mei", "Den Haag",
                                  "KB, SPN en VOB"))
    reader = Store.open(workshop_path, readonly=True)
    tables = reader.groups()
    engine.execute(UpdateGroup(tables[2].id, "Tafel 3 (Noord)", tables[2].colour))
    rounds = reader.rounds()
    engine.execute(UpdateRound(rounds[1].id, RoundSpec(
        "Wat brengt u in, en wat vraagt u van de anderen?", Method.WORLD_CAFE, 1200,
        Visibility.VISIBLE, 3)))
    engine.execute(UpdateRound(rounds[2].id, RoundSpec(
        rounds[2].question, rounds[2].method, rounds[2].duration_s, Visibility.HIDDEN, 3)))
    first = rounds[0].id
    group = tables[2]

    with running(engine, workshop_path) as server:
        # 7. Round one collects; three directors write, one phone retries.
        engine.execute(SetPhase(first, Phase.COLLECT))
        anne, bram, carla = (join(server.port, group.code) for _ in range(3))
        texts = {
            (anne, "anne-0001"): "Landelijke aanpak laaggeletterdheid",
            (anne, "anne-0002"): "Eén loket voor laaggeletterdheid",
            (bram, "bram-0001"): "Leesbevordering 0-18 zonder gaten",
            (bram, "bram-0002"): "<b>test</b>",
            (carla, "carl-0001"): "Gratis lidmaatschap jeugd overal",
            (carla, "carl-0002"): "iets ongepasts",
        }
        ids = {}
        for (token, cid), text in texts.items():
            reply = post(server.port, token, cid, text)
            assert reply.status == 201, reply.raw
            ids[cid] = reply.json["note"]["id"]
        assert post(server.port, anne, "anne-0001", "nogmaals").status == 200  # the retry
        paper = engine.execute(AddNote(group.id, "Van papier: samen met gemeenten",
                                       round_id=first, is_paper=True)).note

        # 8. Moderation: the note disappears from every phone, stays in the file.
        engine.execute(SetNoteHidden(ids["carl-0002"], True))
        shown = request(server.port, "GET", "/api/state", token=anne).json
        assert "iets ongepasts" not in json.dumps(shown, ensure_ascii=False)

        # 10. Grouping: clusters, a merged duplicate.
        engine.execute(SetPhase(first, Phase.GROUP))
        basis = engine.execute(CreateCluster(group.id, first, "Basisvaardigheden",
                                             (ids["anne-0001"], paper.id)))
        jeugd = engine.execute(CreateCluster(group.id, first, "Jeugd",
                                             (ids["bram-0001"], ids["carl-0001"])))
        engine.execute(MergeNote(ids["anne-0002"], ids["anne-0001"]))

        # 11. The vote: Basisvaardigheden and Jeugd tie at two dots.
        engine.execute(SetPhase(first, Phase.VOTE))
        items = request(server.port, "GET", "/api/state", token=bram).json["vote"]["items"]
        assert {i["key"] for i in items} == {f"c{basis.id}", f"c{jeugd.id}",
                                             f"n{ids['bram-0002']}"}
        for token, dots in ((anne, {f"c{basis.id}": 1}), (bram, {f"c{jeugd.id}": 1}),
                            (carla, {f"c{basis.id}": 1, f"c{jeugd.id}": 1})):
            assert request(server.port, "PUT", "/api/votes", {"dots": dots},
                           token=token).status == 200
        over = request(server.port, "PUT", "/api/votes",
                       {"dots": {f"c{basis.id}": 1, f"c{jeugd.id}": 1,
                                 f"n{ids['bram-0002']}": 1, "c999": 1}}, token=anne)
        assert over.status in (404, 422)

    # 12. Actions, then the round closes.
    engine.execute(AddAction(group.id, first, "Pilot landelijke aanpak", "SPN", "1 september",
                             cluster_id=basis.id))
    engine.execute(AddAction(group.id, first, "Data jeugdbereik bundelen", "KB", "najaar"))
    engine.execute(SetPhase(first, Phase.CLOSED))

    # 15. The verslag: Dutch, anonymous, hidden notes left out.
    snapshot = reader.snapshot()
    report = docx.Document(io.BytesIO(render(snapshot, "docx", ReportOptions())))
    body = _text(report)
    for expected in ("KB/OB-directeurendag", "28 mei", "Den Haag", "Tafel 3 (Noord)",
                     "Basisvaardigheden", "Jeugd", "Pilot landelijke aanpak", "1 september",
                     "Data jeugdbereik bundelen", "<b>test</b>",
                     "Wat brengt u in, en wat vraagt u van de anderen?"):
        assert expected in body, expected
    assert "iets ongepasts" not in body
    assert "Gelijke stand" in body  # the tie is named as a tie
    with_hidden = _text(docx.Document(io.BytesIO(
        render(snapshot, "docx", ReportOptions(include_hidden=True)))))
    assert "iets ongepasts" in with_hidden

    # 16. CSV for the data team (Excel, Dutch: semicolons, BOM) and JSON for the archive.
    raw = render(snapshot, "csv", ReportOptions())
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    texts_in_csv = {r[next(k for k in r if k.lower() in ("tekst", "text", "notitie"))]
                    for r in rows}
    assert "<b>test</b>" in texts_in_csv and "iets ongepasts" not in texts_in_csv
    archived = json.loads(render(snapshot, "json", ReportOptions()))
    assert len(archived["notes"]) == len(snapshot.notes) - 1  # the hidden one only on request
    everything = json.loads(render(snapshot, "json", ReportOptions(include_hidden=True)))
    assert len(everything["notes"]) == len(snapshot.notes)
    reader.close()
