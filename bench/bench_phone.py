"""How fast the phone page paints on a slow phone network, and how heavy it is.

Run: `uv run python bench/bench_phone.py [--runs 5]`. Starts the server on 127.0.0.1 with
a fresh template workshop and opens /j/CODE in Debian's Chromium (never `playwright
install`) with a cold cache each run, throttled through the DevTools protocol
(Network.emulateNetworkConditions) to Slow 3G: ~400 kbit/s each way and a latency of

- 400 ms, the number in Chrome DevTools' "Slow 3G" preset, and
- 2,000 ms, what that preset really costs per request: DevTools applies its latency
  factor (x5) when it throttles per request, so 400 ms in the table is 2 s in practice.

Reported per latency: first contentful paint (performance paint entries), the moment
the last script arrived, and the moment the table list is shown: the later of its first
entry being in the page and the first paint (the server writes the list into the HTML,
so nothing is shown before that paint), and the first interaction: the moment the join
button is enabled (every script has run; a tap before that would only reload the page).
Page weight is the bytes of every response the page loads, uncompressed and as sent
(gzip), and what a reload of the page sends again once the scripts are cached (versioned
names, cached for good). Target: first paint under 1 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from facilitator import templates
from facilitator.engine import Engine
from facilitator.server import ParticipantServer
from facilitator.store import Store

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
KBIT_400 = 500 * 1024 / 8 * 0.8  # bytes/s, as DevTools defines Slow 3G
LATENCIES_MS = (400, 2000)


# Runs before the page's own scripts (a DevTools injection, not subject to the CSP):
# notes when the table list first has an entry.
WATCH = """
new MutationObserver((_, observer) => {
  const list = document.getElementById('group-list');
  if (list && list.firstChild && !window.__listed) window.__listed = performance.now();
  const join = document.getElementById('join-button');
  if (join && !join.disabled && !window.__ready) {
    window.__ready = performance.now(); observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true, attributes: true});
"""
SENT = """() => performance.getEntriesByType('navigation').concat(
  performance.getEntriesByType('resource')).reduce((sum, e) => sum + e.transferSize, 0)"""


def _run(browser: Any, url: str, latency_ms: int) -> tuple[float, float, float, int, float]:
    """One cold visit: (first paint, scripts arrived, table list shown) in ms, bytes
    (uncompressed) and the first interaction in ms."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    context.add_init_script(WATCH)
    page = context.new_page()
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency_ms,
        "downloadThroughput": KBIT_400, "uploadThroughput": KBIT_400,
    })
    try:
        page.goto(url)
        page.wait_for_selector("#group-list input", state="attached", timeout=60_000)
        page.wait_for_selector("#join-button:not([disabled])", state="attached", timeout=60_000)
        fcp, script, listed, ready = page.evaluate("""() => [
            performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
            performance.getEntriesByType('resource')
              .filter(e => e.name.endsWith('.js'))
              .reduce((last, e) => Math.max(last, e.responseEnd), 0),
            window.__listed ?? NaN, window.__ready ?? NaN]""")
        return (float(fcp), float(script), max(float(listed), float(fcp)), sum(sizes),
                float(ready))
    finally:
        context.close()


def _sent(browser: Any, url: str) -> tuple[int, int]:
    """Bytes on the wire for a first visit, and for a reload with the browser's cache."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_selector("#join-button:not([disabled])", state="attached")
        first = int(page.evaluate(SENT))
        page.reload()
        page.wait_for_selector("#join-button:not([disabled])", state="attached")
        return first, int(page.evaluate(SENT))
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("Debian's chromium is not installed", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    path = Path(tempfile.mkdtemp(prefix="bench-phone-")) / "bench.workshop"
    templates.create(path)
    store = Store.open(path, readonly=True)
    code = store.groups()[0].code
    store.close()
    with Engine(path) as engine:
        server = ParticipantServer(engine, path, host="127.0.0.1", port=0)
        server.start()
        try:
            url = server.join_url(code, "127.0.0.1")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=ARGS)
                try:
                    _run(browser, url, 0)  # warm the server's and Chromium's start-up
                    for latency in LATENCIES_MS:
                        runs = [_run(browser, url, latency) for _ in range(args.runs)]
                        fcp = [r[0] for r in runs]
                        script = [r[1] for r in runs]
                        listed = [r[2] for r in runs]
                        ready = [r[4] for r in runs]
                        print(f"Slow 3G, {latency} ms latency, 400 kbit/s, {args.runs} cold runs:"
                              f" first contentful paint median {statistics.median(fcp):.0f} ms"
                              f" (min {min(fcp):.0f}, max {max(fcp):.0f});"
                              f" scripts in {statistics.median(script):.0f} ms;"
                              f" table list shown {statistics.median(listed):.0f} ms;"
                              f" first interaction (join button on) median"
                              f" {statistics.median(ready):.0f} ms"
                              f" (min {min(ready):.0f}, max {max(ready):.0f})")
                    weight = _run(browser, url, 0)[3]
                    first, again = _sent(browser, url)
                    print(f"page weight: {weight} bytes ({weight / 1024:.1f} KB) uncompressed,"
                          f" every response of a first visit; {first} bytes"
                          f" ({first / 1024:.1f} KB) on the wire (gzip, headers included);"
                          f" a reload sends {again} bytes ({again / 1024:.1f} KB)")
                finally:
                    browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
