"""How a tracker's columns and words map onto Liaison Desk: chosen once, saved, reused."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.enums import Kind, ReportScope
from app.importer.fields import BY_KEY, auto_mapping, normalise_header
from app.importer.vocabulary import Vocabulary

FORMAT = "liaison-desk-import-mapping"
IGNORED = ""  # a column mapped to this is not imported


class MappingFileError(Exception):
    """A saved mapping cannot be read; the message says why."""


@dataclass
class ImportMapping:
    """The officer's choices: columns by header name, vocabulary, and what to do when in doubt."""

    columns: dict[str, str] = field(default_factory=dict)  # normalised header → field key
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    sheet: str | None = None
    header_row: int | None = None  # spreadsheet row number (1-based); None: find it
    default_kind: Kind = Kind.RECOMMENDATION
    default_report: str = ""  # report for rows that name none
    new_report_scope: ReportScope = ReportScope.FORCE
    create_people: bool = True  # unknown owners become people; else left unassigned
    update_duplicates: bool = True  # same report and reference: update it, else skip the row

    def columns_for(self, headers: Sequence[object]) -> dict[int, str]:
        """Column index → field for this header row: automatic, then the officer's choices."""
        found = auto_mapping(headers)
        chosen: dict[int, str] = {}
        for index, header in enumerate(headers):
            name = normalise_header(header)
            if name and name in self.columns:
                chosen[index] = self.columns[name]
        if not chosen:
            return found
        taken = {key for key in chosen.values() if key}
        result = {i: k for i, k in found.items() if i not in chosen and k not in taken}
        result.update({i: k for i, k in chosen.items() if k})
        return dict(sorted(result.items()))

    def remember_columns(self, headers: Sequence[object], columns: dict[int, str]) -> None:
        """Keep the officer's mapping by header name, so a re-ordered sheet still maps."""
        self.columns = {
            normalise_header(header): columns.get(index, IGNORED)
            for index, header in enumerate(headers)
            if normalise_header(header)
        }

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "version": 1,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "columns": self.columns,
            "vocabulary": self.vocabulary.to_json(),
            "default_kind": self.default_kind.value,
            "default_report": self.default_report,
            "new_report_scope": self.new_report_scope.value,
            "create_people": self.create_people,
            "update_duplicates": self.update_duplicates,
        }

    @classmethod
    def from_json(cls, data: object) -> ImportMapping:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise MappingFileError("this is not a Liaison Desk import mapping")
        try:
            columns = {
                normalise_header(k): str(v)
                for k, v in dict(data.get("columns") or {}).items()
                if str(v) in BY_KEY or str(v) == IGNORED
            }
            header_row = data.get("header_row")
            return cls(
                columns=columns,
                vocabulary=Vocabulary.from_json(data.get("vocabulary")),
                sheet=data.get("sheet") or None,
                header_row=int(header_row) if header_row else None,
                default_kind=Kind(data.get("default_kind", Kind.RECOMMENDATION.value)),
                default_report=str(data.get("default_report") or ""),
                new_report_scope=ReportScope(data.get("new_report_scope", "force")),
                create_people=bool(data.get("create_people", True)),
                update_duplicates=bool(data.get("update_duplicates", True)),
            )
        except (TypeError, ValueError) as exc:
            raise MappingFileError(
                f"the mapping has a value this version does not know ({exc})"
            ) from exc

    def save(self, path: Path) -> None:
        """Write the mapping as JSON."""
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, path: Path) -> ImportMapping:
        """Read a mapping saved by ``save``."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MappingFileError(f"{path.name} cannot be read as a mapping ({exc})") from exc
        return cls.from_json(data)
