"""Every word the exports print, one dictionary per language, with the grammar the
sentences need: singular and plural, the workshop's own word for a table, and a full
stop that does not follow a question mark.

Kept apart from the builders so a translator edits one file, and a test can check that
both languages have the same keys. Placeholders use str.format names. A key ending in
"_1" is the singular form of the key ending in "_n" (see `counted`). The markers ‹t›,
‹ts›, ‹T› and ‹Ts› stand for the word the workshop uses for a breakout group ("tafel" or
"groep", "table" or "group"), so one report never says both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

NL: Final[dict[str, str]] = {
    "doc_subject": "Verslag van de sessies aan de ‹ts›",
    "report": "Verslag",
    "organisers": "Georganiseerd door {organisers}",
    "method_intro": (
        "De deelnemers werkten aan {groups} aan {rounds}. Iedereen schreef korte notities "
        "op de eigen telefoon (of op papier, ingevoerd door de ‹t›voorzitter). De "
        "begeleider bracht de notities per ‹t› samen in clusters; daarna verdeelde iedere "
        "deelnemer een beperkt aantal stippen over de clusters en notities die het "
        "belangrijkst waren. Dit verslag zet de actiepunten en de sterkste thema's voorop "
        "en geeft daarna per ronde en per ‹t› de clusters met hun sterkste notities, de "
        "rangorde naar stippen en een plenaire vergelijking."
    ),
    "method_intro_full": " Alle notities staan in de bijlage.",
    "method_intro_separate": " Alle notities staan in een aparte bijlage.",
    "anonymous": "De notities staan zonder namen in dit verslag.",
    "toc": "Inhoud",
    "summary": "Samenvatting",
    "summary_intro": "{notes} van {participants} aan {groups}; {dots} uitgedeeld in {rounds}.",
    "merged_summary_1": (
        "Eén dubbele notitie is samengevoegd met de notitie die hetzelfde zei en telt daar mee."
    ),
    "merged_summary_n": (
        "{n} dubbele notities zijn samengevoegd met de notitie die hetzelfde zei en tellen "
        "daar mee."
    ),
    "themes": "De sterkste thema's van de dag, over alle ‹ts› en rondes: {items}.",
    "theme_item": "{name} ({dots}, {groups})",
    "round_best_1": "Bij {title} kreeg {items} de meeste stippen ({dots}).",
    "round_best_n": "Bij {title} kregen {items} de meeste stippen ({dots} elk).",
    "no_themes": "Er is niet gestemd, dus er zijn geen sterkste thema's aan te wijzen.",
    "group": "‹T›",
    "participants": "Deelnemers",
    "notes": "Notities",
    "dots_cast": "Stippen",
    "total": "Totaal",
    "overall_top": "Hoogst gewaardeerd per ronde, over alle ‹ts›",
    "round": "Ronde",
    "round_n": "Ronde {n}",
    "round_heading": "Ronde {n}: {title}",
    "results": "Resultaten per ronde",
    "results_intro": "Per ronde de vraag en werkvorm, en per ‹t› de uitkomst.",
    "question": "Vraag",
    "method": "Werkvorm",
    "budget": "Iedere deelnemer had {dots}.",
    "budget_multi": "Iedere deelnemer had {dots} en mocht er meer op één item zetten.",
    "rank": "Plaats",
    "item": "Cluster of notitie",
    "dots": "Stippen",
    "all_groups": "alle ‹ts›",
    "clusters": "Clusters",
    "ranking": "Rangorde",
    "actions": "Actiepunten",
    "actions_intro": "Alle actiepunten van de dag, per ronde en ‹t›.",
    "no_actions": "Er zijn geen actiepunten vastgelegd.",
    "what": "Wat",
    "who": "Wie",
    "due": "Wanneer",
    "source": "Uit",
    "unclustered": "Notities zonder cluster",
    "no_notes": "Deze ‹t› schreef in deze ronde geen notities.",
    "no_votes": "In deze ronde is aan deze ‹t› niet gestemd.",
    "tie": "gedeeld",
    "tie_line": "Gelijke stand ({dots}): {items}",
    "and": "en",
    "chart_alt": "Staafdiagram van de stippen voor {group}, {round}: {items}.",
    "chart_top": "De grafiek toont de {shown} items met de meeste stippen, van {total}.",
    "kind_cluster": "cluster",
    "kind_note": "notitie",
    "paper": "papier",
    "paper_mark": "P",
    "paper_legend": "P = notitie van papier, ingevoerd door de ‹t›voorzitter.",
    "also_legend": "+ = ook genoemd door zoveel anderen (samengevoegde dubbele notities).",
    "also_1": "ook genoemd door 1 ander",
    "also_n": "ook genoemd door {n} anderen",
    "more_1": "en 1 meer",
    "more_n": "en {n} meer",
    "more_where_full": " (bijlage)",
    "more_where_separate": " (aparte bijlage)",
    "plenary": "Plenaire vergelijking",
    "plenary_intro": "De top drie van iedere ‹t› naast elkaar, per ronde.",
    "first": "1e",
    "second": "2e",
    "third": "3e",
    "recurring": "Terugkerend aan meer ‹ts›: {items}.",
    "in_groups": "{name} ({groups})",
    "appendix": "Bijlage: alle notities",
    "appendix_intro_1": "De enige notitie van de dag.",
    "appendix_intro_n": "Alle {n} notities, per ronde en ‹t› in de volgorde van binnenkomst.",
    "time": "Tijd",
    "cluster": "Cluster",
    "text": "Notitie",
    "author": "Auteur",
    "hidden_heading": "Verborgen notities",
    "hidden_intro_1": (
        "Deze notitie is tijdens de sessie verborgen door de begeleider. Ze staat niet in "
        "de rest van het verslag."
    ),
    "hidden_intro_n": (
        "Deze {n} notities zijn tijdens de sessie verborgen door de begeleider. Ze staan "
        "niet in de rest van het verslag."
    ),
    "none": "—",
    # counted nouns: counted(t, "note", n) -> "1 notitie" / "5 notities"
    "note_1": "1 notitie",
    "note_n": "{n} notities",
    "participant_1": "1 deelnemer",
    "participant_n": "{n} deelnemers",
    "groups_1": "1 ‹t›",
    "groups_n": "{n} ‹ts›",
    "dot_1": "1 stip",
    "dot_n": "{n} stippen",
    "round_count_1": "1 ronde",
    "round_count_n": "{n} rondes",
    "question_1": "1 vraag",
    "question_n": "{n} vragen",
    # table cards
    "card_instruction_1": "Scan de QR-code met de camera van uw telefoon.",
    "card_instruction_2": "Of typ het adres hierboven in uw browser en vul de code in.",
    "card_code": "Code",
    "cards_title": "Tafelkaarten",
    # csv header
    "csv_question": "vraag",
    "csv_group": "‹t›",
    "csv_round": "ronde",
    "csv_kind": "soort",
    "csv_cluster": "cluster",
    "csv_text": "tekst",
    "csv_dots": "stippen",
    "csv_also": "ook_genoemd",
    "csv_time": "tijd",
    "csv_paper": "papier",
    "csv_hidden": "verborgen",
    "csv_author": "auteur",
    "csv_organisation": "organisatie",
    "yes": "ja",
    "no": "nee",
}

EN: Final[dict[str, str]] = {
    "doc_subject": "Report of the sessions at the ‹ts›",
    "report": "Report",
    "organisers": "Organised by {organisers}",
    "method_intro": (
        "Participants worked at {groups} on {rounds}. Everyone wrote short notes on their "
        "own phone (or on paper, typed in by the ‹t› host). The facilitator gathered each "
        "‹t›'s notes into clusters; then every participant spread a limited number of dots "
        "over the clusters and notes that mattered most. This report puts the action points "
        "and the strongest themes first, then gives for each round and ‹t› the clusters with "
        "their strongest notes, the ranking by dots, and a plenary comparison."
    ),
    "method_intro_full": " Every note is in the appendix.",
    "method_intro_separate": " Every note is in a separate appendix.",
    "anonymous": "Notes appear in this report without names.",
    "toc": "Contents",
    "summary": "Summary",
    "summary_intro": "{notes} from {participants} at {groups}; {dots} cast in {rounds}.",
    "merged_summary_1": (
        "One duplicate note was merged into the note that said the same and counts there."
    ),
    "merged_summary_n": (
        "{n} duplicate notes were merged into the note that said the same and count there."
    ),
    "themes": "The day's strongest themes, across all ‹ts› and rounds: {items}.",
    "theme_item": "{name} ({dots}, {groups})",
    "round_best_1": "On {title}, {items} received the most dots ({dots}).",
    "round_best_n": "On {title}, {items} received the most dots ({dots} each).",
    "no_themes": "Nobody voted, so there are no strongest themes to name.",
    "group": "‹T›",
    "participants": "Participants",
    "notes": "Notes",
    "dots_cast": "Dots",
    "total": "Total",
    "overall_top": "Top rated per round, across all ‹ts›",
    "round": "Round",
    "round_n": "Round {n}",
    "round_heading": "Round {n}: {title}",
    "results": "Results per round",
    "results_intro": "For each round the question and method, and for each ‹t› the outcome.",
    "question": "Question",
    "method": "Method",
    "budget": "Each participant had {dots}.",
    "budget_multi": "Each participant had {dots} and could put several on one item.",
    "rank": "Rank",
    "item": "Cluster or note",
    "dots": "Dots",
    "all_groups": "all ‹ts›",
    "clusters": "Clusters",
    "ranking": "Ranking",
    "actions": "Action points",
    "actions_intro": "Every action point of the day, by round and ‹t›.",
    "no_actions": "No action points were recorded.",
    "what": "What",
    "who": "Who",
    "due": "By when",
    "source": "From",
    "unclustered": "Notes without a cluster",
    "no_notes": "This ‹t› wrote no notes in this round.",
    "no_votes": "This ‹t› did not vote in this round.",
    "tie": "tied",
    "tie_line": "Tie ({dots}): {items}",
    "and": "and",
    "chart_alt": "Bar chart of the dots for {group}, {round}: {items}.",
    "chart_top": "The chart shows the top {shown} of {total} items by dots.",
    "kind_cluster": "cluster",
    "kind_note": "note",
    "paper": "paper",
    "paper_mark": "P",
    "paper_legend": "P = note from paper, typed in by the ‹t› host.",
    "also_legend": "+ = also mentioned by that many others (merged duplicate notes).",
    "also_1": "also mentioned by 1 other",
    "also_n": "also mentioned by {n} others",
    "more_1": "and 1 more",
    "more_n": "and {n} more",
    "more_where_full": " (appendix)",
    "more_where_separate": " (separate appendix)",
    "plenary": "Plenary comparison",
    "plenary_intro": "Each ‹t›'s top three side by side, per round.",
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "recurring": "Recurring at several ‹ts›: {items}.",
    "in_groups": "{name} ({groups})",
    "appendix": "Appendix: all notes",
    "appendix_intro_1": "The day's only note.",
    "appendix_intro_n": "All {n} notes, per round and ‹t› in the order they arrived.",
    "time": "Time",
    "cluster": "Cluster",
    "text": "Note",
    "author": "Author",
    "hidden_heading": "Hidden notes",
    "hidden_intro_1": (
        "The facilitator hid this note during the session. It appears nowhere else in this report."
    ),
    "hidden_intro_n": (
        "The facilitator hid these {n} notes during the session. They appear nowhere else "
        "in this report."
    ),
    "none": "—",
    "note_1": "1 note",
    "note_n": "{n} notes",
    "participant_1": "1 participant",
    "participant_n": "{n} participants",
    "groups_1": "1 ‹t›",
    "groups_n": "{n} ‹ts›",
    "dot_1": "1 dot",
    "dot_n": "{n} dots",
    "round_count_1": "1 round",
    "round_count_n": "{n} rounds",
    "question_1": "1 question",
    "question_n": "{n} questions",
    "card_instruction_1": "Scan the QR code with your phone's camera.",
    "card_instruction_2": "Or type the address above into your browser and enter the code.",
    "card_code": "Code",
    "cards_title": "Table cards",
    "csv_question": "question",
    "csv_group": "‹t›",
    "csv_round": "round",
    "csv_kind": "kind",
    "csv_cluster": "cluster",
    "csv_text": "text",
    "csv_dots": "dots",
    "csv_also": "also_mentioned",
    "csv_time": "time",
    "csv_paper": "paper",
    "csv_hidden": "hidden",
    "csv_author": "author",
    "csv_organisation": "organisation",
    "yes": "yes",
    "no": "no",
}

LANGUAGES: Final[dict[str, dict[str, str]]] = {"nl": NL, "en": EN}
LANG_TAGS: Final[dict[str, str]] = {"nl": "nl-NL", "en": "en-GB"}

# The workshop's word for a breakout group, per language: singular and plural.
UNITS: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "nl": {"table": ("tafel", "tafels"), "group": ("groep", "groepen")},
    "en": {"table": ("table", "tables"), "group": ("group", "groups")},
}
_UNIT_WORDS: Final[dict[str, str]] = {
    "tafel": "table",
    "table": "table",
    "groep": "group",
    "group": "group",
}


def unit_of(group_names: Iterable[str]) -> str:
    """ "table" or "group": what the workshop calls its breakout groups, read from their
    names ("Tafel 3" -> table, "Groep B" -> group). Tables when the names say neither,
    since the day is organised at tables."""
    firsts = {name.split()[0].casefold() for name in group_names if name.split()}
    kinds = {_UNIT_WORDS[f] for f in firsts if f in _UNIT_WORDS}
    return kinds.pop() if len(kinds) == 1 else "table"


def strings(language: str, unit: str = "table") -> dict[str, str]:
    """The dictionary for `language` (Dutch for anything unknown: the day is Dutch), with
    the breakout groups called `unit` ("table" or "group") throughout."""
    lang = language if language in LANGUAGES else "nl"
    singular, plural = UNITS[lang].get(unit, UNITS[lang]["table"])
    words = {
        "‹Ts›": plural.capitalize(),
        "‹T›": singular.capitalize(),
        "‹ts›": plural,
        "‹t›": singular,
    }
    result: dict[str, str] = {}
    for key, text in LANGUAGES[lang].items():
        for marker, word in words.items():
            text = text.replace(marker, word)
        result[key] = text
    return result


def counted(t: dict[str, str], noun: str, n: int) -> str:
    """'1 stip' / '3 stippen': the singular form for exactly one, the plural otherwise."""
    return t[f"{noun}_1"] if n == 1 else t[f"{noun}_n"].format(n=n)


def dots_text(t: dict[str, str], n: int) -> str:
    return counted(t, "dot", n)


def notes_text(t: dict[str, str], n: int) -> str:
    return counted(t, "note", n)


def join_words(t: dict[str, str], items: Sequence[str]) -> str:
    """'a, b en c' / 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t['and']} {items[-1]}"


_ENDS_SENTENCE: Final = (".", "?", "!", "…", ".)", "?)", "!)", '."', '?"', '!"')


def sentence(text: str) -> str:
    """`text` with a full stop, unless it already ends like a sentence: a tie between two
    questions must not end in '?.'."""
    stripped = text.rstrip()
    return stripped if stripped.endswith(_ENDS_SENTENCE) else f"{stripped}."
