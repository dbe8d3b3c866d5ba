"""The phone page itself: index.html for / and /j/{code}, and its files under /static/.

The files are read once through facilitator.resources (so a frozen build finds them) and
served from memory: a few KB each, asked for by hundreds of phones within a minute.
"""

from __future__ import annotations

from aiohttp import web

from facilitator import resources

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


async def index(request: web.Request) -> web.Response:
    return _file(request, "index.html")


async def no_icon(request: web.Request) -> web.Response:
    """Browsers ask for /favicon.ico on their own; answer without a logged 404."""
    return web.Response(status=204, headers={"Cache-Control": "max-age=86400"})


async def static(request: web.Request) -> web.Response:
    return _file(request, request.match_info["name"])


def add_routes(app: web.Application) -> None:
    app[PAGE_KEY] = load()
    app.router.add_get("/", index)
    app.router.add_get("/j/{code}", index)
    app.router.add_get("/static/{name}", static)
    app.router.add_get("/favicon.ico", no_icon)
