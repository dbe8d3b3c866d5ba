"""Handlers for the wall's structure and its outcome: clusters, merged duplicates, dot
votes and action points. Same contract as engine.apply: check, write, return events."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from facilitator.domain import ranking
from facilitator.domain.model import Cluster, Note, Phase
from facilitator.domain.ranking import ItemKind
from facilitator.domain.rules import RuleViolation, check_dots, require_phase
from facilitator.domain.text import NAME_MAX_CHARS, clean_optional, clean_text
from facilitator.engine import commands as c
from facilitator.engine import events as e
from facilitator.engine.errors import NotFound
from facilitator.store import Reader, Store

Applied = tuple[Any, list[e.Event]]
ACTION_MAX_CHARS = 500


def votes_changed(store: Store, round_id: int, group_id: int) -> e.VotesChanged:
    return e.VotesChanged(round_id, group_id, tuple(store.votes_of_group(round_id, group_id)))


def _cluster(store: Store, cluster_id: int) -> Cluster:
    cluster = store.cluster(cluster_id)
    if cluster is None:
        raise NotFound("cluster")
    return cluster


def _note(store: Store, note_id: int) -> Note:
    note = store.note(note_id)
    if note is None:
        raise NotFound("note")
    return note


def _same_wall(note: Note, cluster: Cluster) -> None:
    if (note.group_id, note.round_id) != (cluster.group_id, cluster.round_id):
        raise RuleViolation("other_wall", "the note and the cluster are on different walls")


def _note_changed(store: Store, note_id: int) -> e.NoteChanged:
    return e.NoteChanged(_note(store, note_id))


def _create_cluster(store: Store, cmd: c.CreateCluster, now: float) -> Applied:
    if store.group(cmd.group_id) is None:
        raise NotFound("group")
    if store.round(cmd.round_id) is None:
        raise NotFound("round")
    name = clean_optional(cmd.name, max_chars=NAME_MAX_CHARS)
    cluster = store.add_cluster(cmd.group_id, cmd.round_id, name, cmd.x, cmd.y)
    changes: list[e.Event] = [e.ClusterAdded(cluster)]
    for note_id in cmd.note_ids:
        _same_wall(_note(store, note_id), cluster)
        store.set_note_cluster(note_id, cluster.id)
        changes.append(_note_changed(store, note_id))
    return cluster, changes


def _update_cluster(store: Store, cmd: c.UpdateCluster, now: float) -> Applied:
    old = _cluster(store, cmd.cluster_id)
    name = old.name if cmd.name is None else clean_optional(cmd.name, max_chars=NAME_MAX_CHARS)
    store.update_cluster(
        old.id,
        name=name,
        x=old.x if cmd.x is None else cmd.x,
        y=old.y if cmd.y is None else cmd.y,
    )
    new = _cluster(store, old.id)
    return new, [e.ClusterChanged(new)]


def _delete_cluster(store: Store, cmd: c.DeleteCluster, now: float) -> Applied:
    cluster = _cluster(store, cmd.cluster_id)
    members = [
        n.id
        for n in store.notes(group_id=cluster.group_id, round_id=cluster.round_id)
        if n.cluster_id == cluster.id
    ]
    had_votes = any(v.cluster_id == cluster.id for v in store.votes(round_id=cluster.round_id))
    store.delete_cluster(cluster.id)
    changes: list[e.Event] = [_note_changed(store, n) for n in members]
    changes.append(e.ClusterRemoved(cluster))
    if had_votes:
        changes.append(votes_changed(store, cluster.round_id, cluster.group_id))
    return cluster, changes


def _set_note_cluster(store: Store, cmd: c.SetNoteCluster, now: float) -> Applied:
    note = _note(store, cmd.note_id)
    if cmd.cluster_id is not None:
        _same_wall(note, _cluster(store, cmd.cluster_id))
    store.set_note_cluster(note.id, cmd.cluster_id)
    changed = _note_changed(store, note.id)
    return changed.note, [changed]


def _merge_note(store: Store, cmd: c.MergeNote, now: float) -> Applied:
    duplicate, into = _note(store, cmd.duplicate_id), _note(store, cmd.into_id)
    if duplicate.id == into.id or into.merged_into is not None:
        raise RuleViolation("bad_merge", "merge a note into another note that is not merged")
    if (duplicate.group_id, duplicate.round_id) != (into.group_id, into.round_id):
        raise RuleViolation("other_wall", "the notes are on different walls")
    followers = [
        n.id
        for n in store.notes(group_id=into.group_id, round_id=into.round_id)
        if n.merged_into == duplicate.id
    ]
    store.merge_note(duplicate.id, into.id)
    changes: list[e.Event] = [_note_changed(store, n) for n in (duplicate.id, *followers)]
    changes.append(votes_changed(store, into.round_id, into.group_id))
    return changes[0], changes


def _unmerge_note(store: Store, cmd: c.UnmergeNote, now: float) -> Applied:
    note = _note(store, cmd.note_id)
    store.unmerge_note(note.id)
    changed = _note_changed(store, note.id)
    return changed.note, [changed]


def vote_items(store: Reader, group_id: int, round_id: int) -> dict[str, str]:
    """What a group votes on (key -> label): the domain's rule over this wall's rows that
    can be items (clusters and loose notes; a clustered, hidden or merged note never is)."""
    return ranking.vote_items(
        store.clusters(group_id=group_id, round_id=round_id), store.loose_notes(group_id, round_id)
    )


def is_vote_item(store: Reader, group_id: int, round_id: int, key: str) -> bool:
    """Whether `key` is one of vote_items(...) by reading that one row: a cast vote names
    a few items, so checking it costs the same on a wall of 40 or 40,000 notes."""
    if not ranking.is_item_key(key):
        return False
    kind, item_id = ranking.parse_item_key(key)
    if kind is ItemKind.CLUSTER:
        cluster = store.cluster(item_id)
        return cluster is not None and (cluster.group_id, cluster.round_id) == (group_id, round_id)
    note = store.note(item_id)
    # The domain's rule, applied to this one note (loose, visible, not merged).
    return (
        note is not None
        and (note.group_id, note.round_id) == (group_id, round_id)
        and key in ranking.vote_items((), (note,))
    )


def _cast_votes(store: Store, cmd: c.CastVotes, now: float) -> Applied:
    participant = store.participant(cmd.participant_id)
    if participant is None:
        raise NotFound("participant")
    round_id = store.workshop().active_round_id
    round_ = store.round(round_id) if round_id is not None else None
    if round_ is None:
        raise NotFound("round")
    require_phase(store.phase(round_.id, participant.group_id), Phase.VOTE)
    allocation = dict(cmd.dots)
    if len(allocation) != len(cmd.dots):
        raise RuleViolation("bad_dots", "each item may appear once")
    check_dots(round_, allocation)
    unknown = [
        k
        for k, d in allocation.items()
        if d and not is_vote_item(store, participant.group_id, round_.id, k)
    ]
    if unknown:
        raise NotFound("vote item")
    rows = [
        (item_id, None, d) if kind is ItemKind.NOTE else (None, item_id, d)
        for (kind, item_id), d in ((ranking.parse_item_key(k), d) for k, d in allocation.items())
    ]
    store.replace_votes(participant.id, round_.id, rows)
    stored = {k: d for k, d in allocation.items() if d > 0}
    return stored, [votes_changed(store, round_.id, participant.group_id)]


def _clean_action(
    store: Store, cmd: c.AddAction | c.UpdateAction, group_id: int, round_id: int
) -> tuple[str, str, str]:
    if cmd.note_id is not None and (
        (n := _note(store, cmd.note_id)).group_id != group_id or n.round_id != round_id
    ):
        raise RuleViolation("other_wall", "the note is on another wall")
    if cmd.cluster_id is not None and (
        (cl := _cluster(store, cmd.cluster_id)).group_id != group_id or cl.round_id != round_id
    ):
        raise RuleViolation("other_wall", "the cluster is on another wall")
    return (
        clean_text(cmd.what, max_chars=ACTION_MAX_CHARS),
        clean_optional(cmd.who),
        clean_optional(cmd.due),
    )


def _add_action(store: Store, cmd: c.AddAction, now: float) -> Applied:
    if store.group(cmd.group_id) is None:
        raise NotFound("group")
    if store.round(cmd.round_id) is None:
        raise NotFound("round")
    what, who, due = _clean_action(store, cmd, cmd.group_id, cmd.round_id)
    action = store.add_action(
        cmd.group_id, cmd.round_id, what, who, due, cmd.note_id, cmd.cluster_id
    )
    return action, [e.ActionAdded(action)]


def _update_action(store: Store, cmd: c.UpdateAction, now: float) -> Applied:
    old = store.action(cmd.action_id)
    if old is None:
        raise NotFound("action")
    what, who, due = _clean_action(store, cmd, old.group_id, old.round_id)
    new = type(old)(old.id, old.group_id, old.round_id, what, who, due, cmd.note_id, cmd.cluster_id)
    store.update_action(new)
    return new, [e.ActionChanged(new)]


def _delete_action(store: Store, cmd: c.DeleteAction, now: float) -> Applied:
    action = store.action(cmd.action_id)
    if action is None:
        raise NotFound("action")
    store.delete_action(action.id)
    return action, [e.ActionRemoved(action)]


HANDLERS: dict[type, Callable[[Store, Any, float], Applied]] = {
    c.CreateCluster: _create_cluster,
    c.UpdateCluster: _update_cluster,
    c.DeleteCluster: _delete_cluster,
    c.SetNoteCluster: _set_note_cluster,
    c.MergeNote: _merge_note,
    c.UnmergeNote: _unmerge_note,
    c.CastVotes: _cast_votes,
    c.AddAction: _add_action,
    c.UpdateAction: _update_action,
    c.DeleteAction: _delete_action,
}
