"""Column widths from the text a table holds, so numbers never wrap and names never
break mid-word (and the note text gets the room that is left).

Pure arithmetic on strings, kept out of docx_builder.py so it can be read and tested on
its own; the estimate is deliberately simple (per-character advance widths).
"""

from __future__ import annotations

from collections.abc import Sequence

# Advance widths of Arial (per 1000 em) for estimating how wide a cell's text is. The
# estimate only has to be good enough to pick column widths: numbers that never wrap and
# cluster names that never break mid-word. 15% is added for fonts that run wider (DejaVu
# Sans stands in for Arial where Arial is not installed).
_NARROW = dict.fromkeys("ijlI.,:;'!|", 260) | dict.fromkeys("ftr()-[]", 320)
_WIDE = dict.fromkeys("mwMW", 860) | dict.fromkeys("ABCDEFGHKNOPQRSTUVXYZ&%", 700)
_CHAR_W = _NARROW | _WIDE | {" ": 278}
_FONT_PT = 10.5  # Normal in the reference document
_CELL_PAD_CM = 2 * 0.19 + 0.08  # the table style's cell margins, plus a little air
_CM_PER_EM = _FONT_PT / 72 * 2.54


def text_cm(text: str, *, bold: bool = False) -> float:
    """Estimated printed width of `text` on one line at body size."""
    units = sum(_CHAR_W.get(ch, 560) for ch in text)
    return units / 1000 * _CM_PER_EM * 1.15 * (1.12 if bold else 1.0)


def fit_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    total_cm: float,
    wrap: Sequence[int],
    flex: int | None = None,
) -> list[float]:
    """Column widths from the text they hold.

    Columns not in `wrap` (numbers, times, short marks) get the width of their widest
    cell, so "100" or "2 (gedeeld)" never wraps. Columns in `wrap` get at least their
    longest word, so a cluster name never breaks mid-word, and then as much of their
    longest text as the page allows; what is left goes to `flex` (default: the last
    wrapping column, usually the note text). The sum may exceed `total_cm` only when
    the minimums do not fit; callers then turn the page (see `needs_landscape`).
    """
    n = len(headers)
    widest = [text_cm(h, bold=True) for h in headers]
    longest_word = [max((text_cm(w, bold=True) for w in h.split()), default=0.0) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            if i in wrap:
                for line in cell.split("\n"):
                    widest[i] = max(widest[i], text_cm(line))
                    for word in line.split():
                        longest_word[i] = max(longest_word[i], text_cm(word))
            else:
                widest[i] = max(widest[i], *(text_cm(line) for line in cell.split("\n")))
    widths = [(longest_word[i] if i in wrap else widest[i]) + _CELL_PAD_CM for i in range(n)]
    target = flex if flex is not None else (wrap[-1] if wrap else n - 1)
    room = total_cm - sum(widths)
    wants = {i: max(0.0, widest[i] + _CELL_PAD_CM - widths[i]) for i in wrap}
    if room > 0 and target in wants:  # the main text first, up to 80% of what is left
        give = min(wants.pop(target), room * 0.8)
        widths[target] += give
        room -= give
    want_total = sum(wants.values())
    if room > 0 and want_total > 0:
        share = min(1.0, room / want_total)
        for i, want in wants.items():
            widths[i] += want * share
        room = total_cm - sum(widths)
    if room > 0:
        widths[target] += room
    return [round(w, 2) for w in widths]


def needs_landscape(widths: Sequence[float], total_cm: float) -> bool:
    return sum(widths) > total_cm + 0.01
