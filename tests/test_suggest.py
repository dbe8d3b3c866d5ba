"""Grouping suggestions (facilitator.suggest): Dutch text handling, clusters, duplicates,
determinism and the `facilitator suggest` command. Quality figures are in
bench/bench_suggest.py, not here."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.cli import main as cli_main
from facilitator.domain.model import Note
from facilitator.suggest import Analyzer, DuplicateIndex, SourceNote, light_stem, suggest
from facilitator.suggest.lexicon import fold
from facilitator.suggest.proposals import Kind, proposals, still_valid
from facilitator.suggest.room import TableCluster, shared_themes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


# -- Dutch text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("leesbevordering", ("lees", "bevordering")),
        ("basisvaardigheden", ("basis", "vaardigheden")),
        ("bibliotheekwerk", ("bibliotheek", "werk")),
        ("taalhuisvrijwilligers", ("taal", "huis", "vrijwilligers")),
        ("ict-voorzieningen", ("ict", "voorzieningen")),
    ],
)
def test_compounds_split_on_known_parts(analyzer: Analyzer, word: str, parts: tuple[str, ...]):
    assert analyzer.parts(word) == parts


def test_words_that_are_no_compounds_stay_whole(analyzer: Analyzer):
    assert analyzer.parts("gemeente") == ()
    assert analyzer.parts("vertrouwen") == ()


def test_a_compound_matches_a_note_that_writes_its_parts(analyzer: Analyzer):
    compound = analyzer.analyse("Leesbevordering voor peuters")
    parts = analyzer.analyse("Plezier in lezen")
    shared = {k for k in compound.features if k.startswith("w:")} & set(parts.features)
    assert shared == {"w:" + light_stem("lezen")}
    # the compound itself is kept whole as well, for the theme view and for naming
    assert "w:" + light_stem("leesbevordering") in compound.features


def test_case_and_accents_are_folded(analyzer: Analyzer):
    assert fold("Financiële REDZAAMHEID") == "financiele redzaamheid"
    a = analyzer.analyse("Financiële redzaamheid")
    b = analyzer.analyse("financiele Redzaamheid")
    assert a.features == b.features


def test_plural_and_singular_meet(analyzer: Analyzer):
    for one, many in [
        ("taalhuis", "taalhuizen"),
        ("bibliotheek", "bibliotheken"),
        ("school", "scholen"),
        ("vaardigheid", "vaardigheden"),
    ]:
        assert light_stem(one) == light_stem(many), (one, many)


def test_abbreviations_are_kept_whole(analyzer: Analyzer):
    text = analyzer.analyse("POI's, de KB en SPN met de VOB, BoekStart en dBos")
    for abbreviation in ("poi", "kb", "spn", "vob", "boekstart", "dbos"):
        assert "a:" + abbreviation in text.features
    assert not any(k.startswith("w:") for k in text.features)  # the rest are stop words


def test_written_out_abbreviations_count_as_the_abbreviation(analyzer: Analyzer):
    short = analyzer.analyse("IDO in elke bibliotheek")
    long = analyzer.analyse("Een Informatiepunt Digitale Overheid in iedere bibliotheek")
    assert short.stems == long.stems == {"ido"}
    assert analyzer.analyse("De Bibliotheek op school").stems == {"dbos"}


def test_stop_words_say_nothing(analyzer: Analyzer):
    assert analyzer.analyse("wat we met de bibliotheek willen").features == {}


def test_the_thesaurus_links_notes_without_a_shared_word(analyzer: Analyzer):
    a = analyzer.analyse("Laaggeletterdheid aanpakken")
    b = analyzer.analyse("Een Taalhuis in elke kern")
    assert not (a.stems & b.stems)
    assert "t:basisvaardigheden" in a.features
    assert "t:basisvaardigheden" in b.features


# -- clusters and duplicates ------------------------------------------------------------

TABLE = [
    "Een Taalhuis in elke gemeente",
    "In iedere gemeente een taalhuis, ook in de kleine",
    "Laaggeletterdheid aanpakken met taalcafes en taalmaatjes",
    "NT2 lessen en inburgering samen met de gemeente",
    "Bibliotheek op school in elk basisschool",
    "dBos op alle basisscholen uitrollen",
    "Leesconsulenten structureel op elke school",
    "Koffie was op",
    "Goede lunch!",
]


def _notes(texts: list[str]) -> list[SourceNote]:
    return [SourceNote(f"n{i}", t) for i, t in enumerate(texts)]


def test_clusters_group_a_theme_and_leave_uncertain_notes_out():
    result = suggest(_notes(TABLE))
    clusters = {g.name: set(g.note_ids) for g in result.groupings}
    assert clusters["Basisvaardigheden"] >= {"n0", "n1", "n2"}
    assert clusters["Onderwijs"] >= {"n4", "n5"}
    placed = [i for g in result.groupings for i in g.note_ids]
    assert len(placed) == len(set(placed))  # every note in at most one cluster
    assert "n7" not in placed and "n8" not in placed  # coffee and lunch stay loose


def test_duplicates_are_scored_and_sure():
    result = suggest(_notes(TABLE))
    pairs = {d.note_ids: d.score for d in result.duplicates}
    assert ("n0", "n1") in pairs
    assert 0.6 <= pairs[("n0", "n1")] <= 1.0
    assert ("n4", "n5") in pairs  # "Bibliotheek op school" is written "dBos" too
    # same theme, different claim: not a duplicate
    assert ("n0", "n2") not in pairs and ("n4", "n6") not in pairs


def test_existing_clusters_are_kept_as_given():
    notes = [
        SourceNote("a", "Taalhuizen in elke gemeente", cluster=1),
        SourceNote("b", "Laaggeletterdheid samen aanpakken", cluster=1),
        SourceNote("c", "dBos op alle basisscholen", cluster=2),
        SourceNote("d", "Taalmaatjes en taalcafes voor laaggeletterden"),
        SourceNote("e", "Leesconsulent op elke basisschool"),
        SourceNote("f", "Koffie was op"),
    ]
    result = suggest(notes, {1: "Basisvaardigheden", 2: "Onderwijs"})
    by_existing = {g.existing: g.note_ids for g in result.groupings}
    assert by_existing[1] == ("d",)
    assert by_existing[2] == ("e",)
    placed = [i for g in result.groupings for i in g.note_ids]
    assert not {"a", "b", "c"} & set(placed)  # the facilitator's notes are not proposed again
    assert "f" not in placed


def test_the_same_input_gives_the_same_suggestions():
    first = suggest(_notes(TABLE))
    again = suggest(_notes(TABLE), analyzer=Analyzer())
    assert first == again


def test_live_duplicate_marker_finds_what_the_batch_finds(analyzer: Analyzer):
    index = DuplicateIndex()
    live = set()
    for i, text in enumerate(TABLE):
        for other, _score in index.add(f"n{i}", analyzer.analyse(text)):
            live.add((other, f"n{i}"))
    batch = {d.note_ids for d in suggest(_notes(TABLE)).duplicates}
    assert live == batch == {("n0", "n1"), ("n4", "n5")}


def test_the_live_marker_scores_a_bounded_number_per_note_in_a_flood(
    monkeypatch: pytest.MonkeyPatch,
):
    """The wall's marker runs on the GUI thread for every arriving note: a flood that
    repeats 50 texts must not make each new copy score every earlier copy (the
    window's timer was seconds late at 2,000 notes/s). Copies are still marked."""
    from facilitator.suggest import duplicates as duplicates_module
    from facilitator.suggest.proposals import LIVE_MAX_SCORED, WallDuplicates

    scored = 0
    real = duplicates_module.pair_score

    def counting(*args, **kwargs):
        nonlocal scored
        scored += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(duplicates_module, "pair_score", counting)
    wall = WallDuplicates()
    # As bench_load.py sends: 50 texts over and over, each note with its own tag.
    rng = random.Random(7)
    words = ["".join(rng.choice("bdfgklmnprstv") + rng.choice("aeiou") for _ in range(4))
             for _ in range(200)]
    texts = [" ".join(words[4 * k : 4 * k + 4]) for k in range(50)]
    most = marked = 0
    for i in range(2000):
        before = scored
        note = Note(i + 1, 1, 1, f"{texts[i % 50]} [lt{i}]", None, None, 0.0, 0.0)
        found = wall.add(note)
        most = max(most, scored - before)
        marked += bool(found)
    assert most <= LIVE_MAX_SCORED
    assert marked > 1000  # still a marker: most copies are seen as duplicates


# -- the command line -------------------------------------------------------------------


def test_cli_suggest_prints_clusters_and_duplicates(tmp_path: Path, capsys):
    notes = tmp_path / "notes.json"
    notes.write_text(
        json.dumps(
            {"language": "nl", "notes": [{"id": f"n{i}", "text": t} for i, t in enumerate(TABLE)]}
        ),
        encoding="utf-8",
    )
    assert cli_main(["suggest", str(notes)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"clusters", "duplicates"}
    assert all(set(c) == {"name", "note_ids"} and c["name"] for c in out["clusters"])
    ids = [i for c in out["clusters"] for i in c["note_ids"]]
    assert len(ids) == len(set(ids)) and "n7" not in ids
    assert {"note_ids": ["n0", "n1"], "score": out["duplicates"][0]["score"]} in out["duplicates"]


def test_cli_suggest_names_clusters_in_english(tmp_path: Path, capsys):
    notes = tmp_path / "notes.json"
    notes.write_text(
        json.dumps(
            {"language": "en", "notes": [{"id": i, "text": t} for i, t in enumerate(TABLE)]}
        ),
        encoding="utf-8",
    )
    assert cli_main(["suggest", str(notes)]) == 0
    names = {c["name"] for c in json.loads(capsys.readouterr().out)["clusters"]}
    assert "Basic skills" in names


@pytest.mark.parametrize(
    "bad",
    [
        '{"notes": "x"}',
        "[1, 2]",
        '{"notes": [{"id": 1}]}',
        '{"notes": [{"id": 1, "text": "a"}, {"id": 1, "text": "b"}]}',
        "not json",
    ],
)
def test_cli_suggest_refuses_what_is_no_notes_file(tmp_path: Path, capsys, bad: str):
    notes = tmp_path / "notes.json"
    notes.write_text(bad, encoding="utf-8")
    assert cli_main(["suggest", str(notes)]) == 2
    assert "facilitator:" in capsys.readouterr().err


def test_cli_suggest_is_deterministic_across_processes(tmp_path: Path):
    """Python salts str hashes per process: the output must not depend on set order."""
    shared = ROOT.parent / "shared" / "data" / "sample-notes.json"
    source = shared if shared.exists() else ROOT / "bench" / "data" / "labelled-notes.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    texts = [n["text"] for q in data["questions"] for n in q["notes"]]
    # Ties that only a sorted order settles: each note names two themes equally.
    texts += [
        "Taalhuis en dBos samen",
        "Laaggeletterdheid op de basisschool",
        "Taalhuis op school",
        "dBos en laaggeletterdheid",
    ]
    notes = tmp_path / "notes.json"
    notes.write_text(
        json.dumps({"notes": [{"id": i, "text": t} for i, t in enumerate(texts)]}), encoding="utf-8"
    )
    outputs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "facilitator.cli", "suggest", str(notes)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["clusters"]


# -- proposals for the wall (Qt-free rules) ----------------------------------------------


def _wall_notes(texts: list[str], cluster: dict[int, int] | None = None) -> list[Note]:
    cluster = cluster or {}
    return [
        Note(
            id=i + 1,
            group_id=1,
            round_id=1,
            text=t,
            participant_id=None,
            client_note_id=None,
            created_at=0.0,
            updated_at=0.0,
            cluster_id=cluster.get(i + 1),
        )
        for i, t in enumerate(texts)
    ]


def test_proposals_put_duplicates_first_and_never_return_a_rejected_one():
    notes = _wall_notes(TABLE)
    found = proposals(notes, [])
    assert found[0].kind is Kind.MERGE and found[0].note_ids == (1, 2)
    assert {p.kind for p in found} == {Kind.MERGE, Kind.NEW_CLUSTER}
    again = proposals(notes, [], rejected=frozenset({found[0].key}))
    assert found[0].key not in {p.key for p in again}
    assert len(again) == len(found) - 1


def test_proposals_leave_hidden_and_merged_notes_alone():
    notes = _wall_notes(TABLE)
    notes[1] = replace(notes[1], merged_into=1)
    notes[4] = replace(notes[4], hidden=True)
    found = proposals(notes, [])
    assert not any({2, 5} & set(p.note_ids) for p in found)


def test_a_proposal_the_wall_moved_past_is_no_longer_valid():
    notes = _wall_notes(TABLE)
    new = next(p for p in proposals(notes, []) if p.kind is Kind.NEW_CLUSTER)
    by_id = {n.id: n for n in notes}
    assert still_valid(new, by_id, set())
    moved = dict(by_id)
    moved[new.note_ids[0]] = replace(by_id[new.note_ids[0]], cluster_id=7)
    assert not still_valid(new, moved, {7})


# -- themes over all tables, for the verslag ---------------------------------------------


def test_shared_themes_join_tables_clusters_by_name_and_by_content():
    clusters = [
        TableCluster(
            1,
            "Tafel 1",
            "Basisvaardigheden",
            ("Taalhuis in elke gemeente", "Laaggeletterdheid aanpakken"),
        ),
        TableCluster(
            2,
            "Tafel 2",
            "Taal en geletterdheid",
            ("Taalmaatjes voor laaggeletterden", "NT2 en inburgering"),
        ),
        TableCluster(3, "Tafel 3", "basisvaardigheden ", ("Rekenvaardigheid en taal",)),
        TableCluster(4, "Tafel 1", "Jeugd", ("dBos op elke basisschool",)),
        TableCluster(5, "Tafel 4", "Koffie", ("Koffie was op",)),
        TableCluster(6, "Tafel 2", "Leeg", ()),
    ]
    themes = shared_themes(clusters)
    assert [t.name for t in themes] == ["Basisvaardigheden"]
    (theme,) = themes
    assert {m.cluster_id for m in theme.members} == {1, 2, 3}
    assert theme.tables == 3 and theme.notes == 5
