"""A finished-looking workshop as a Snapshot: the template's eight tables and four
rounds, filled with the realistic sample notes, clustered by their hints, voted on, with
action points, a paper note and a hidden note.

For previews of the report (screenshots, the app's "example report"), the benchmark and
tests; deterministic for a given seed, so pictures and timings compare run to run.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from facilitator import templates
from facilitator.domain.model import (
    Action,
    Cluster,
    Group,
    Note,
    Participant,
    Phase,
    Round,
    Snapshot,
    Vote,
    Workshop,
)

_NAMES = (
    "Anouk de Vries",
    "Bram Jansen",
    "Carla Bakker",
    "Daan Visser",
    "Eva Smit",
    "Femke Mulder",
    "Gijs de Boer",
    "Hanneke Bos",
    "Ivo Peters",
    "Joke Hendriks",
)
_CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def sample_snapshot(
    *, total_notes: int | None = None, seed: int = 28, participants_per_group: int = 7
) -> Snapshot:
    """total_notes None: each table writes most of the sample notes of a question
    (8-15); a number: that many notes spread evenly over rounds and tables, cycling
    through the samples (the benchmark's 2,000 notes are 62-63 per cell)."""
    rng = random.Random(seed)
    spec = templates.load(templates.DEFAULT_TEMPLATE)
    questions: list[dict[str, Any]] = templates.demo_notes()
    workshop = Workshop(
        title=spec.workshop.title,
        date="28 mei 2026",
        place="Den Haag",
        organisers=spec.workshop.organisers,
        language="nl",
    )
    groups = tuple(
        Group(i + 1, g.name, "".join(rng.choice(_CODE_CHARS) for _ in range(6)), i, g.colour)
        for i, g in enumerate(spec.groups)
    )
    rounds = tuple(
        Round(
            i + 1,
            i,
            r.question,
            r.method,
            r.duration_s,
            r.visibility,
            r.dot_budget,
            r.multi_dots,
            title=r.title,
        )
        for i, r in enumerate(spec.rounds)
    )
    participants = tuple(
        Participant(
            g.id * 100 + k, g.id, f"token-{g.id}-{k}", _NAMES[(g.id + k) % len(_NAMES)], "", 0.0
        )
        for g in groups
        for k in range(participants_per_group)
    )
    start = datetime(2026, 5, 28, 10, 0).timestamp()
    notes: list[Note] = []
    clusters: list[Cluster] = []
    votes: list[Vote] = []
    note_id = cluster_id = 0
    cells = len(rounds) * len(groups)
    for r_index, round_ in enumerate(rounds):
        samples = questions[r_index % len(questions)]["notes"]
        for group in groups:
            cell = r_index * len(groups) + group.id - 1
            if total_notes is None:
                picked = [s for s in samples if rng.random() < 0.75] or samples[:3]
            else:
                count = total_notes // cells + (1 if cell < total_notes % cells else 0)
                picked = [samples[(cell + i) % len(samples)] for i in range(count)]
            by_name: dict[str, int] = {}
            members = [p for p in participants if p.group_id == group.id]
            for i, sample in enumerate(picked):
                note_id += 1
                hint = sample.get("cluster", "")
                loose = i == len(picked) - 1 and len(picked) > 3  # one note stays loose
                if hint and not loose and hint not in by_name:
                    cluster_id += 1
                    by_name[hint] = cluster_id
                    clusters.append(Cluster(cluster_id, group.id, round_.id, hint))
                text = sample["text"]
                if i >= len(samples):
                    text = f"{text} (ook {i // len(samples) + 1}e keer genoemd)"
                author = members[i % len(members)]
                when = start + r_index * 2700 + i * 37 + group.id * 5
                notes.append(
                    Note(
                        note_id,
                        group.id,
                        round_.id,
                        text,
                        None if i == 2 else author.id,
                        None if i == 2 else f"c{note_id}",
                        when,
                        when,
                        is_paper=i == 2,
                        cluster_id=None if loose or not hint else by_name[hint],
                    )
                )
            targets: list[tuple[int | None, int | None]] = [(None, c) for c in by_name.values()]
            targets += [(n.id, None) for n in notes[-len(picked) :] if n.cluster_id is None]
            for participant in members:
                if not targets:
                    break
                for _ in range(round_.dot_budget):
                    # Earlier clusters are the table's stronger themes: weight them up.
                    weights = range(len(targets) + 1, 1, -1)
                    note_choice, cluster_choice = rng.choices(targets, weights=weights)[0]
                    votes.append(Vote(participant.id, round_.id, note_choice, cluster_choice, 1))
    hidden_id = notes[0].id
    notes[0] = Note(
        hidden_id,
        notes[0].group_id,
        notes[0].round_id,
        "Dit is een ongepaste opmerking die de begeleider verborg",
        None,
        None,
        notes[0].created_at,
        notes[0].created_at,
        hidden=True,
    )
    notes.append(
        Note(
            note_id + 1,
            1,
            1,
            "<script>alert('hoi')</script> & <b>test</b>",
            None,
            None,
            start + 600,
            start + 600,
        )
    )
    third = groups[2]
    actions = (
        Action(
            1,
            third.id,
            1,
            "Verkenning landelijke aanpak laaggeletterdheid met de POI's",
            "Werkgroep basisvaardigheden",
            "1 september 2026",
        ),
        Action(
            2,
            third.id,
            1,
            "Data over bereik jeugd bundelen voor het convenant",
            "KB, afdeling onderzoek",
            "najaar 2026",
        ),
    )
    phases = {(r.id, g.id): Phase.CLOSED for r in rounds for g in groups}
    return Snapshot(
        workshop,
        groups,
        rounds,
        participants,
        tuple(notes),
        tuple(clusters),
        tuple(votes),
        actions,
        phases,
    )


# The realistic day of issue 12, fixed so page counts compare run to run.
REALISTIC_TABLE_SIZES = (7, 7, 7, 7, 6, 6, 6, 6)  # 52 participants
REALISTIC_NOTES = 862
REALISTIC_DOTS = 596
REALISTIC_BIG_CELL = (2, 5)  # (round position, table position) of the 330-note wall
REALISTIC_BIG_NOTES = 330
_ORGANISATIONS = (
    "Bibliotheek Utrecht",
    "Rijnbrink",
    "KB",
    "Bibliotheek Rotterdam",
    "ProBiblio",
    "Bibliotheek Midden-Brabant",
    "",
)
_ACTIONS = (
    (
        "Verkenning landelijke aanpak laaggeletterdheid met de POI's",
        "Werkgroep basisvaardigheden",
        "1 september 2026",
    ),
    ("Data over bereik jeugd bundelen voor het convenant", "KB, afdeling onderzoek", "najaar 2026"),
    ("Gezamenlijke boodschap richting gemeenten opstellen", "VOB", "juli 2026"),
    ("Pilot netwerkdienst in drie provincies voorbereiden", "SPN", "1 oktober 2026"),
    ("Overzicht van wat POI's al leveren aan de bibliotheken", "SPN", "zomer 2026"),
    ("Vraag aan de KB over landelijke collectie uitwerken", "Tafel 2", "augustus 2026"),
    ("Partners voor digitale inclusie in kaart brengen", "Bibliotheek Utrecht", "september 2026"),
    ("Cijfers over leesbevordering delen in het netwerkoverleg", "KB", "volgend overleg"),
    ("Convenanttekst toetsen bij vijf directeuren", "VOB en SPN", "juni 2026"),
    ("Bijeenkomst over positionering met wethouders", "VOB", "najaar 2026"),
    ("Eén contactpunt per provincie voor het netwerk", "SPN", "einde jaar"),
    ("Bereik onder jongeren meten met dezelfde definities", "KB, afdeling onderzoek", "begin 2027"),
    ("Voorbeelden van netwerkresultaten verzamelen", "Tafel 6", "juli 2026"),
    ("Financiering netwerktaken op de agenda van het bestuurlijk overleg", "VOB", "september 2026"),
    ("Terugkoppeling van deze dag aan alle directeuren", "KB, SPN en VOB", "binnen twee weken"),
)


def realistic_day(seed: int = 12) -> Snapshot:
    """The day the verslag must handle as it is: 8 tables, 4 rounds, 52 participants
    (with organisations), 862 notes (one wall of 330), 596 dots, clusters, paper
    notes, a hidden note, a merged duplicate and 15 action points. Deterministic."""
    rng = random.Random(seed)
    spec = templates.load(templates.DEFAULT_TEMPLATE)
    questions: list[dict[str, Any]] = templates.demo_notes()
    workshop = Workshop(
        title=spec.workshop.title,
        date="28 mei 2026",
        place="Den Haag",
        organisers=spec.workshop.organisers,
        language="nl",
    )
    groups = tuple(
        Group(i + 1, g.name, f"T{i + 1:02d}ABC", i, g.colour) for i, g in enumerate(spec.groups)
    )
    rounds = tuple(
        Round(
            i + 1,
            i,
            r.question,
            r.method,
            r.duration_s,
            r.visibility,
            r.dot_budget,
            r.multi_dots,
            title=r.title,
        )
        for i, r in enumerate(spec.rounds)
    )
    participants: list[Participant] = []
    for group, size in zip(groups, REALISTIC_TABLE_SIZES, strict=True):
        for _ in range(size):
            pid = len(participants) + 1
            participants.append(
                Participant(
                    pid,
                    group.id,
                    f"token-{pid}",
                    _NAMES[pid % len(_NAMES)],
                    _ORGANISATIONS[pid % len(_ORGANISATIONS)],
                    0.0,
                )
            )
    # Notes per wall: the big wall gets 330, the others share the rest about evenly.
    cells = [(r, g) for r in range(len(rounds)) for g in range(len(groups))]
    others = [c for c in cells if c != REALISTIC_BIG_CELL]
    rest = REALISTIC_NOTES - REALISTIC_BIG_NOTES
    counts = {
        c: rest // len(others) + (1 if i < rest % len(others) else 0) for i, c in enumerate(others)
    }
    for i in range(0, len(others) - 1, 2):  # uneven walls, same total
        shift = rng.randint(0, 6)
        counts[others[i]] += shift
        counts[others[i + 1]] -= shift
    counts[REALISTIC_BIG_CELL] = REALISTIC_BIG_NOTES
    start = datetime(2026, 5, 28, 10, 0).timestamp()
    notes: list[Note] = []
    clusters: list[Cluster] = []
    votes: list[Vote] = []
    for r_index, round_ in enumerate(rounds):
        samples = questions[r_index % len(questions)]["notes"]
        for g_index, group in enumerate(groups):
            members = [p for p in participants if p.group_id == group.id]
            by_name: dict[str, int] = {}
            cell_notes: list[Note] = []
            for i in range(counts[(r_index, g_index)]):
                sample = samples[(i + g_index) % len(samples)]
                hint = sample.get("cluster", "")
                loose = i % 11 == 10  # some notes stay outside a cluster
                if hint and not loose and hint not in by_name:
                    clusters.append(Cluster(len(clusters) + 1, group.id, round_.id, hint))
                    by_name[hint] = len(clusters)
                text = sample["text"]
                if i >= len(samples):
                    text = f"{text} ({i // len(samples) + 1}e variant)"
                paper = i % 9 == 4
                author = members[i % len(members)]
                when = start + r_index * 2700 + i * 7 + g_index
                note = Note(
                    len(notes) + 1,
                    group.id,
                    round_.id,
                    text,
                    None if paper else author.id,
                    None if paper else f"c{len(notes) + 1}",
                    when,
                    when,
                    is_paper=paper,
                    cluster_id=None if loose or not hint else by_name[hint],
                )
                notes.append(note)
                cell_notes.append(note)
            targets: list[tuple[int | None, int | None]] = [(None, c) for c in by_name.values()]
            targets += [(n.id, None) for n in cell_notes if n.cluster_id is None]
            for participant in members:
                for _ in range(round_.dot_budget):
                    weights = range(len(targets) + 1, 1, -1)
                    note_choice, cluster_choice = rng.choices(targets, weights=weights)[0]
                    votes.append(Vote(participant.id, round_.id, note_choice, cluster_choice, 1))
    votes = [v for v in votes if v.note_id != notes[3].id]  # note 4 will be hidden
    # Not everyone spends every dot: keep 596 of those a full turnout would give.
    rng.shuffle(votes)
    votes = sorted(votes[:REALISTIC_DOTS], key=lambda v: (v.round_id, v.participant_id))
    # One note hidden by the facilitator, one duplicate merged into its twin.
    notes[3] = Note(
        notes[3].id,
        notes[3].group_id,
        notes[3].round_id,
        "Dit is een ongepaste opmerking die de begeleider verborg",
        None,
        None,
        notes[3].created_at,
        notes[3].created_at,
        hidden=True,
    )
    twin = notes[20]
    notes[21] = Note(
        notes[21].id,
        twin.group_id,
        twin.round_id,
        twin.text,
        notes[21].participant_id,
        notes[21].client_note_id,
        notes[21].created_at,
        notes[21].updated_at,
        merged_into=twin.id,
    )
    actions = []
    for i, (what, who, due) in enumerate(_ACTIONS):
        round_ = rounds[3] if i < 9 else rounds[i % 3]
        group = groups[i % len(groups)]
        cluster = next(
            (c for c in clusters if c.round_id == round_.id and c.group_id == group.id), None
        )
        actions.append(
            Action(
                i + 1,
                group.id,
                round_.id,
                what,
                who,
                due,
                cluster_id=cluster.id if cluster and i % 2 == 0 else None,
            )
        )
    phases = {(r.id, g.id): Phase.CLOSED for r in rounds for g in groups}
    return Snapshot(
        workshop,
        groups,
        rounds,
        tuple(participants),
        tuple(notes),
        tuple(clusters),
        tuple(votes),
        tuple(actions),
        phases,
    )
