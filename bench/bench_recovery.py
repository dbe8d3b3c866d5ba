"""Recovery figures: notes recovered from each kind of damage, against the old answer
(restore the newest backup).

Run: `uv run python bench/bench_recovery.py [--seeds 5]`. Each case builds a workshop
where 10 phones posted 700 notes with a backup taken after note 300, closes it (all in
the main file) or leaves the last 224 in the WAL where the case needs it, damages it, and
runs `facilitator.store.recovery.recover`. Counted with plain SQL on the result: notes
present (all 700 acknowledged are known by id), lost, and what restoring the backup
alone would have kept (300).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator import templates  # noqa: E402
from facilitator.domain.model import Phase  # noqa: E402
from facilitator.engine import AddNote, Engine, Join, SetPhase  # noqa: E402
from facilitator.store import Store  # noqa: E402
from facilitator.store.backup import newer_backup, write_backup  # noqa: E402
from facilitator.store.recovery import recover  # noqa: E402

PAGE = 4096


def build(folder: Path, *, keep_wal: bool) -> tuple[Path, set[tuple[int, str]]]:
    """700 notes, a backup after 300; with keep_wal the last notes stay in the WAL (the
    writer is killed, so nothing checkpoints them: a copy of the folder mid-run)."""
    path = folder / "dag.workshop"
    templates.create(path)
    acked: set[tuple[int, str]] = set()
    engine = Engine(path).start()
    engine.execute(SetPhase(1, Phase.COLLECT))
    phones = [engine.execute(Join(1, name=f"p{i}")) for i in range(10)]
    if keep_wal:
        engine._checkpoint = lambda: None  # type: ignore[method-assign]
    for start, end in ((0, 300), (300, 700)):
        if start == 300:
            store = Store.open(path)
            write_backup(store._db, path)
            store.close()
            if keep_wal:
                conn = sqlite3.connect(path)
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                conn.close()
        futures = [
            engine.submit(
                AddNote(
                    1,
                    f"idee {i} " + "x" * 60,
                    participant_id=phones[i % 10].id,
                    client_note_id=f"note-{i:06d}",
                )
            )
            for i in range(start, end)
        ]
        for f in futures:
            note = f.result(60).note
            acked.add((note.participant_id, note.client_note_id))
    if keep_wal:
        snapshot = folder / "snap"
        snapshot.mkdir()
        for name in ("dag.workshop", "dag.workshop-wal"):
            shutil.copyfile(folder / name, snapshot / name)
        engine.stop()
        for name in ("dag.workshop", "dag.workshop-wal"):
            shutil.copyfile(snapshot / name, folder / name)
        (folder / "dag.workshop-shm").unlink(missing_ok=True)
    else:
        engine.stop()
    return path, acked


def zero_header(path: Path, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def flip_eight_bytes(path: Path, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    for _ in range(8):
        data[rng.randrange(100, len(data))] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


def overwrite_pages(count: int) -> Callable[[Path, random.Random], None]:
    def damage(path: Path, rng: random.Random) -> None:
        data = bytearray(path.read_bytes())
        for p in rng.sample(range(1, len(data) // PAGE), count):
            data[p * PAGE : (p + 1) * PAGE] = bytes(rng.randrange(256) for _ in range(PAGE))
        path.write_bytes(bytes(data))

    return damage


def cut_tail(path: Path, rng: random.Random) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 3 // 4])


def flip_wal_bit(path: Path, rng: random.Random) -> None:
    wal = path.with_name(path.name + "-wal")
    data = bytearray(wal.read_bytes())
    frame = 24 + PAGE
    frames = (len(data) - 32) // frame
    at = 32 + rng.randrange(frames // 3, frames) * frame + 24 + rng.randrange(PAGE)
    data[at] ^= 1 << rng.randrange(8)
    wal.write_bytes(bytes(data))


def lose_wal(path: Path, rng: random.Random) -> None:
    path.with_name(path.name + "-wal").unlink()


CASES: list[tuple[str, Callable[[Path, random.Random], None], bool]] = [
    ("first 100 bytes zeroed", zero_header, False),
    ("8 random bytes flipped", flip_eight_bytes, False),
    ("1 random page overwritten", overwrite_pages(1), False),
    ("6 random pages overwritten", overwrite_pages(6), False),
    ("last quarter of the file cut off", cut_tail, False),
    ("one bit flipped in a late WAL frame", flip_wal_bit, True),
    ("WAL lost, checkpoints off (the 400 after the backup only in it)", lose_wal, True),
]


def copy_during_load(seed: int) -> tuple[int, int, bool]:
    """A file manager's copy of the open `.workshop` while 10 phones post ~100 notes/s,
    with the engine's idle checkpoints on. (acknowledged at the copy, missing from it,
    noticed as a copy without its WAL when opened)."""
    import threading
    import time

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "dag.workshop"
        templates.create(path)
        acked: set[tuple[int, str]] = set()
        lock = threading.Lock()
        with Engine(path) as engine:
            engine.execute(SetPhase(1, Phase.COLLECT))
            phones = [engine.execute(Join(1, name=f"p{i}")) for i in range(10)]

            def post(i: int) -> None:
                local = random.Random(seed * 100 + i)
                for n in range(70):
                    note = engine.execute(
                        AddNote(
                            1,
                            f"idee {n}",
                            participant_id=phones[i].id,
                            client_note_id=f"p{i}-{n:06d}",
                        )
                    ).note
                    with lock:
                        acked.add((note.participant_id, note.client_note_id))
                    time.sleep(local.uniform(0.02, 0.18))

            threads = [threading.Thread(target=post, args=(i,)) for i in range(10)]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.5, 6.0))
            with lock:
                shutil.copyfile(path, folder / "kopie.workshop")
                at_copy = set(acked)
            for t in threads:
                t.join()
        missing = len(at_copy) - notes_in(folder / "kopie.workshop", at_copy)
        store = Store.open(folder / "kopie.workshop")
        noticed = store.opened_without_wal
        store.close()
        return len(at_copy), missing, noticed


def notes_in(path: Path, acked: set[tuple[int, str]]) -> int:
    conn = sqlite3.connect(path)
    try:
        have = set(conn.execute("SELECT participant_id, client_note_id FROM notes"))
    finally:
        conn.close()
    return len(acked & have)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    print(
        "| damage | runs | notes recovered (min-max of 700) | lost (min-max) | the backup alone |"
    )
    print("|---|---:|---:|---:|---:|")
    for name, damage, keep_wal in CASES if args.seeds else []:
        got: list[int] = []
        lost: list[int] = []
        for seed in range(args.seeds):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                path, acked = build(folder, keep_wal=keep_wal)
                damage(path, random.Random(seed))
                # A file that still opens but lacks work goes through newer_backup().
                backup = newer_backup(path)
                result = recover(path, folder / "hersteld.workshop", backup)
                got.append(notes_in(result.target, acked))
                lost.append(result.lost)
        print(f"| {name} | {args.seeds} | {min(got)}-{max(got)} | {min(lost)}-{max(lost)} | 300 |")
    print()
    print(
        "| copy of the open file | acknowledged at the copy | missing from the copy "
        "| noticed on opening |"
    )
    print("|---:|---:|---:|---|")
    for seed in range(args.copies):
        acked, missing, noticed = copy_during_load(seed)
        print(f"| {seed + 1} | {acked} | {missing} | {'yes' if noticed else 'NO'} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
