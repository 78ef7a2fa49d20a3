"""Split text pasted from a published report into proposed findings, for a person to check.

Reports print their findings in a few shapes, all handled here:

- a heading per item: "Recommendation 1" / "Area for Improvement 2" / "Cause of concern",
  the text below it (or after a colon on the same line);
- "1.) Cause of concern: Leadership" followed by "Recommendation:" (the recommendation
  addresses that cause of concern);
- a sentence "The force's response to … is a cause of concern to HMIC." then "Recommendation";
- a plural heading ("Areas for improvement") over a list: each paragraph or bullet that says
  what someone *should* do is one item; bullets that complete the sentence before them
  ("… by:" / "- Keeping all cell floors clean") stay with it; sub-headings are left out.

Due dates come from "By 31 July 2024" / "by March 2015" (end of that month), and "With
immediate effect" / "immediately" / "immediate action" mark an item due immediately.
Nothing is dropped silently: text that is not part of any item is returned as ``unused``.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date

from app.date_input import MONTH_PATTERN, end_of_month, month_number
from app.domain.enums import Kind

LABELS = {
    Kind.RECOMMENDATION: "Recommendation",
    Kind.AFI: "Area for improvement",
    Kind.COC: "Cause of concern",
}


@dataclass(frozen=True, slots=True)
class ProposedFinding:
    """One finding read from the text; ``parent`` is the index of the CoC it addresses."""

    kind: Kind
    reference: str
    text: str
    due_on: date | None = None
    due_immediate: bool = False
    addressee: str = ""
    applies_to_force: bool = True
    not_applicable_reason: str = ""
    parent: int | None = None


@dataclass(frozen=True, slots=True)
class PasteSplit:
    """What the splitter found, and the text it did not use."""

    findings: tuple[ProposedFinding, ...]
    unused: tuple[str, ...] = ()


# --- reading the text into units (paragraphs and bullets) ----------------------------------
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_LINE = re.compile(rf"^[{_SUPERSCRIPTS}]+\s")
_BULLET = re.compile(r"^\s*(?:[-•*–▪●◦]\s*|\(?[a-z]\)\s+|\(?[ivx]+\)\s+)(?=\S)")
_SECTION_NUMBER = re.compile(r"^\d+\.\d+(?:\.\d+)*\s+")
_ITEM_NUMBER = re.compile(r"^\(?(\d{1,3})\s*(?:\.\)|\)|\.)\s+")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"\*{1,2}([^*]+)\*{1,2}")


@dataclass
class _Unit:
    text: str
    bullet: bool
    number: int | None = None  # "1.)" before the text


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        current: _Unit | None = None
        for raw in block.split("\n"):
            line = raw.strip()
            if not line or _FOOTNOTE_LINE.match(line):
                continue
            line = _clean(line)
            marker = _BULLET.match(line)
            if marker:
                line = line[marker.end() :]
            bullet = bool(marker)
            if section := _SECTION_NUMBER.match(line):
                line, bullet = line[section.end() :], False  # "- 2.15 The force's…"
            if marker or current is None or _starts_heading(line):
                number = None
                if item := _ITEM_NUMBER.match(line):
                    number, line = int(item.group(1)), line[item.end() :]
                current = _Unit(line, bullet, number)
                units.append(current)
            else:
                current.text = f"{current.text} {line}"  # a line wrapped by the layout
    return [u for u in units if u.text]


def _starts_heading(line: str) -> bool:
    """A line that opens an item even without a blank line before it ("AFI 2 - The force…")."""
    item = _ITEM_NUMBER.match(line)
    return _heading(_Unit(line[item.end() :] if item else line, bullet=False)) is not None


def _clean(line: str) -> str:
    line = _MARKDOWN_LINK.sub(r"\1", line)
    line = _MARKDOWN_EMPHASIS.sub(r"\1", line)
    line = re.sub(rf"[{_SUPERSCRIPTS}]+", "", line)
    return " ".join(line.split())


# --- headings --------------------------------------------------------------------------
_HEADING = re.compile(
    r"^(?P<word>recommendations?|areas? for improvement|afis?|causes? (?:of|for) concern)"
    r"(?:\s*(?P<num>\d{1,3})\b)?\s*(?P<sep>[:.–—-])?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_COC_SENTENCE = re.compile(
    r"\b(?:is|are|remains|remain) an? (?:\w+ )?causes? (?:of|for) concern\b", re.IGNORECASE
)
_MODAL = re.compile(r"\b(?:should|shouldn't|must|needs? to|ought to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Heading:
    kind: Kind
    number: int | None
    plural: bool
    rest: str


def _heading(unit: _Unit) -> _Heading | None:
    match = _HEADING.match(unit.text)
    if not match:
        return None
    word, num, sep, rest = (match.group(g) for g in ("word", "num", "sep", "rest"))
    if rest and rest[0].islower():
        return None  # a sentence that starts with the word ("Recommendation 3 is …")
    if rest and num is None and sep != ":":
        return None  # "Recommendations for Chief Officers and Chief Constables:"
    lowered = word.lower()
    if lowered.startswith("recommendation"):
        kind = Kind.RECOMMENDATION
    elif lowered.startswith("cause"):
        kind = Kind.COC
    else:
        kind = Kind.AFI
    plural = num is None and lowered.startswith(("recommendations", "areas", "afis", "causes"))
    number = int(num) if num is not None else unit.number
    return _Heading(kind, number, plural, rest)


# --- the splitter ----------------------------------------------------------------------
@dataclass
class _Item:
    kind: Kind
    number: int | None
    parts: list[str] = field(default_factory=list)
    parent: int | None = None

    def add(self, unit: _Unit) -> None:
        if not self.parts:
            self.parts.append(unit.text)
        elif unit.bullet:
            self.parts.append(f"\n- {unit.text}")
        elif unit.text[0].islower():
            self.parts.append(f" {unit.text}")  # a sentence carried over a page break
        else:
            self.parts.append(f"\n\n{unit.text}")

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()

    @property
    def ends_open(self) -> bool:
        return self.text.endswith(":")


class _Splitter:
    def __init__(self, default_kind: Kind) -> None:
        self.default_kind = default_kind
        self.items: list[_Item] = []
        self.unused: list[str] = []
        self.current: _Item | None = None
        self.section: Kind | None = None  # inside "Areas for improvement" and the like
        self.coc: int | None = None  # the cause of concern recommendations now address

    def run(self, units: list[_Unit]) -> None:
        if not any(_heading(u) or _COC_SENTENCE.search(_first_sentence(u.text)) for u in units):
            self._without_headings(units)
            return
        for unit in units:
            self._feed(unit)

    def _feed(self, unit: _Unit) -> None:
        heading = _heading(unit)
        if heading is not None:
            self._start_heading(heading)
            return
        if not unit.bullet and _COC_SENTENCE.search(_first_sentence(unit.text)):
            self.section = None
            self._start(Kind.COC, None).add(unit)
            return
        if self.section is not None:
            self._feed_section(unit)
        elif self.current is not None:
            self.current.add(unit)
        else:
            self.unused.append(unit.text)

    def _start_heading(self, heading: _Heading) -> None:
        self.section = heading.kind if heading.plural else None
        if heading.plural and not heading.rest:
            self.current = None
            return
        item = self._start(heading.kind, heading.number)
        if heading.rest:
            item.add(_Unit(heading.rest, bullet=False))

    def _feed_section(self, unit: _Unit) -> None:
        assert self.section is not None
        current = self.current
        continues = unit.text[0].islower() or unit.text.startswith(("This ", "These "))
        if current is not None and (continues or (unit.bullet and not _MODAL.search(unit.text))):
            current.add(unit)
        elif _MODAL.search(unit.text):
            self._start(self.section, None).add(unit)
        else:
            self.unused.append(unit.text)  # a sub-heading, or text that is not an item
            self.current = None

    def _without_headings(self, units: list[_Unit]) -> None:
        # No headings at all: each paragraph that says what someone should do is one item.
        for unit in units:
            if unit.bullet and self.current is not None:
                self.current.add(unit)
            elif _MODAL.search(unit.text):
                self._start(self.default_kind, None).add(unit)
            else:
                self.unused.append(unit.text)
                self.current = None

    def _start(self, kind: Kind, number: int | None) -> _Item:
        if number is None:
            numbers = [i.number or 0 for i in self.items if i.kind is kind]
            number = max(numbers, default=0) + 1
        item = _Item(kind, number)
        if kind is Kind.COC:
            self.coc = len(self.items)
        elif kind is Kind.RECOMMENDATION:
            item.parent = self.coc
        else:
            self.coc = None
        self.items.append(item)
        self.current = item
        return item


def split_findings(
    text: str, *, default_kind: Kind = Kind.RECOMMENDATION, force_name: str = ""
) -> PasteSplit:
    """Proposed findings in ``text``, in order; ``default_kind`` is used when nothing says."""
    splitter = _Splitter(default_kind)
    splitter.run(_units(text))
    kept = [item for item in splitter.items if item.text]
    position = {id(item): n for n, item in enumerate(kept)}
    proposals = []
    for item in kept:
        body = item.text
        parent = None if item.parent is None else splitter.items[item.parent]
        due_on, immediate = (None, False) if item.kind is Kind.COC else due_from_text(body)
        addressee = "" if item.kind is Kind.COC else addressee_from_text(body)
        applies, reason = applies_to(addressee, force_name)
        proposals.append(
            ProposedFinding(
                kind=item.kind,
                reference=f"{LABELS[item.kind]} {item.number}",
                text=body,
                due_on=due_on,
                due_immediate=immediate,
                addressee=addressee,
                applies_to_force=applies,
                not_applicable_reason=reason,
                parent=None if parent is None else position.get(id(parent)),
            )
        )
    return PasteSplit(tuple(proposals), tuple(splitter.unused))


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


# --- due dates and addressees ------------------------------------------------------------
_BY_DAY = re.compile(
    rf"\bby\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_PATTERN})\s+(\d{{4}})", re.IGNORECASE
)
_BY_MONTH = re.compile(rf"\bby\s+(?:the\s+end\s+of\s+)?({MONTH_PATTERN})\s+(\d{{4}})", re.I)
_IMMEDIATE = re.compile(r"\bwith immediate effect\b|\bimmediately\b|\bimmediate action\b", re.I)


def due_from_text(text: str) -> tuple[date | None, bool]:
    """(due date, due immediately) as the text states them; a date wins over "immediately"."""
    candidates: list[tuple[int, date]] = []
    if match := _BY_DAY.search(text):
        month = month_number(match.group(2))
        if month is not None:
            with contextlib.suppress(ValueError):  # "by 31 June" is no date: leave it unset
                day = date(int(match.group(3)), month, int(match.group(1)))
                candidates.append((match.start(), day))
    if match := _BY_MONTH.search(text):
        month = month_number(match.group(1))
        if month is not None:
            candidates.append((match.start(), end_of_month(int(match.group(2)), month)))
    if candidates:
        return min(candidates)[1], False
    return None, bool(_IMMEDIATE.search(text))


# Bodies a recommendation may be addressed to, as the demo data and the seeds name them.
_BODIES = (
    (re.compile(r"(?i:college of policing)|\bCoP\b"), "College of Policing"),
    (re.compile(r"home office|home secretary", re.I), "Home Office"),
    (re.compile(r"\bNPCC\b|national police chiefs", re.I), "NPCC"),
    (re.compile(r"\bIOPC\b|independent office for police conduct", re.I), "IOPC"),
    (re.compile(r"\bNCA\b|national crime agency", re.I), "NCA"),
    (re.compile(r"national armed policing portfolio", re.I), "National Armed Policing Portfolio"),
    (re.compile(r"\bCPS\b|crown prosecution service", re.I), "CPS"),
)
NATIONAL_BODIES = frozenset(name for _pattern, name in _BODIES)
_LEAD_IN = re.compile(
    r"^(?:(?:by|before)\s+[^,]{3,40},\s*|with immediate effect,\s*|"
    r"to address (?:this|the) causes? of concern,?\s*(?:HMICFRS|HMIC)?\s*(?:recommends?)?\s*"
    r"(?:that\s+)?)",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"^(.*?)\s*,?\s*\b(?:should|shouldn't|must|needs? to|ought to)\b", re.I)
_FORCE_WORDS = re.compile(r"\b(?:police|constabulary)$", re.I)


def addressee_from_text(text: str) -> str:
    """Whom the item addresses: the subject of its first "should", named the usual way.

    Empty when the subject is not someone (an AFI's "Bail conditions should be …").
    """
    first = _LEAD_IN.sub("", text.split("\n", 1)[0].strip())
    match = _SUBJECT.match(first)
    if not match:
        return ""
    subject = match.group(1).strip(" ,")
    found = sorted(
        (match.start(), name) for pattern, name in _BODIES if (match := pattern.search(subject))
    )
    if found:
        return " and ".join(dict.fromkeys(name for _start, name in found))
    lowered = subject.lower()
    if "chief constable" in lowered:
        return "chief constables"
    subject = re.sub(r",.*$", "", subject)  # "the force, working with partners,"
    subject = re.sub(r"^(?:the|all|each)\s+", "", subject, flags=re.IGNORECASE)
    if subject.lower() in ("force", "forces", "police forces"):
        return "the force"
    if _SOMEONE.search(subject):
        return subject
    return ""


_SOMEONE = re.compile(
    r"\b(?:police|constabulary|lead|leads|unit|units|agency|council|office|inspectorate|"
    r"portfolio|service|services|commissioner|PCC|ROCU)\b",
    re.IGNORECASE,
)


def applies_to(addressee: str, force_name: str = "") -> tuple[bool, str]:
    """Whether an item addressed so applies to the force, and if not, why (for the preview)."""
    if not addressee:
        return True, ""
    bodies = [name for name in NATIONAL_BODIES if name in addressee]
    if bodies and "chief constables" not in addressee and "the force" not in addressee:
        return False, f"Addressed to the {addressee}; no action for the force."
    force = force_name.strip()
    if force and _FORCE_WORDS.search(addressee) and addressee.lower() != force.lower():
        return False, f"Addressed to {addressee}."
    return True, ""
