"""Refusals the engine hands back to the caller (besides RuleViolation and InvalidText)."""

from __future__ import annotations


class NotFound(LookupError):
    """The command names something that does not exist (or not for this participant)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found")
        self.what = what


class StorageUnavailable(OSError):
    """The disk refused the write (full, read-only, failing): nothing of the batch is stored.

    Not a refusal of the command: the same command succeeds once the fault goes, so the
    server answers 503 with Retry-After and the phone's outbox keeps the note.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"storage unavailable ({reason}): {detail}")
        self.reason = reason  # "full", "read_only", "io_error"
        self.detail = detail
