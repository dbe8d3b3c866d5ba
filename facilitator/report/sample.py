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
            i + 1, i, r.question, r.method, r.duration_s, r.visibility, r.dot_budget, r.multi_dots
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
