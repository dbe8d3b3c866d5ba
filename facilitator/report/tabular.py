"""The data exports: CSV for spreadsheets (one row per note) and JSON for archiving
(the whole snapshot, readable back with from_json).

Both honour the same privacy options as the Word report: hidden notes and names only
when asked, and never a participant's join token (it is a credential). The file
formats are documented in docs/EXPORTS.md.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields
from datetime import datetime
from typing import Any, Final

from facilitator.domain.model import (
    Action,
    Cluster,
    Group,
    Method,
    Note,
    Participant,
    Phase,
    Round,
    Snapshot,
    Visibility,
    Vote,
    Workshop,
)
from facilitator.report.digest import Digest, stamp
from facilitator.report.options import ReportOptions
from facilitator.report.strings import strings

JSON_FORMAT: Final = "facilitator.snapshot"
JSON_VERSION: Final = 1

# A cell starting with one of these is a formula to Excel and LibreOffice: "=HYPERLINK(..)"
# typed on a phone must not become a live link in the KB's spreadsheet.
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def to_csv(d: Digest) -> bytes:
    t = strings(d.options.language)
    delimiter = d.options.csv_delimiter or (";" if d.options.language != "en" else ",")
    include_hidden = d.options.include_hidden
    include_names = d.options.include_names
    header = [
        t["csv_group"],
        t["csv_round"],
        t["csv_question"],
        t["csv_cluster"],
        t["csv_text"],
        t["csv_dots"],
        t["csv_time"],
        t["csv_paper"],
    ]
    if include_hidden:
        header.append(t["csv_hidden"])
    if include_names:
        header.append(t["csv_author"])
    group_pos = {g.id: i for i, g in enumerate(d.groups)}
    round_pos = {r.id: i for i, r in enumerate(d.rounds)}
    notes = d.visible + d.hidden if include_hidden else list(d.visible)
    notes.sort(key=lambda n: (round_pos[n.round_id], group_pos[n.group_id], n.created_at, n.id))

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    for note in notes:
        round_ = d.rounds[round_pos[note.round_id]]
        row = [
            _cell(d.groups[group_pos[note.group_id]].name),
            str(round_pos[note.round_id] + 1),
            _cell(round_.question),
            _cell(d.cluster_name(note)),
            _cell(note.text),
            str(d.dots_of(note)),
            stamp(note.created_at),
            t["yes"] if note.is_paper else t["no"],
        ]
        if include_hidden:
            row.append(t["yes"] if note.hidden else t["no"])
        if include_names:
            row.append(_cell(d.author(note)))
        writer.writerow(row)
    # The BOM is how Excel knows the file is UTF-8; without it "één" turns into mojibake.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _plain(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def to_json(snapshot: Snapshot, options: ReportOptions) -> bytes:
    hidden_ids = {n.id for n in snapshot.notes if n.hidden}
    notes = [n for n in snapshot.notes if options.include_hidden or not n.hidden]
    votes = [
        v
        for v in snapshot.votes
        if options.include_hidden or v.note_id is None or v.note_id not in hidden_ids
    ]
    actions = [
        a
        for a in snapshot.actions
        if options.include_hidden or a.note_id is None or a.note_id not in hidden_ids
    ]
    participants = []
    for p in snapshot.participants:
        row = _plain(p)
        del row["token"]  # the token lets a phone write as this participant
        if not options.include_names:
            row["name"] = row["organisation"] = ""
        participants.append(row)
    when = options.generated_at or datetime.now().astimezone()
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": when.isoformat(timespec="seconds"),
        "include_names": options.include_names,
        "include_hidden": options.include_hidden,
        "workshop": _plain(snapshot.workshop),
        "groups": [_plain(g) for g in snapshot.groups],
        "rounds": [_plain(r) for r in snapshot.rounds],
        "participants": participants,
        "notes": [_plain(n) for n in notes],
        "clusters": [_plain(c) for c in snapshot.clusters],
        "votes": [_plain(v) for v in votes],
        "actions": [_plain(a) for a in actions],
        "phases": [
            {"round_id": r, "group_id": g, "phase": p}
            for (r, g), p in sorted(snapshot.phases.items())
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def from_json(data: bytes) -> Snapshot:
    """Read a JSON export back; participants come back without tokens (token "")."""
    doc = json.loads(data.decode("utf-8"))
    if doc.get("format") != JSON_FORMAT:
        raise ValueError("not a Facilitator snapshot export")
    if int(doc.get("version", 0)) > JSON_VERSION:
        raise ValueError(f"export version {doc['version']} is newer than {JSON_VERSION}")
    rounds = []
    for r in doc["rounds"]:
        r = dict(r, method=Method(r["method"]), visibility=Visibility(r["visibility"]))
        rounds.append(Round(**r))
    return Snapshot(
        workshop=Workshop(**doc["workshop"]),
        groups=tuple(Group(**g) for g in doc["groups"]),
        rounds=tuple(rounds),
        participants=tuple(Participant(**dict(p, token="")) for p in doc["participants"]),
        notes=tuple(Note(**n) for n in doc["notes"]),
        clusters=tuple(Cluster(**c) for c in doc["clusters"]),
        votes=tuple(Vote(**v) for v in doc["votes"]),
        actions=tuple(Action(**a) for a in doc["actions"]),
        phases={(p["round_id"], p["group_id"]): Phase(p["phase"]) for p in doc["phases"]},
    )
