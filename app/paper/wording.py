"""The paper's wording helpers: officer's text into paragraphs, counts and dates into words."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.domain.enums import Kind, Level
from app.formatting import MONTHS, long_date
from app.paper.model import ItemList, Para

BULLETS = ("- ", "• ", "* ", "– ")

KIND_NAMES = {
    Kind.COC: ("cause of concern", "causes of concern"),
    Kind.RECOMMENDATION: ("recommendation", "recommendations"),
    Kind.AFI: ("area for improvement", "areas for improvement"),
}


def prose(text: str) -> tuple[Para | ItemList, ...]:
    """Officer's text as paragraphs: a blank line or a new line starts a paragraph, lines
    starting with "- " or "• " become a bulleted list."""
    blocks: list[Para | ItemList] = []
    bullets: list[Para] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        bullet = next((line[len(b) :].strip() for b in BULLETS if line.startswith(b)), None)
        if bullet is not None:
            bullets.append(Para.of(bullet))
            continue
        if bullets:
            blocks.append(ItemList(tuple(bullets)))
            bullets = []
        if line:
            blocks.append(Para.of(line))
    if bullets:
        blocks.append(ItemList(tuple(bullets)))
    return tuple(blocks)


def count_of(n: int, kind: Kind) -> str:
    """ "1 cause of concern", "10 areas for improvement"."""
    one, many = KIND_NAMES[kind]
    return f"{n} {one if n == 1 else many}"


def join_words(parts: Iterable[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(parts)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def issued_line(issued: dict[Kind, int], applying: int) -> str:
    """ "10 areas for improvement and 1 cause of concern were issued; 3 apply to the force"."""
    parts = [count_of(n, kind) for kind, n in issued.items() if n]
    if not parts:
        return (
            "The report made no recommendations and identified no causes of concern or areas "
            "for improvement."
        )
    total = sum(issued.values())
    verb = "was" if total == 1 else "were"
    if applying == 0:
        tail = "none applies to the force"
    elif applying == total:
        tail = "it applies to the force" if total == 1 else "all of them apply to the force"
    else:
        tail = f"{applying} {'applies' if applying == 1 else 'apply'} to the force"
    return f"{join_words(parts)} {verb} issued; {tail}."


def signed(change: int) -> str:
    """ "+6", "−2" (a true minus sign), "0"."""
    if change > 0:
        return f"+{change}"
    if change < 0:
        return f"\u2212{-change}"
    return "0"


def with_change(count: int, change: int | None) -> str:
    """ "12 (+6)" as in the seeds; no bracket when nothing changed or nothing to compare."""
    return str(count) if not change else f"{count} ({signed(change)})"


def month_year(day: date) -> str:
    """ "August 2023"."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def date_range(start: date | None, end: date | None) -> str:
    """ "29 April – 2 May 2024", "10 – 13 June 2024", "5 June 2023", or "" when undated."""
    if start is None:
        return long_date(end)
    if end is None or end == start:
        return long_date(start)
    if start.year != end.year:
        return f"{long_date(start)} – {long_date(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTHS[start.month - 1]} – {long_date(end)}"
    return f"{start.day} – {long_date(end)}"


def roman(n: int) -> str:
    """Upper-case Roman numeral, as the seeds number reports (I., II., III.)."""
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out


def level_phrase(level: Level | None) -> str:
    """ "Level 3", "Closed before levels", or "Level not set"."""
    return "Level not set" if level is None else level.label
