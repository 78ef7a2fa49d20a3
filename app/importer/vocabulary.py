"""The words a tracker uses for status, level, RAG, kind…, and what each means here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.domain.enums import ClosedBy, Kind, Level, Rag, Status

# Fields whose cells are words from a small vocabulary, and the values each word can mean.
VOCABULARY_FIELDS: dict[str, tuple[str, ...]] = {
    "status": tuple(s.value for s in Status),
    "level": tuple(str(level.value) for level in Level),
    "rag": tuple(r.value for r in Rag),
    "kind": tuple(k.value for k in Kind),
    "applies": ("yes", "no"),
    "closed_by": tuple(c.value for c in ClosedBy),
}
IGNORE = ""  # a word mapped to this means "leave the field empty"

_DEFAULTS: dict[str, dict[str, str]] = {
    "status": {
        **dict.fromkeys(
            [
                "open",
                "not started",
                "new",
                "outstanding",
                "to do",
                "not yet started",
                "awaiting",
                "awaiting action",
                "red open",
                "yet to start",
                "open new",
            ],
            "open",
        ),
        **dict.fromkeys(
            [
                "in progress",
                "ongoing",
                "on going",
                "progressing",
                "underway",
                "under way",
                "started",
                "active",
                "wip",
                "work in progress",
                "in hand",
                "open in progress",
                "on track",
                "behind schedule",
                "delayed",
                "overdue",
            ],
            "in_progress",
        ),
        **dict.fromkeys(
            [
                "internal review",
                "review",
                "under review",
                "submitted to dcc",
                "dcc review",
                "with dcc",
                "panel",
                "panel review",
                "awaiting sign off",
                "for review",
                "pending closure",
                "ready for closure",
                "awaiting dcc",
                "submitted to panel",
                "awaiting closure",
                "proposed for closure",
                "recommended for closure",
            ],
            "internal_review",
        ),
        **dict.fromkeys(
            [
                "submitted",
                "submitted to hmicfrs",
                "submitted to hmic",
                "submitted for closure",
                "awaiting hmicfrs",
                "with hmicfrs",
                "submitted to hmicfrs for closure",
                "awaiting hmicfrs sign off",
                "sent to hmicfrs",
            ],
            "submitted",
        ),
        **dict.fromkeys(
            [
                "closed",
                "complete",
                "completed",
                "done",
                "discharged",
                "closed by hmicfrs",
                "achieved",
                "finished",
                "signed off",
                "closed complete",
                "archived",
                "met",
                "closed by force",
                "closed by the force",
            ],
            "closed",
        ),
        **dict.fromkeys(
            ["not applicable", "n a", "na", "not relevant", "does not apply", "out of scope"],
            "not_applicable",
        ),
        **dict.fromkeys(["superseded", "replaced", "withdrawn", "merged"], "superseded"),
    },
    "level": {
        **{
            f"{prefix}{n}": str(n)
            for n in range(1, 5)
            for prefix in ("", "l", "l ", "level ", "lvl ", "lvl")
        },
        **{f"{n} 0": str(n) for n in range(1, 5)},
        **dict.fromkeys(
            [
                "0",
                "closed before levels",
                "before levels",
                "pre levels",
                "pre level",
                "prior to levels",
                "no level closed",
            ],
            "0",
        ),
    },
    "rag": {
        **dict.fromkeys(["red", "r"], "red"),
        **dict.fromkeys(["amber", "a", "orange", "yellow"], "amber"),
        **dict.fromkeys(["green", "g"], "green"),
    },
    "kind": {
        **dict.fromkeys(
            [
                "afi",
                "afis",
                "area for improvement",
                "areas for improvement",
                "a4i",
                "area of improvement",
                "improvement area",
            ],
            "afi",
        ),
        **dict.fromkeys(
            ["coc", "cause of concern", "causes of concern", "cause for concern", "concern"],
            "coc",
        ),
        **dict.fromkeys(
            [
                "rec",
                "recs",
                "recommendation",
                "recommendations",
                "r",
                "national recommendation",
                "force recommendation",
            ],
            "recommendation",
        ),
    },
    "applies": {
        **dict.fromkeys(["yes", "y", "true", "1", "applies", "applicable"], "yes"),
        **dict.fromkeys(["no", "n", "false", "0", "not applicable", "does not apply"], "no"),
    },
    "closed_by": {
        **dict.fromkeys(
            [
                "force",
                "the force",
                "self certified",
                "self certification",
                "self cert",
                "cc letter",
                "force closed",
            ],
            "force",
        ),
        **dict.fromkeys(["hmicfrs", "hmic", "hmi", "inspectorate", "hmicfrs closed"], "hmicfrs"),
    },
}


def normalise_word(value: object) -> str:
    """ "Submitted to DCC " → "submitted to dcc"; 2.0 → "2"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool):
        value = "yes" if value else "no"
    return " ".join(re.findall(r"[a-z0-9]+", str(value).lower()))


@dataclass
class Vocabulary:
    """Default words plus the officer's own (which win). Values are enum values, or IGNORE."""

    custom: dict[str, dict[str, str]] = field(default_factory=dict)
    _cache: dict[tuple[str, type, object], str | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    _blank: dict[tuple[type, object], bool] = field(default_factory=dict, repr=False, compare=False)

    def meaning(self, field_key: str, value: object) -> str | None:
        """The enum value a word stands for, IGNORE, or None when the word is unknown."""
        key = (field_key, type(value), value)
        try:
            return self._cache[key]
        except KeyError:
            pass
        except TypeError:  # not hashable
            return self._meaning(field_key, value)
        found = self._cache[key] = self._meaning(field_key, value)
        return found

    def is_blank(self, value: object) -> bool:
        """True for a cell with no word in it ("", "-", "…"): not a word to look up."""
        key = (type(value), value)
        try:
            return self._blank[key]
        except KeyError:
            pass
        except TypeError:  # not hashable
            return not normalise_word(value)
        blank = self._blank[key] = not normalise_word(value)
        return blank

    def _meaning(self, field_key: str, value: object) -> str | None:
        word = normalise_word(value)
        own = self.custom.get(field_key, {})
        if word in own:
            return own[word]
        return _DEFAULTS.get(field_key, {}).get(word)

    def set(self, field_key: str, word: object, meaning: str) -> None:
        """The officer says what a word means (IGNORE to leave the field empty)."""
        self.custom.setdefault(field_key, {})[normalise_word(word)] = meaning
        self._cache.clear()

    def to_json(self) -> dict[str, dict[str, str]]:
        return {k: dict(sorted(v.items())) for k, v in sorted(self.custom.items()) if v}

    @classmethod
    def from_json(cls, data: object) -> Vocabulary:
        if not isinstance(data, dict):
            return cls()
        custom: dict[str, dict[str, str]] = {}
        for key, words in data.items():
            if key not in VOCABULARY_FIELDS or not isinstance(words, dict):
                continue
            allowed = set(VOCABULARY_FIELDS[key]) | {IGNORE}
            custom[key] = {normalise_word(w): str(m) for w, m in words.items() if str(m) in allowed}
        return cls(custom)


def meaning_label(field_key: str, value: str) -> str:
    """How a person reads a vocabulary value ("in_progress" → "In progress")."""
    if value == IGNORE:
        return "(leave empty)"
    if field_key == "status":
        return Status(value).label
    if field_key == "level":
        return Level(int(value)).label
    if field_key == "rag":
        return Rag(value).label
    if field_key == "kind":
        return Kind(value).label
    if field_key == "closed_by":
        return ClosedBy(value).label
    return value.capitalize()
