"""Plain-Python domain: the workshop's objects, phase rules, input cleaning, ids and tokens.

No I/O and no Qt here, so every rule can be tested in microseconds and reused by the
store, the engine, the server and the report alike.
"""

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

__all__ = [
    "Action",
    "Cluster",
    "Group",
    "Method",
    "Note",
    "Participant",
    "Phase",
    "Round",
    "Snapshot",
    "Visibility",
    "Vote",
    "Workshop",
]
