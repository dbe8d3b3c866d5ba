"""The per-group part of /api/state, cached per change of the group and bounded in size.

Why: /api/state read the whole wall for every phone (207 ms at 40,000 notes), and after a
phase change 300 phones asking at once took 45 s while another table's note waited 17 s.
Now the part every phone of a group shares (the count, the newest notes, the vote items)
is built once per change of that group (views.build_wall_view, bounded reads only) and
each phone adds only its own notes. The key is the group's change number from the
fan-out, which counts every change a phone of that group could see, so a cached view is
never older than what the group's stream has already said.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from facilitator.domain.model import Phase, Round
from facilitator.server.views import WallView, build_wall_view
from facilitator.store import Reader

CAPACITY = 64  # groups kept; a view holds at most ~564 notes, so ~15 MB at the very most


class WallViews:
    """Least-recently-used cache of WallView per group, keyed by its change number."""

    def __init__(
        self, store: Reader, version: Callable[[int], int], capacity: int = CAPACITY
    ) -> None:
        self._store = store
        self._version = version  # the fan-out's change number of a group (Hub.version)
        self._capacity = capacity
        self._views: OrderedDict[int, tuple[tuple[int, int, Phase], WallView]] = OrderedDict()
        self.builds = 0  # for tests and the curious: how often a view was made

    def get(self, group_id: int, round_: Round, phase: Phase) -> WallView:
        key = (self._version(group_id), round_.id, phase)
        entry = self._views.get(group_id)
        if entry is not None and entry[0] == key:
            self._views.move_to_end(group_id)
            return entry[1]
        view = build_wall_view(self._store, round_, phase, group_id)
        self.builds += 1
        self._views[group_id] = (key, view)
        self._views.move_to_end(group_id)
        while len(self._views) > self._capacity:
            self._views.popitem(last=False)
        return view
