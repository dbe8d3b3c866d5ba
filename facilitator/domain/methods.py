"""The methods a round can follow: a one-line instruction and suggested timing per method."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.domain.model import Method


@dataclass(frozen=True, slots=True)
class MethodInfo:
    name: dict[str, str]
    instruction: dict[str, str]  # shown on phones and the projector
    minutes: int


METHODS: dict[Method, MethodInfo] = {
    Method.ONE_TWO_FOUR_ALL: MethodInfo(
        {"nl": "1-2-4-Allen", "en": "1-2-4-All"},
        {
            "nl": "Eerst 1 minuut alleen, dan 2 minuten in tweetallen, dan 4 minuten met "
            "vier; schrijf wat blijft hangen.",
            "en": "One minute alone, two in pairs, four in a foursome; write down what sticks.",
        },
        12,
    ),
    Method.FIFTEEN_PERCENT: MethodInfo(
        {"nl": "15%-oplossingen", "en": "15% Solutions"},
        {
            "nl": "Wat kunt u zelf morgen doen, zonder extra geld of toestemming?",
            "en": "What can you do tomorrow, without extra money or permission?",
        },
        10,
    ),
    Method.WHAT_SO_WHAT: MethodInfo(
        {"nl": "Wat? / Dus wat? / Wat nu?", "en": "What / So What / Now What"},
        {
            "nl": "Wat zien we? Wat betekent het? Wat doen we nu?",
            "en": "What do we see? What does it mean? What do we do now?",
        },
        15,
    ),
    Method.WORLD_CAFE: MethodInfo(
        {"nl": "World Café-ronde", "en": "World Cafe round"},
        {
            "nl": "Bouw voort op wat de vorige tafel schreef; voeg toe, vul aan.",
            "en": "Build on what the previous table wrote; add and extend.",
        },
        20,
    ),
    Method.BRAINSTORM: MethodInfo(
        {"nl": "Vrije brainstorm", "en": "Free brainstorm"},
        {
            "nl": "Schrijf elk idee op een eigen briefje; kort en concreet.",
            "en": "One idea per note; short and concrete.",
        },
        10,
    ),
}


def instruction(method: Method, language: str = "nl") -> str:
    info = METHODS[method]
    return info.instruction.get(language, info.instruction["nl"])


def method_name(method: Method, language: str = "nl") -> str:
    info = METHODS[method]
    return info.name.get(language, info.name["nl"])
