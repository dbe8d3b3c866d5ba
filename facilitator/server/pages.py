"""The phone page itself: index.html for / and /j/{code}, and its files under /static/.

The files are read once through facilitator.resources (so a frozen build finds them) and
served from memory: a few KB each, asked for by hundreds of phones within a minute.

app.css is inlined into index.html when it is loaded: on a slow phone network a
stylesheet costs one more round trip before anything paints (~400 ms on Slow 3G). The
page's CSP then allows exactly that <style> block by its SHA-256, nothing else inline.

Scripts are served without their lines' leading spaces (~5 KB of the page's ~60 KB),
their `//` comments (whole lines, and after code where that is surely not in a string)
and their opening `/* */` header (~12 KB more): the files
stay readable and explained in resources/web, the phone downloads less. Nothing else
about them changes (the scripts have no multi-line strings, so a line that starts with
`//` is always a comment), and the browser shows them as plain JavaScript.

Compressed and cacheable: each file is gzipped once when loaded and served so to any
browser that accepts it (index.html, made per request, is gzipped per request: ~13 KB,
well under a millisecond). index.html names the scripts by versioned names
(`core.3fa9c2d1e0.js`, the hash of the content), which are cached for a year and never
revalidated: a reload on a slow network fetches the HTML and nothing else. A new version
of a file is a new name, so an updated laptop reaches phones at once.

The event's title and its table list (group names and codes) are put into index.html on
every request to / and /j/{code}, from the server's read-only Reader (two small SELECTs),
so the picker is there at the first paint instead of after the scripts and a call to
/api/event (2.4 s at Slow 3G). Group names are user text: escaped, never markup.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import logging
import re
import sqlite3

from aiohttp import web

from facilitator import resources
from facilitator.domain import ids
from facilitator.server.api import CONTEXT
from facilitator.server.security import SECURITY_HEADERS
from facilitator.store import Reader

log = logging.getLogger(__name__)

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
GZIP_KEY: web.AppKey[dict[str, bytes]] = web.AppKey("facilitator_pages_gzip")
VERSIONED_KEY: web.AppKey[dict[str, str]] = web.AppKey("facilitator_pages_versioned")
_SCRIPT = re.compile(rb'<script src="/static/([a-z0-9]+)\.js" defer>')
IMMUTABLE = "public, max-age=31536000, immutable"
INDEX_CSP_KEY: web.AppKey[str] = web.AppKey("facilitator_index_csp")
_LINK = b'<link rel="stylesheet" href="/static/app.css">'
# Where index.html gets the event: each marker occurs once in resources/web/index.html.
_TITLE = b"<title>Facilitator</title>"
_EVENT_TITLE = b'<p id="event-title" class="event-title">Facilitator</p>'
_PICKER = b'<fieldset id="picker" class="picker" hidden>'
_LIST = b'<div id="group-list" class="group-list"></div>'
_CODE_LABEL = b'data-i18n="codeLabel">Tafelcode</label>'
_CODE_INPUT = b'<input id="code" name="code"'
_FORM = b'<form id="join-form" '
_HTML = b'<html lang="nl">'
# The join screen's words in the HTML where the workshop says "u" (as in i18n.js nl_u),
# so the first paint already speaks as the scripts will.
FORMAL = {
    b'data-i18n="joinTitle">Doe mee aan je tafel<': b'data-i18n="joinTitle">Doe mee aan uw tafel<',
    b'data-i18n="pickLegend">Kies je tafel<': b'data-i18n="pickLegend">Kies uw tafel<',
    b'data-i18n="anonHint">Zonder naam doe je anoniem mee.<':
        b'data-i18n="anonHint">Zonder naam doet u anoniem mee.<',
}
_GROUP_NAME = b'<p id="group-name" class="group-name" hidden></p>'


def load() -> dict[str, tuple[bytes, str]]:
    """Every servable file of resources/web as name -> (bytes, content type)."""
    files: dict[str, tuple[bytes, str]] = {}
    for entry in resources.path("web").iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1] if "." in entry.name else ""
        if entry.is_file() and suffix in _TYPES and not entry.name.startswith("."):
            body = entry.read_bytes()
            if suffix == ".js":
                body = unindent(body)
            files[entry.name] = (body, _TYPES[suffix])
    return files


def unindent(script: bytes) -> bytes:
    """The script without each line's leading blanks, its whole-line `//` comments and its
    opening `/* ... */` header: same program, fewer bytes (the comments say why for the
    people reading resources/web, not for the phones)."""
    lines = (_uncomment(line.lstrip(b" \t")) for line in script.split(b"\n"))
    body = b"\n".join(line for line in lines if not line.startswith(b"//"))
    if body.startswith(b"/*") and b"*/" in body:
        body = body[body.index(b"*/") + 2 :].lstrip(b"\n")
    return body


def _uncomment(line: bytes) -> bytes:
    """A line without its trailing `  // comment`, where that cannot be inside a string:
    only double-quoted strings before it, evenly many quotes (else the line stays)."""
    cut = line.find(b"  // ")
    if cut < 0:
        return line
    code = line[:cut]
    if code.count(b'"') % 2 or b"'" in code or b"`" in code or b"/" in code:
        return line
    return code.rstrip()


def version(files: dict[str, tuple[bytes, str]]) -> tuple[dict[str, str], bytes | None]:
    """Versioned name -> file name for every script, and index.html naming them so."""
    versioned: dict[str, str] = {}
    for name, (body, _) in files.items():
        if name.endswith(".js"):
            digest = hashlib.sha256(body).hexdigest()[:10]
            versioned[f"{name[:-3]}.{digest}.js"] = name
    page = files.get("index.html", (None, ""))[0]
    if page is None:
        return versioned, None
    by_name = {v: k for k, v in versioned.items()}

    def rename(match: re.Match[bytes]) -> bytes:
        new = by_name.get(match.group(1).decode() + ".js")
        return match.group(0) if new is None else match.group(0).replace(
            match.group(1) + b".js", new.encode())

    return versioned, _SCRIPT.sub(rename, page)


def _gzip(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=9, mtime=0)


def _accepts_gzip(request: web.Request) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _file(request: web.Request, name: str) -> web.Response:
    versioned = request.app[VERSIONED_KEY].get(name)
    found = request.app[PAGE_KEY].get(versioned or name)
    if found is None:
        raise web.HTTPNotFound()
    body, content_type = found
    charset = "utf-8" if content_type.startswith("text/") else None
    # A versioned name never changes its content: cached for good. Other names are
    # revalidated (no-cache, not no-store), so an updated page reaches phones at once.
    headers = {"Cache-Control": IMMUTABLE if versioned else "no-cache",
               "Vary": "Accept-Encoding"}
    packed = request.app[GZIP_KEY].get(versioned or name)
    if packed is not None and _accepts_gzip(request):
        body = packed
        headers["Content-Encoding"] = "gzip"
    return web.Response(body=body, content_type=content_type, charset=charset,
                        headers=headers)


def inline_css(html: bytes, css: bytes) -> tuple[bytes, str]:
    """index.html with app.css inside it, and the CSP that allows that one block."""
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    if _LINK not in html or b"</style" in css.lower():
        return html, csp
    digest = base64.b64encode(hashlib.sha256(css).digest()).decode()
    return html.replace(_LINK, b"<style>" + css + b"</style>"), (
        f"{csp}; style-src 'self' 'sha256-{digest}'")


def with_event(page: bytes, title: str, groups: list[tuple[str, str]],
               chosen: str | None = None, address: str = "je", language: str = "nl") -> bytes:
    """index.html with the event's title and its tables (name, code) to pick from.

    `chosen` is the code of a table card's /j/CODE: that table is checked and its code
    filled in. Every text is escaped (quotes too): a group called <b>Tafel</b> reads so.
    `language` is the workshop's: the page speaks it unless the person chose otherwise.
    """
    if address == "u":
        page = page.replace(_HTML, b'<html lang="nl" data-address="u">')
        for informal, formal in FORMAL.items():
            page = page.replace(informal, formal)
    if language == "en":  # the workshop's language (core.js pickLanguage reads it)
        page = page.replace(_HTML[:-1], b'<html lang="en" data-language="en"', 1)
    title_html = html.escape(title or "Facilitator").encode()
    page = page.replace(_TITLE, b"<title>" + title_html + b"</title>")
    page = page.replace(_EVENT_TITLE, _EVENT_TITLE.replace(b">Facilitator<",
                                                            b">" + title_html + b"<"))
    if not groups:
        return page
    options = b"".join(
        b'<label><input type="radio" name="group" value="' + html.escape(code).encode() + b'"'
        + (b" checked" if code == chosen else b"") + b"><span>"
        + html.escape(name).encode() + b"</span></label>"
        for name, code in groups)
    page = page.replace(_PICKER, _PICKER.replace(b" hidden>", b">"))
    page = page.replace(_LIST, _LIST.replace(b"></div>", b">" + options + b"</div>"))
    page = page.replace(_CODE_LABEL, _CODE_LABEL.replace(b">Tafelcode<",
                                                         b">Of typ de tafelcode<"))
    name = next((n for n, code in groups if code == chosen), None)
    if chosen is not None and name is not None:
        page = page.replace(_CODE_INPUT,
                            _CODE_INPUT + b' value="' + html.escape(chosen).encode() + b'"')
        # One tap from the table card to writing: the button first, the table named.
        page = page.replace(_FORM, _FORM + b'class="chosen" ')
        page = page.replace(_GROUP_NAME, _GROUP_NAME.replace(
            b" hidden></p>", b">" + html.escape(name).encode() + b"</p>"))
    return page


def with_workshop(page: bytes, workshop_id: str) -> bytes:
    """index.html saying which workshop served it (`<html ... data-workshop="ID">`): the
    page keeps its tokens and outbox per workshop, and knows at its first line of script
    whether the laptop is on the workshop it has a seat in (docs/API.md)."""
    if not workshop_id:
        return page
    # After with_event, which may have made it <html lang="en" ...>: match the tag's start.
    return page.replace(b"<html ", b'<html data-workshop="'
                        + html.escape(workshop_id).encode() + b'" ', 1)


def _event(store: Reader) -> tuple[str, list[tuple[str, str]], str, str]:
    groups = sorted(store.groups(), key=lambda g: g.position)
    workshop = store.workshop()
    return (workshop.title, [(g.name, g.code) for g in groups], workshop.address,
            workshop.language)


async def index(request: web.Request) -> web.Response:
    body, content_type = request.app[PAGE_KEY]["index.html"]
    ctx = request.app.get(CONTEXT)
    if ctx is not None:
        try:
            title, groups, address, language = _event(ctx.store)
        except sqlite3.Error:  # the bare page still works: the code can be typed
            log.exception("could not read the event for the phone page")
        else:
            chosen = ids.normalise_join_code(request.match_info.get("code", ""))
            body = with_event(body, title, groups, chosen, address, language)
        body = with_workshop(body, ctx.workshop_id)
    headers = {"Cache-Control": "no-cache", "Vary": "Accept-Encoding",
               "Content-Security-Policy": request.app[INDEX_CSP_KEY]}
    if _accepts_gzip(request):
        body = gzip.compress(body, compresslevel=6, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return web.Response(body=body, content_type=content_type, charset="utf-8",
                        headers=headers)


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
    versioned, page = version(files)
    if page is not None:
        files["index.html"] = (page, files["index.html"][1])
    app[PAGE_KEY] = files
    app[VERSIONED_KEY] = versioned
    app[GZIP_KEY] = {name: _gzip(body) for name, (body, kind) in files.items()
                     if kind.startswith("text/") or kind.endswith(("+xml", "+json"))}
    app[INDEX_CSP_KEY] = csp
    app.router.add_get("/", index)
    app.router.add_get("/j/{code}", index)
    app.router.add_get("/static/{name}", static)
    app.router.add_get("/favicon.ico", no_icon)
