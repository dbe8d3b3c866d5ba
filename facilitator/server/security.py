"""The checks every request passes: Host allowlist, Origin on writes, security headers,
and turning anything that goes wrong into the JSON refusal shape.

The Host allowlist stops DNS rebinding (a page on the internet resolving its own name to
this laptop); the Origin check stops another site's page from posting into a group.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

from facilitator.server.errors import ApiError, error_response
from facilitator.server.hosts import HostAllowlist

log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    # No inline script or style anywhere: the page's JS and CSS are files under /static/.
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def make_guard(allowlist: HostAllowlist, is_api: Callable[[str], bool]) -> Middleware:
    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            host = request.headers.get("Host", "")
            if not host:
                raise ApiError(400, "no_host", "the Host header is missing")
            if not allowlist.allows(host):
                raise ApiError(421, "bad_host", "this server does not answer to that host name")
            if request.method in _WRITES:
                origin = request.headers.get("Origin")
                # Browsers always send Origin on a cross-site write; a missing one is a
                # non-browser client, which no other site can make a visitor's phone be.
                if origin is not None and origin.lower() != f"http://{host.lower()}":
                    raise ApiError(403, "bad_origin", "the request comes from another site")
            return await handler(request)
        except ApiError as exc:
            return error_response(exc)
        except web.HTTPException as exc:
            if exc.status >= 400 and is_api(request.path):
                code = {404: "not_found", 405: "method_not_allowed",
                        413: "too_large"}.get(exc.status, "http_error")
                return error_response(ApiError(exc.status, code, exc.reason))
            raise
        except (ConnectionResetError, TimeoutError):
            raise
        except Exception:
            log.exception("bug while handling %s %s", request.method, request.path)
            return error_response(ApiError(500, "internal", "something went wrong on the laptop"))

    return guard


async def add_security_headers(request: web.BaseRequest, response: web.StreamResponse) -> None:
    """on_response_prepare hook: static files, streams and errors get the headers too."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
