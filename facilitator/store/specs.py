"""What a new workshop, group or round starts with (from a template or the editor)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from facilitator.domain.model import Method, Visibility, Workshop


@dataclass(frozen=True, slots=True)
class GroupSpec:
    name: str
    colour: str = "#f6d365"
    host: str = ""


@dataclass(frozen=True, slots=True)
class RoundSpec:
    question: str
    method: Method = Method.BRAINSTORM
    duration_s: int = 600
    visibility: Visibility = Visibility.VISIBLE
    dot_budget: int = 3
    multi_dots: bool = False
    title: str = ""  # short topic for the report's headings; "" = from the question
    vote_duration_s: int = 300  # the voting phase's own time (duration_s: collecting)


@dataclass(frozen=True, slots=True)
class WorkshopSpec:
    workshop: Workshop
    groups: Sequence[GroupSpec] = field(default_factory=tuple)
    rounds: Sequence[RoundSpec] = field(default_factory=tuple)
