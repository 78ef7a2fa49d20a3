"""The import use cases, for the command line and the wizard: read, preview, write."""

from __future__ import annotations

from pathlib import Path

from app.importer.mapping import ImportMapping
from app.importer.preview import Preview, Progress, build_preview
from app.importer.source import SheetData, read_sheet, sheet_names
from app.importer.writer import ImportResult, ImportWriter
from app.workspace import Workspace


class ImportService:
    """Bring a tracker in: nothing is written until ``write`` is given a preview."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def sheets(self, path: Path) -> list[str]:
        """The sheets a file offers (ImportFileError when it cannot be read)."""
        return sheet_names(path)

    def read(self, path: Path, sheet: str | None = None) -> SheetData:
        """The cells of one sheet."""
        return read_sheet(path, sheet)

    def preview(
        self,
        path: Path,
        mapping: ImportMapping,
        *,
        sheet: SheetData | None = None,
        columns: dict[int, str] | None = None,
        progress: Progress | None = None,
    ) -> Preview:
        """Every row as it would be imported (PreviewError when the sheet makes no sense)."""
        data = sheet or self.read(path, mapping.sheet)
        return build_preview(
            self.ws, data, mapping, source_name=path.name, columns=columns, progress=progress
        )

    def write(self, preview: Preview, *, progress: Progress | None = None) -> ImportResult:
        """Write the rows to add or update, all in one transaction."""
        return ImportWriter(self.ws).write(preview, progress=progress)
