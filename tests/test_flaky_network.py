"""Through a network that loses a third of the answers, drops connections and cuts
answers in half, phones that retry as the page's outbox does get every note stored
exactly once: the same client_note_id never makes a second note, and nothing is lost.

bench/bench_flaky.py runs the same with 10,000 notes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.flaky_support import run


@pytest.mark.parametrize("seed", [3, 8])
def test_retries_through_a_flaky_network_store_each_note_once(workshop_path: Path,
                                                              seed: int) -> None:
    outcome = run(workshop_path, notes=200, phones=20, seed=seed)
    assert not outcome.problems, outcome.problems
    assert outcome.acknowledged == outcome.notes == 200
    assert outcome.lost == outcome.duplicates == outcome.mismatched == 0
    # The network really was bad: answers were lost after the server stored the note.
    assert outcome.proxy.responses_dropped > 0 and outcome.counts.retries > 0


def test_a_very_bad_network_still_stores_each_note_once(workshop_path: Path) -> None:
    """Three answers in four lost, cut or never asked for: many retries per note, and
    still each note once."""
    outcome = run(workshop_path, notes=60, phones=6, seed=1, drop_connection=0.1,
                  drop_response=0.5, cut_response=0.15)
    assert not outcome.problems, outcome.problems
    assert outcome.acknowledged == outcome.notes == 60
    assert outcome.duplicates == outcome.lost == 0
    assert outcome.counts.retries >= 60
