"""Join codes, participant tokens and client note ids."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L: a code is read off a projector and typed on a phone.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 5
_CLIENT_NOTE_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
_JOIN_CODE = re.compile(f"[{JOIN_CODE_ALPHABET}]{{4,8}}")


def new_join_code(taken: set[str] | frozenset[str] = frozenset()) -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if code not in taken:
            return code


def new_token() -> str:
    """A participant's bearer token: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def normalise_join_code(raw: str) -> str | None:
    """Accept what people type ('abc 12', 'AbC12'); None when it cannot be a code."""
    if not isinstance(raw, str):
        return None
    code = raw.strip().upper().replace(" ", "").replace("-", "")
    return code if _JOIN_CODE.fullmatch(code) else None


def is_client_note_id(value: object) -> bool:
    return isinstance(value, str) and bool(_CLIENT_NOTE_ID.fullmatch(value))
