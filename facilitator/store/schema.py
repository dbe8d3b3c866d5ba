"""The schema and its migrations, versioned with PRAGMA user_version.

MIGRATIONS[i] takes a file from version i to i+1. Never edit a released migration;
append a new one (tests migrate a file of every earlier version).
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 0 -> 1: the first schema.
    """
    CREATE TABLE workshop (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        title TEXT NOT NULL,
        date TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        organisers TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT 'nl',
        active_round_id INTEGER
    );
    CREATE TABLE groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        code TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL,
        colour TEXT NOT NULL DEFAULT '#f6d365',
        host TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL,
        question TEXT NOT NULL,
        method TEXT NOT NULL,
        duration_s INTEGER NOT NULL,
        visibility TEXT NOT NULL,
        dot_budget INTEGER NOT NULL,
        multi_dots INTEGER NOT NULL DEFAULT 0,
        -- The round's timer: running while ends_at is set; paused keeps remaining_s.
        timer_ends_at REAL,
        timer_remaining_s REAL
    );
    CREATE TABLE phases (
        round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        phase TEXT NOT NULL,
        PRIMARY KEY (round_id, group_id)
    ) WITHOUT ROWID;
    CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES groups(id),
        token TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        joined_at REAL NOT NULL
    );
    CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES groups(id),
        round_id INTEGER NOT NULL REFERENCES rounds(id),
        name TEXT NOT NULL,
        x REAL NOT NULL DEFAULT 0,
        y REAL NOT NULL DEFAULT 0
    );
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES groups(id),
        round_id INTEGER NOT NULL REFERENCES rounds(id),
        participant_id INTEGER REFERENCES participants(id),
        client_note_id TEXT,
        text TEXT NOT NULL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        is_paper INTEGER NOT NULL DEFAULT 0,
        hidden INTEGER NOT NULL DEFAULT 0,
        cluster_id INTEGER REFERENCES clusters(id) ON DELETE SET NULL,
        x REAL,
        y REAL,
        merged_into INTEGER REFERENCES notes(id),
        deleted INTEGER NOT NULL DEFAULT 0
    );
    -- One note per participant and client id, however often a phone retries.
    CREATE UNIQUE INDEX notes_client_id ON notes(participant_id, client_note_id)
        WHERE client_note_id IS NOT NULL;
    CREATE INDEX notes_wall ON notes(group_id, round_id);
    CREATE TABLE votes (
        participant_id INTEGER NOT NULL REFERENCES participants(id),
        round_id INTEGER NOT NULL REFERENCES rounds(id),
        note_id INTEGER REFERENCES notes(id),
        cluster_id INTEGER REFERENCES clusters(id),
        dots INTEGER NOT NULL CHECK (dots > 0),
        CHECK ((note_id IS NULL) <> (cluster_id IS NULL))
    );
    CREATE INDEX votes_round ON votes(round_id, participant_id);
    CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES groups(id),
        round_id INTEGER NOT NULL REFERENCES rounds(id),
        what TEXT NOT NULL,
        who TEXT NOT NULL DEFAULT '',
        due TEXT NOT NULL DEFAULT '',
        note_id INTEGER REFERENCES notes(id),
        cluster_id INTEGER REFERENCES clusters(id) ON DELETE SET NULL
    );
    """,
    # 1 -> 2: the live count a wall's phones get reads this index alone, not every row
    # of a 20,000-note wall (bench/bench_load.py).
    """
    CREATE INDEX notes_shown ON notes(group_id, round_id, merged_into)
        WHERE deleted = 0 AND hidden = 0;
    """,
    # 2 -> 3: a phone names its join attempt, so a retry after a lost answer gets the
    # same participant instead of a second one (which would inflate the report's count).
    """
    ALTER TABLE participants ADD COLUMN client_join_id TEXT;
    CREATE UNIQUE INDEX participants_client_join ON participants(group_id, client_join_id)
        WHERE client_join_id IS NOT NULL;
    """,
    # 3 -> 4: a round's short title (its topic) heads the report's pages instead of
    # "Ronde 1: 1-2-4-Allen"; empty means "take the start of the question".
    """
    ALTER TABLE rounds ADD COLUMN title TEXT NOT NULL DEFAULT '';
    """,
    # 4 -> 5: a commit counter kept in the file (and so in every backup): backups are
    # ordered by it, not by name or clock, and a file older than its newest backup (a
    # copy taken without its WAL) is noticed. writer_open is 1 while the app has the file
    # open for writing, checkpointed into the main file: a copy of the main file alone
    # that says 1 and has no WAL beside it was copied while open.
    """
    CREATE TABLE commits (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        n INTEGER NOT NULL,
        writer_open INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO commits (id, n) VALUES (1, 0);
    """,
    # 5 -> 6: notes that reach the laptop after their round stopped taking notes are
    # stored there, marked late, within a bound measured from when the group left
    # collecting (phases.changed_at); a client_note_id is looked up across the workshop,
    # so a retry by a second participant of the same phone never stores it twice; the
    # workshop's form of address on the phone ("je" or "u").
    """
    ALTER TABLE phases ADD COLUMN changed_at REAL;
    ALTER TABLE notes ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX notes_client_note ON notes(client_note_id) WHERE client_note_id IS NOT NULL;
    ALTER TABLE workshop ADD COLUMN address TEXT NOT NULL DEFAULT 'je';
    """,
    # 6 -> 7: what a group votes on is read without reading its wall (issue 17): the notes
    # that are items (in no cluster, visible, not merged) are one range of this index,
    # and a cluster's notes another, so the vote phase's items and the check of a cast
    # vote cost the same at 40 and at 40,000 notes.
    """
    CREATE INDEX notes_items ON notes(group_id, round_id, cluster_id)
        WHERE deleted = 0 AND hidden = 0 AND merged_into IS NULL;
    """,
    # 7 -> 8: a timer per phase (it only adds columns).
    # Voting gets its own time beside the round's duration (collecting), and the timer
    # says which phase it times, so it stops when that phase ends, also after a restart.
    """
    ALTER TABLE rounds ADD COLUMN vote_duration_s INTEGER NOT NULL DEFAULT 300;
    ALTER TABLE rounds ADD COLUMN timer_phase TEXT;
    """,
    # 8 -> 9: a stable address for the day. The workshop keeps the port its phones use
    # (printed table cards carry it); a file from before keeps 8321, the port it always
    # had. cards_url is the http://ADDRESS:PORT printed on the table cards last exported
    # (cards_printed_at when), so the join panel and the next cards can say when the
    # address served now is not the one on the tables.
    """
    ALTER TABLE workshop ADD COLUMN port INTEGER;
    UPDATE workshop SET port = 8321;
    ALTER TABLE workshop ADD COLUMN cards_url TEXT NOT NULL DEFAULT '';
    ALTER TABLE workshop ADD COLUMN cards_printed_at REAL;
    """,
    # 9 -> 10: the workshop's identity, random once per file (Store.create sets it for a
    # new file; an existing file gets one here). The participant server names it on every
    # answer, so a phone can tell "this laptop is on another workshop" from "this workshop
    # does not know me": its token and outbox wait for their own workshop instead of
    # being dropped. Copies and backups carry it, as they carry the tokens.
    """
    ALTER TABLE workshop ADD COLUMN uid TEXT NOT NULL DEFAULT '';
    UPDATE workshop SET uid = lower(hex(randomblob(16)));
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
