"""Every word the exports print, one dictionary per language.

Kept apart from the builders so a translator edits one file, and a test can check that
both languages have the same keys. Placeholders use str.format names.
"""

from __future__ import annotations

from typing import Final

NL: Final[dict[str, str]] = {
    "doc_subject": "Verslag van de sessies in groepen",
    "report": "Verslag",
    "organisers": "Georganiseerd door {organisers}",
    "date_place": "{date}, {place}",
    "method_intro": (
        "De deelnemers werkten in {groups} groepen aan {rounds} vragen. Iedereen schreef "
        "korte notities op de eigen telefoon (of op papier, ingevoerd door de "
        "tafelvoorzitter). De begeleider bracht de notities per tafel samen in clusters; "
        "daarna verdeelde iedere deelnemer een beperkt aantal stippen over de clusters en "
        "notities die het belangrijkst waren. Dit verslag geeft per ronde en per tafel de "
        "clusters, de rangorde naar stippen en de afgesproken actiepunten, een plenaire "
        "vergelijking en in de bijlage alle notities."
    ),
    "anonymous": "De notities staan zonder namen in dit verslag.",
    "toc": "Inhoud",
    "toc_placeholder": "Werk de inhoudsopgave bij (F9) als de paginanummers ontbreken.",
    "summary": "Samenvatting",
    "summary_intro": (
        "{notes} notities van {participants} deelnemers in {groups} groepen, {dots} "
        "stippen uitgedeeld over {rounds} rondes."
    ),
    "group": "Groep",
    "participants": "Deelnemers",
    "notes": "Notities",
    "dots_cast": "Stippen",
    "total": "Totaal",
    "overall_top": "Hoogst gewaardeerd per ronde, over alle groepen",
    "round": "Ronde",
    "round_n": "Ronde {n}",
    "round_heading": "Ronde {n}: {method}",
    "results": "Resultaten per ronde",
    "results_intro": "Per ronde de vraag en werkvorm, en per groep de uitkomst.",
    "question": "Vraag",
    "method": "Werkvorm",
    "budget": "Iedere deelnemer had {dots} stippen.",
    "budget_multi": "Iedere deelnemer had {dots} stippen en mocht er meer op één item zetten.",
    "rank": "Plaats",
    "item": "Cluster of notitie",
    "dots": "Stippen",
    "dots_n": "{n} stippen",
    "dot_1": "1 stip",
    "notes_n": "{n} notities",
    "note_1": "1 notitie",
    "all_groups": "alle groepen",
    "clusters": "Clusters",
    "ranking": "Rangorde",
    "actions": "Actiepunten",
    "what": "Wat",
    "who": "Wie",
    "due": "Wanneer",
    "unclustered": "Notities zonder cluster",
    "no_notes": "Deze groep schreef in deze ronde geen notities.",
    "no_votes": "In deze ronde is bij deze groep niet gestemd.",
    "tie": "gedeeld",
    "tie_line": "Gelijke stand ({dots}): {items}.",
    "and": "en",
    "chart_alt": "Staafdiagram van de stippen voor {group}, {round}: {items}.",
    "kind_cluster": "cluster",
    "kind_note": "notitie",
    "paper": "papier",
    "paper_mark": "P",
    "paper_legend": "P = notitie van papier, ingevoerd door de tafelvoorzitter.",
    "plenary": "Plenaire vergelijking",
    "plenary_intro": "De top drie van iedere groep naast elkaar, per ronde.",
    "first": "1e",
    "second": "2e",
    "third": "3e",
    "recurring": "Terugkerend in meer groepen: {items}.",
    "in_groups": "{name} ({n} groepen)",
    "appendix": "Bijlage: alle notities",
    "appendix_intro": "Alle {n} notities, per ronde en groep in de volgorde van binnenkomst.",
    "time": "Tijd",
    "cluster": "Cluster",
    "text": "Notitie",
    "author": "Auteur",
    "hidden_heading": "Verborgen notities",
    "hidden_intro": (
        "Deze {n} notities zijn tijdens de sessie verborgen door de begeleider. Ze staan "
        "niet in de rest van het verslag."
    ),
    "none": "—",
    # table cards
    "card_instruction_1": "Scan de QR-code met de camera van uw telefoon.",
    "card_instruction_2": "Of typ het adres hierboven in uw browser en vul de code in.",
    "card_code": "Code",
    "cards_title": "Tafelkaarten",
    # csv header
    "csv_question": "vraag",
    "csv_group": "groep",
    "csv_round": "ronde",
    "csv_cluster": "cluster",
    "csv_text": "tekst",
    "csv_dots": "stippen",
    "csv_time": "tijd",
    "csv_paper": "papier",
    "csv_hidden": "verborgen",
    "csv_author": "auteur",
    "yes": "ja",
    "no": "nee",
}

EN: Final[dict[str, str]] = {
    "doc_subject": "Report of the breakout sessions",
    "report": "Report",
    "organisers": "Organised by {organisers}",
    "date_place": "{date}, {place}",
    "method_intro": (
        "Participants worked in {groups} groups on {rounds} questions. Everyone wrote short "
        "notes on their own phone (or on paper, typed in by the table host). The facilitator "
        "gathered each table's notes into clusters; then every participant spread a limited "
        "number of dots over the clusters and notes that mattered most. For each round and "
        "table this report gives the clusters, the ranking by dots and the agreed action "
        "points, then a plenary comparison, and every note in the appendix."
    ),
    "anonymous": "Notes appear in this report without names.",
    "toc": "Contents",
    "toc_placeholder": "Update the table of contents (F9) if page numbers are missing.",
    "summary": "Summary",
    "summary_intro": (
        "{notes} notes from {participants} participants in {groups} groups, {dots} dots "
        "cast over {rounds} rounds."
    ),
    "group": "Group",
    "participants": "Participants",
    "notes": "Notes",
    "dots_cast": "Dots",
    "total": "Total",
    "overall_top": "Top rated per round, across all groups",
    "round": "Round",
    "round_n": "Round {n}",
    "round_heading": "Round {n}: {method}",
    "results": "Results per round",
    "results_intro": "For each round the question and method, and for each group the outcome.",
    "question": "Question",
    "method": "Method",
    "budget": "Each participant had {dots} dots.",
    "budget_multi": "Each participant had {dots} dots and could put several on one item.",
    "rank": "Rank",
    "item": "Cluster or note",
    "dots": "Dots",
    "dots_n": "{n} dots",
    "dot_1": "1 dot",
    "notes_n": "{n} notes",
    "note_1": "1 note",
    "all_groups": "all groups",
    "clusters": "Clusters",
    "ranking": "Ranking",
    "actions": "Action points",
    "what": "What",
    "who": "Who",
    "due": "By when",
    "unclustered": "Notes without a cluster",
    "no_notes": "This group wrote no notes in this round.",
    "no_votes": "This group did not vote in this round.",
    "tie": "tied",
    "tie_line": "Tie ({dots}): {items}.",
    "and": "and",
    "chart_alt": "Bar chart of the dots for {group}, {round}: {items}.",
    "kind_cluster": "cluster",
    "kind_note": "note",
    "paper": "paper",
    "paper_mark": "P",
    "paper_legend": "P = note from paper, typed in by the table host.",
    "plenary": "Plenary comparison",
    "plenary_intro": "Each group's top three side by side, per round.",
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "recurring": "Recurring in several groups: {items}.",
    "in_groups": "{name} ({n} groups)",
    "appendix": "Appendix: all notes",
    "appendix_intro": "All {n} notes, per round and group in the order they arrived.",
    "time": "Time",
    "cluster": "Cluster",
    "text": "Note",
    "author": "Author",
    "hidden_heading": "Hidden notes",
    "hidden_intro": (
        "The facilitator hid these {n} notes during the session. They appear nowhere else "
        "in this report."
    ),
    "none": "—",
    "card_instruction_1": "Scan the QR code with your phone's camera.",
    "card_instruction_2": "Or type the address above into your browser and enter the code.",
    "card_code": "Code",
    "cards_title": "Table cards",
    "csv_question": "question",
    "csv_group": "group",
    "csv_round": "round",
    "csv_cluster": "cluster",
    "csv_text": "text",
    "csv_dots": "dots",
    "csv_time": "time",
    "csv_paper": "paper",
    "csv_hidden": "hidden",
    "csv_author": "author",
    "yes": "yes",
    "no": "no",
}

LANGUAGES: Final[dict[str, dict[str, str]]] = {"nl": NL, "en": EN}
LANG_TAGS: Final[dict[str, str]] = {"nl": "nl-NL", "en": "en-GB"}


def strings(language: str) -> dict[str, str]:
    """The dictionary for `language`; Dutch for anything unknown (the day is Dutch)."""
    return LANGUAGES.get(language, NL)


def dots_text(t: dict[str, str], n: int) -> str:
    return t["dot_1"] if n == 1 else t["dots_n"].format(n=n)


def notes_text(t: dict[str, str], n: int) -> str:
    return t["note_1"] if n == 1 else t["notes_n"].format(n=n)


def join_words(t: dict[str, str], items: list[str]) -> str:
    """'a, b en c' / 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t['and']} {items[-1]}"
