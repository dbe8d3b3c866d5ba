"""How many pages the verslag has, as LibreOffice lays it out, and how much of a page is
left blank where it should not be.

Run: `uv run python bench/bench_pages.py [--out DIR] [--screenshots DIR]`. Needs
`soffice` (LibreOffice) and poppler's `pdfinfo`/`pdftotext`/`pdftoppm`. Builds the
realistic day (facilitator.report.sample.realistic_day: 8 tables, 4 rounds, 52
participants, 862 notes, 596 dots, 15 action points) and the 2,000-note day of
bench_report.py; renders each short (the default), full (appendix in the document) and
short with the appendix as a separate file; converts to PDF with
`soffice --headless --convert-to pdf`; counts pages with `pdfinfo`. Target: the default
verslag of the realistic day under 30 pages.

"Half-empty" counts pages whose text ends above the middle of the page although the next
page does not start a new part (a Heading 1 starts a page by design): the symptom of
blocks held together that the issue named (45-59% of a page blank).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from facilitator.domain.model import Snapshot  # noqa: E402  (after the platform)
from facilitator.report import ReportOptions, render  # noqa: E402
from facilitator.report.sample import realistic_day, sample_snapshot  # noqa: E402

PART_STARTS = (
    "Samenvatting",
    "Actiepunten",
    "Resultaten per ronde",
    "Plenaire vergelijking",
    "Bijlage: alle notities",
    "Verborgen notities",
    "Inhoud",
)


def to_pdf(docx: Path, out: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out / (docx.stem + ".pdf")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    assert match, info.stdout
    return int(match.group(1))


def half_empty(pdf: Path) -> list[tuple[int, float]]:
    """(page, fraction of the text area left blank) for pages that end early without
    the next page starting a new part."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    found: list[tuple[int, float]] = []
    page_blocks = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    firsts: list[str] = []
    bottoms: list[tuple[float, float]] = []
    for _w, height, body in page_blocks:
        words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', body)
        h = float(height)
        # The footer sits in the bottom margin: ignore words below 90% of the page.
        content = [(float(y0), float(y1), w) for y0, y1, w in words if float(y1) < h * 0.9]
        firsts.append(" ".join(w for _y0, _y1, w in content[:4]))
        bottoms.append((max((y1 for _y0, y1, _w in content), default=0.0), h))
    top, bottom_margin = 2.5 / 29.7, 2.5 / 29.7  # the reference's margins, as page fractions
    for index, (lowest, h) in enumerate(bottoms[:-1]):
        nxt = firsts[index + 1]
        if any(nxt.startswith(part.split()[0]) for part in PART_STARTS):
            continue
        area = h * (1 - top - bottom_margin)
        blank = (h * (1 - bottom_margin) - lowest) / area
        if blank > 0.4:
            found.append((index + 1, round(blank, 2)))
    return found


def measure(name: str, snapshot: Snapshot, out: Path, shots: Path | None) -> None:
    for mode in ("short", "full", "separate"):
        options = ReportOptions(notes=mode)
        start, cpu = time.perf_counter(), time.process_time()
        data = render(snapshot, "docx", options)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        path = out / f"{name}-{mode}.docx"
        path.write_bytes(data)
        pdf = to_pdf(path, out)
        line = (
            f"{name:9s} {mode:8s}: {pages(pdf):3d} pages, export {took:.2f} s "
            f"(CPU {cpu:.2f} s), "
            f"{len(data) / 1e6:.2f} MB"
        )
        if mode == "separate":
            start, cpu = time.perf_counter(), time.process_time()
            appendix = render(snapshot, "appendix", options)
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            apath = out / f"{name}-{mode}-bijlage.docx"
            apath.write_bytes(appendix)
            line += (
                f"; appendix file {pages(to_pdf(apath, out))} pages, {took:.2f} s (CPU {cpu:.2f} s)"
            )
        empty = half_empty(pdf)
        line += f"; half-empty pages: {empty or 'none'}"
        print(line, flush=True)
        if shots is not None and mode == "short" and name == "realistic":
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", str(pdf), str(shots / "page")], check=True
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, help="keep the .docx and .pdf files here")
    parser.add_argument("--screenshots", type=Path, help="PNG pages of the realistic day")
    parser.add_argument("--only", choices=("realistic", "2000"), help="measure one day")
    args = parser.parse_args()
    if not shutil.which("soffice") or not shutil.which("pdfinfo"):
        print("needs soffice (LibreOffice) and pdfinfo (poppler-utils)", file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-pages-"))
    out.mkdir(parents=True, exist_ok=True)
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    days = {"realistic": realistic_day, "2000": lambda: sample_snapshot(total_notes=2000)}
    for name, make in days.items():
        if args.only and name != args.only:
            continue
        snapshot = make()
        visible = sum(1 for n in snapshot.notes if not n.hidden and n.merged_into is None)
        print(
            f"{name}: {len(snapshot.notes)} notes ({visible} shown), "
            f"{len(snapshot.participants)} participants, "
            f"{sum(v.dots for v in snapshot.votes)} dots, {len(snapshot.clusters)} clusters, "
            f"{len(snapshot.actions)} actions",
            flush=True,
        )
        measure(name, snapshot, out, args.screenshots)
    print(f"files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
