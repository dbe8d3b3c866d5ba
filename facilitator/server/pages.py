"""The phone page itself: index.html for / and /j/{code}, and its files under /static/.

The files are read once through facilitator.resources (so a frozen build finds them) and
served from memory: a few KB each, asked for by hundreds of phones within a minute.

app.css is inlined into index.html when it is loaded: on a slow phone network a
stylesheet costs one more round trip before anything paints (~400 ms on Slow 3G). The
page's CSP then allows exactly that <style> block by its SHA-256, nothing else inline.
"""

from __future__ import annotations

import base64
import hashlib

from aiohttp import web

from facilitator import resources
from facilitator.server.security import SECURITY_HEADERS

_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".webmanifest": "application/manifest+json",
}
PAGE_KEY: web.AppKey[dict[str, tuple[bytes, str]]] = web.AppKey("facilitator_pages")
INDEX_CSP_KEY: web.AppKey[str] = web.AppKey("facilitator_index_csp")
_LINK = b'<link rel="stylesheet" href="/static/app.css">'


def load() -> dict[str, tuple[bytes, str]]:
    """Every servable file of resources/web as name -> (bytes, content type)."""
    files: dict[str, tuple[bytes, str]] = {}
    for entry in resources.path("web").iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1] if "." in entry.name else ""
        if entry.is_file() and suffix in _TYPES and not entry.name.startswith("."):
            files[entry.name] = (entry.read_bytes(), _TYPES[suffix])
    return files


def _file(request: web.Request, name: str) -> web.Response:
    found = request.app[PAGE_KEY].get(name)
    if found is None:
        raise web.HTTPNotFound()
    body, content_type = found
    charset = "utf-8" if content_type.startswith("text/") else None
    # no-cache, not no-store: phones revalidate, so an updated page reaches them at once.
    return web.Response(body=body, content_type=content_type, charset=charset,
                        headers={"Cache-Control": "no-cache"})


def inline_css(html: bytes, css: bytes) -> tuple[bytes, str]:
    """index.html with app.css inside it, and the CSP that allows that one block."""
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    if _LINK not in html or b"</style" in css.lower():
        return html, csp
    digest = base64.b64encode(hashlib.sha256(css).digest()).decode()
    return html.replace(_LINK, b"<style>" + css + b"</style>"), (
        f"{csp}; style-src 'self' 'sha256-{digest}'")


async def index(request: web.Request) -> web.Response:
    response = _file(request, "index.html")
    response.headers["Content-Security-Policy"] = request.app[INDEX_CSP_KEY]
    return response


async def no_icon(request: web.Request) -> web.Response:
    """Browsers ask for /favicon.ico on their own; answer without a logged 404."""
    return web.Response(status=204, headers={"Cache-Control": "max-age=86400"})


async def static(request: web.Request) -> web.Response:
    return _file(request, request.match_info["name"])


def add_routes(app: web.Application) -> None:
    files = load()
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    if "index.html" in files and "app.css" in files:
        html, csp = inline_css(files["index.html"][0], files["app.css"][0])
        files["index.html"] = (html, files["index.html"][1])
    app[PAGE_KEY] = files
    app[INDEX_CSP_KEY] = csp
    app.router.add_get("/", index)
    app.router.add_get("/j/{code}", index)
    app.router.add_get("/static/{name}", static)
    app.router.add_get("/favicon.ico", no_icon)
