"""Refusals the engine hands back to the caller (besides RuleViolation and InvalidText)."""

from __future__ import annotations


class NotFound(LookupError):
    """The command names something that does not exist (or not for this participant)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found")
        self.what = what
