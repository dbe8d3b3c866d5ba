"""A `facilitator serve` process killed with SIGKILL while phones post loses nothing it
acknowledged, and the file it leaves passes SQLite's integrity check. After a restart the
phones' outboxes go out again and every note is stored exactly once.

Each case kills at a moment drawn from its seed (printed on failure); bench/bench_crash.py
runs the same trial 50 or more times.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.crash_support import run_trial


@pytest.mark.parametrize("seed", [11, 23, 41, 43])
def test_sigkill_at_a_random_moment_loses_and_doubles_nothing(workshop_path: Path,
                                                              seed: int) -> None:
    trial = run_trial(workshop_path, seed, phones=16, max_kill_s=0.4)
    assert not trial.problems, (trial.kill_after_s, trial.problems)
    assert trial.lost == trial.duplicates == trial.integrity_failures == 0


def test_sigkill_with_many_notes_acknowledged(workshop_path: Path) -> None:
    """A late kill, so that the proof covers a file with hundreds of committed notes."""
    trial = run_trial(workshop_path, 5, phones=8, kill_after_acks=250,
                      max_kill_s=0.2)
    assert not trial.problems, trial.problems
    assert trial.acknowledged >= 250, "too few notes acknowledged to prove much"
