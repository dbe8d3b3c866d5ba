"""The data exports: CSV for spreadsheets (one row per cluster and per note, with their
dots, so the ranking can be rebuilt) and JSON for archiving (the whole snapshot with
every vote, readable back with from_json, plus the counts and rankings the report shows).

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
JSON_VERSION: Final = 3  # 2: rounds have a title; summary and rankings added
# 3: rounds have vote_duration_s and timer_phase (a timer per phase)

# A cell starting with one of these is a formula to Excel and LibreOffice: "=HYPERLINK(..)"
# typed on a phone must not become a live link in the KB's spreadsheet.
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def csv_rows(d: Digest) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the CSV: per round and table, first its clusters (kind
    "cluster", the dots put on the cluster), then its notes in arrival order (kind
    "notitie"/"note", the dots put on the note itself, and how many merged duplicates it
    stands for). Together they are every vote, so sorting one round and table's rows by
    dots gives its ranking. Merged duplicates are no rows: they are the note's
    ook_genoemd count."""
    t = strings(d.options.language, d.unit)
    include_hidden = d.options.include_hidden
    include_names = d.options.include_names
    header = [
        t["csv_group"],
        t["csv_round"],
        t["csv_question"],
        t["csv_kind"],
        t["csv_cluster"],
        t["csv_text"],
        t["csv_dots"],
        t["csv_also"],
        t["csv_time"],
        t["csv_paper"],
    ]
    if include_hidden:
        header.append(t["csv_hidden"])
    if include_names:
        header += [t["csv_author"], t["csv_organisation"]]
    group_pos = {g.id: i for i, g in enumerate(d.groups)}
    round_pos = {r.id: i for i, r in enumerate(d.rounds)}
    notes = d.visible + d.hidden if include_hidden else list(d.visible)
    notes.sort(key=lambda n: (round_pos[n.round_id], group_pos[n.group_id], n.created_at, n.id))
    by_cell: dict[tuple[int, int], list[Note]] = {}
    for note in notes:
        by_cell.setdefault((note.round_id, note.group_id), []).append(note)
    authors = {p.id: p for p in d.snapshot.participants}
    rows: list[list[str]] = []
    for round_ in d.rounds:
        for group in d.groups:
            lead = [_cell(group.name), str(round_pos[round_.id] + 1), _cell(round_.question)]
            for cluster in d.clusters_by_cell.get((round_.id, group.id), []):
                row = [
                    *lead,
                    t["kind_cluster"],
                    _cell(cluster.name),
                    "",
                    str(d.cluster_dots.get(cluster.id, 0)),
                    "",
                    "",
                    "",
                ]
                if include_hidden:
                    row.append("")
                if include_names:
                    row += ["", ""]
                rows.append(row)
            for note in by_cell.get((round_.id, group.id), []):
                row = [
                    *lead,
                    t["kind_note"],
                    _cell(d.cluster_name(note)),
                    _cell(note.text),
                    str(d.dots_of(note)),
                    str(d.also_of(note)),
                    stamp(note.created_at),
                    t["yes"] if note.is_paper else t["no"],
                ]
                if include_hidden:
                    row.append(t["yes"] if note.hidden else t["no"])
                if include_names:
                    person = authors.get(note.participant_id) if note.participant_id else None
                    row += [
                        _cell(person.name if person else ""),
                        _cell(person.organisation if person else ""),
                    ]
                rows.append(row)
    return header, rows


def to_csv(d: Digest) -> bytes:
    delimiter = d.options.csv_delimiter or (";" if d.options.language != "en" else ",")
    header, rows = csv_rows(d)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    # The BOM is how Excel knows the file is UTF-8; without it "één" turns into mojibake.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _plain(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def to_json(snapshot: Snapshot, options: ReportOptions) -> bytes:
    from facilitator.report.digest import digest

    d = digest(snapshot, options)
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
        "summary": _summary(d),
        "rankings": [
            {
                "round_id": round_.id,
                "group_id": group.id,
                "items": [
                    {
                        "key": item.key,
                        "kind": item.kind.value,
                        "id": item.item_id,
                        "label": item.label,
                        "dots": item.dots,
                        "rank": item.rank,
                        "tied": item.tied,
                    }
                    for item in d.rankings.get((round_.id, group.id), [])
                ],
            }
            for round_ in d.rounds
            for group in d.groups
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _summary(d: Digest) -> dict[str, Any]:
    """The counts the report prints: visible notes (a merged duplicate is not one), dots
    (a hidden note's are not counted, a duplicate's count for its original)."""
    notes_per_group: dict[int, int] = {}
    for note in d.visible:
        notes_per_group[note.group_id] = notes_per_group.get(note.group_id, 0) + 1
    return {
        "notes": len(d.visible),
        "merged_duplicates": len(d.merged),
        "hidden": len(d.hidden),
        "participants": len(d.snapshot.participants),
        "dots": sum(d.dots_per_group.values()),
        "groups": [
            {
                "group_id": g.id,
                "notes": notes_per_group.get(g.id, 0),
                "participants": d.participants_per_group[g.id],
                "dots": d.dots_per_group[g.id],
            }
            for g in d.groups
        ],
    }


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
        if r.get("timer_phase"):  # a timer per phase (version 2 files have none)
            r["timer_phase"] = Phase(r["timer_phase"])
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
