"""The one shape of every refusal, and reading a request body without trusting it.

Phones translate refusals by `code`, so each one is JSON `{"error": {"code", "message"}}`
with the right 4xx; bad input must never reach a handler as an exception that turns into
a 500.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

MAX_BODY = 16 * 1024  # a note is 280 characters; 16 KB leaves room and stops floods
JSON_HEADERS = {"Cache-Control": "no-store"}


class ApiError(Exception):
    """A refusal for the client: HTTP status, stable code, English message."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def json_response(data: object, status: int = 200,
                  headers: dict[str, str] | None = None) -> web.Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return web.Response(
        body=body, status=status, content_type="application/json", charset="utf-8",
        headers={**JSON_HEADERS, **(headers or {})},
    )


def error_response(error: ApiError) -> web.Response:
    payload = {"error": {"code": error.code, "message": error.message}}
    return json_response(payload, error.status, error.headers)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


async def read_json(request: web.Request, timeout: float = 10.0) -> dict[str, Any]:
    """The body as a JSON object, or an ApiError saying exactly what is wrong with it.

    `timeout` bounds the wait for the body: a client that sends its head and then the
    body a byte at a time would otherwise hold this handler for ever.
    """
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise ApiError(413, "too_large", f"the body is larger than {MAX_BODY} bytes")
    if request.content_type != "application/json":
        raise ApiError(415, "not_json", "send the body as application/json")
    try:
        if request.content.is_eof():
            # The whole body came with the head (a phone's note always does): read()
            # cannot wait, so no timer (a Timeout per note showed under a flood).
            raw = await request.read()
        else:
            async with asyncio.timeout(timeout):
                raw = await request.read()  # the app's client_max_size enforces MAX_BODY too
    except web.HTTPRequestEntityTooLarge as exc:
        raise ApiError(413, "too_large", f"the body is larger than {MAX_BODY} bytes") from exc
    except TimeoutError as exc:
        # aiohttp closes the connection after the answer: the body is unfinished.
        raise ApiError(408, "too_slow", "the body took too long to arrive") from exc
    except web.RequestPayloadError as exc:
        # A Content-Encoding (gzip, deflate) that does not decode, or a broken chunked
        # body: aiohttp raises this from read(), which used to surface as a 500.
        raise ApiError(400, "bad_encoding", "the body could not be decoded") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "bad_encoding", "the body is not valid UTF-8") from exc
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "bad_json", "the body is not valid JSON") from exc
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "the body must be a JSON object")
    return data


def field_str(data: dict[str, Any], name: str, *, required: bool = True) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise ApiError(400, "missing_field", f"'{name}' is required")
        return None
    if not isinstance(value, str):
        raise ApiError(400, "wrong_type", f"'{name}' must be a string")
    return value
