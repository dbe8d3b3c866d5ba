"""Handlers for preparing a workshop: event details, groups and rounds.

Edits publish the whole (small) list of groups or rounds, so every view simply replaces
its copy. Deleting refuses once people have made something in the group or round.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from facilitator.domain.rules import RuleViolation
from facilitator.domain.text import clean_optional, clean_text
from facilitator.engine import commands as c
from facilitator.engine import events as e
from facilitator.engine.errors import NotFound
from facilitator.store import Store
from facilitator.store.ports import HIGHEST as PORT_HIGHEST
from facilitator.store.ports import LOWEST as PORT_LOWEST
from facilitator.store.ports import is_free
from facilitator.store.specs import RoundSpec

Applied = tuple[Any, list[e.Event]]
QUESTION_MAX_CHARS = 500
TITLE_MAX_CHARS = 200
LANGUAGES = ("nl", "en")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CARDS_URL = re.compile(r"^https?://[^\s/]{1,200}$")  # scheme, host and port; no path


def _required(raw: str, what: str, max_chars: int) -> str:
    text = clean_optional(raw, max_chars=max_chars)
    if not text:
        raise RuleViolation("empty", f"the {what} is empty")
    return text


def _colour(raw: str) -> str:
    if not _COLOUR.match(raw):
        raise RuleViolation("bad_colour", "a colour is written #rrggbb")
    return raw.lower()


ROUND_TITLE_MAX_CHARS = 80  # a heading, not a second question


def _round_spec(spec: RoundSpec, *, may_be_unasked: bool = False) -> RoundSpec:
    """The spec as stored. `may_be_unasked`: the question may still be empty (a round
    just added waits for its question; SetPhase will not start it without one), but a
    question once written is changed, never wiped."""
    if not 60 <= spec.duration_s <= 4 * 3600:
        raise RuleViolation("bad_duration", "a round lasts between 1 minute and 4 hours")
    if not 60 <= spec.vote_duration_s <= 4 * 3600:
        raise RuleViolation("bad_duration", "voting lasts between 1 minute and 4 hours")
    if not 1 <= spec.dot_budget <= 20:
        raise RuleViolation("bad_budget", "the dot budget is between 1 and 20")
    unasked = may_be_unasked and not clean_optional(spec.question, max_chars=QUESTION_MAX_CHARS)
    question = "" if unasked else clean_text(spec.question, max_chars=QUESTION_MAX_CHARS)
    return replace(spec, question=question,
                   title=clean_optional(spec.title, max_chars=ROUND_TITLE_MAX_CHARS))


def _groups_changed(store: Store) -> list[e.Event]:
    return [e.GroupsChanged(tuple(store.groups()))]


def _rounds_changed(store: Store) -> list[e.Event]:
    return [e.RoundsChanged(tuple(store.rounds()))]


def _update_workshop(store: Store, cmd: c.UpdateWorkshop, now: float) -> Applied:
    if cmd.language not in LANGUAGES:
        raise RuleViolation("bad_language", f"language is one of {', '.join(LANGUAGES)}")
    if cmd.address not in (None, "je", "u"):
        raise RuleViolation("bad_address", "the form of address is 'je' or 'u'")
    store.update_workshop(
        _required(cmd.title, "title", TITLE_MAX_CHARS), clean_optional(cmd.date),
        clean_optional(cmd.place, max_chars=TITLE_MAX_CHARS),
        clean_optional(cmd.organisers, max_chars=TITLE_MAX_CHARS), cmd.language, cmd.address,
    )
    workshop = store.workshop()
    return workshop, [e.WorkshopChanged(workshop)]


def _set_port(store: Store, cmd: c.SetPort, now: float) -> Applied:
    if not PORT_LOWEST <= cmd.port <= PORT_HIGHEST:
        raise RuleViolation("bad_port",
                            f"a port is a number from {PORT_LOWEST} to {PORT_HIGHEST}")
    if cmd.port != store.workshop().port and not is_free(cmd.port):
        # Another program listens there now; it would take the port from the phones on
        # the day too. (A bind probe: microseconds, no waiting.)
        raise RuleViolation("port_taken", f"port {cmd.port} is in use by another program")
    store.set_port(cmd.port)
    workshop = store.workshop()
    return workshop, [e.WorkshopChanged(workshop)]


def _cards_url_ok(url: str) -> bool:
    if not _CARDS_URL.match(url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError on a port that is no number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _record_cards(store: Store, cmd: c.RecordCards, now: float) -> Applied:
    url = cmd.url.strip().rstrip("/")
    if not _cards_url_ok(url):
        raise RuleViolation("bad_url", "the cards' address is written http://ADDRESS:PORT")
    store.record_cards(url, now)
    workshop = store.workshop()
    return workshop, [e.WorkshopChanged(workshop)]


def _add_group(store: Store, cmd: c.AddGroup, now: float) -> Applied:
    group = store.add_group(_required(cmd.name, "name", 80), colour=_colour(cmd.colour),
                            host=clean_optional(cmd.host))
    active = store.workshop().active_round_id
    if active is not None:  # a latecomer group joins the round where the others are
        phases = {store.phase(active, g.id) for g in store.groups() if g.id != group.id}
        if len(phases) == 1:
            store.set_phase(active, group.id, phases.pop(), now)
    return group, _groups_changed(store)


def _update_group(store: Store, cmd: c.UpdateGroup, now: float) -> Applied:
    if store.group(cmd.group_id) is None:
        raise NotFound("group")
    store.update_group(cmd.group_id, _required(cmd.name, "name", 80), _colour(cmd.colour),
                       clean_optional(cmd.host))
    return store.group(cmd.group_id), _groups_changed(store)


def _delete_group(store: Store, cmd: c.DeleteGroup, now: float) -> Applied:
    group = store.group(cmd.group_id)
    if group is None:
        raise NotFound("group")
    if store.has_content(group_id=group.id):
        raise RuleViolation("has_content", "this group already has participants or notes")
    store.delete_group(group.id)
    return group, _groups_changed(store)


def _moved(ids: list[int], item: int, position: int) -> list[int]:
    ids.remove(item)
    ids.insert(max(0, min(position, len(ids))), item)
    return ids


def _move_group(store: Store, cmd: c.MoveGroup, now: float) -> Applied:
    ids = [g.id for g in store.groups()]
    if cmd.group_id not in ids:
        raise NotFound("group")
    store.reorder("groups", _moved(ids, cmd.group_id, cmd.position))
    return None, _groups_changed(store)


def _add_round(store: Store, cmd: c.AddRound, now: float) -> Applied:
    round_ = store.add_round(_round_spec(cmd.spec, may_be_unasked=True))
    if store.workshop().active_round_id is None:
        store.set_active_round(round_.id)
    return round_, _rounds_changed(store)


def _update_round(store: Store, cmd: c.UpdateRound, now: float) -> Applied:
    before = store.round(cmd.round_id)
    if before is None:
        raise NotFound("round")
    store.update_round(cmd.round_id, _round_spec(cmd.spec, may_be_unasked=not before.question))
    return store.round(cmd.round_id), _rounds_changed(store)


def _delete_round(store: Store, cmd: c.DeleteRound, now: float) -> Applied:
    round_ = store.round(cmd.round_id)
    if round_ is None:
        raise NotFound("round")
    if store.has_content(round_id=round_.id):
        raise RuleViolation("has_content", "this round already has notes")
    before = store.workshop().active_round_id
    store.delete_round(round_.id)
    changes = _rounds_changed(store)
    after = store.workshop().active_round_id
    if after != before and after is not None:
        changes.append(e.ActiveRoundChanged(after))
    return round_, changes


def _move_round(store: Store, cmd: c.MoveRound, now: float) -> Applied:
    ids = [r.id for r in store.rounds()]
    if cmd.round_id not in ids:
        raise NotFound("round")
    store.reorder("rounds", _moved(ids, cmd.round_id, cmd.position))
    return None, _rounds_changed(store)


HANDLERS: dict[type, Callable[[Store, Any, float], Applied]] = {
    c.UpdateWorkshop: _update_workshop,
    c.SetPort: _set_port,
    c.RecordCards: _record_cards,
    c.AddGroup: _add_group,
    c.UpdateGroup: _update_group,
    c.DeleteGroup: _delete_group,
    c.MoveGroup: _move_group,
    c.AddRound: _add_round,
    c.UpdateRound: _update_round,
    c.DeleteRound: _delete_round,
    c.MoveRound: _move_round,
}
