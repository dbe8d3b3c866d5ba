"""How many participants one network address may become per table.

A phone that comes back to a table is the same participant (its browser keeps one
`client_join_id` per table), so a person needs one identity per table and a phone shared
by two people, or a second browser on it, a few. A script that re-joins to get a fresh
dot budget each time needs many: past IDENTITIES_PER_ADDRESS new participants from one
address in one group, joining is refused (`429 too_many_participants`), while a retry
of a join this address already made still gets its participant back.

Counted since the server started (addresses are not stored in the workshop file): the
bound is against scripted re-joining during the day, not a record of who was where.
Runs on the server's loop only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

IDENTITIES_PER_ADDRESS = 4


class TooManyIdentities(Exception):
    """This address already made its share of participants in this group."""


class Identities:
    def __init__(self, limit: int = IDENTITIES_PER_ADDRESS) -> None:
        self.limit = limit
        self._made: dict[tuple[int, str], set[int]] = {}
        self._pending: dict[tuple[int, str], int] = {}

    def count(self, group_id: int, address: str) -> int:
        return len(self._made.get((group_id, address), ()))

    @contextmanager
    def admit(self, group_id: int, address: str) -> Iterator[set[int]]:
        """Hold a place while a new participant is made; add its id to the yielded set.

        Joins in flight count too, so ten joins sent at once cannot all slip past.
        """
        key = (group_id, address)
        made = self._made.setdefault(key, set())
        pending = self._pending.get(key, 0)
        if len(made) + pending >= self.limit:
            raise TooManyIdentities()
        self._pending[key] = pending + 1
        try:
            yield made
        finally:
            self._pending[key] -= 1
            if not self._pending[key]:
                del self._pending[key]
