"""File → Import from Excel: file and sheet, columns, words, preview, then import in one go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget, QWizard

from app.importer.mapping import ImportMapping, MappingFileError
from app.importer.preview import Preview
from app.importer.service import ImportService
from app.importer.source import SheetData
from app.importer.template import template_path
from app.importer.writer import ImportResult
from app.workspace import Workspace
from ui.importing.pages import ColumnsPage, FilePage, PreviewPage, ResultPage, WordsPage


class ImportWizard(QWizard):
    """Nothing is written until the officer presses Import on the preview page."""

    sig_imported = Signal(object)  # ImportResult

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.service = ImportService(ws)
        self.mapping = ImportMapping()
        self.path: Path | None = None
        self.sheet: SheetData | None = None
        self.columns: dict[int, str] = {}
        self.preview: Preview | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import from Excel"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.words_page = WordsPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page in (
            self.file_page,
            self.columns_page,
            self.words_page,
            self.preview_page,
            self.result_page,
        ):
            self.addPage(page)
        self.resize(980, 640)

    # --- file dialogs (tests replace these) ------------------------------------------------
    def ask_open_path(self, caption: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, caption, "", filters)
        return Path(name) if name else None

    def ask_save_path(self, caption: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, caption, suggested, filters)
        return Path(name) if name else None

    def tell(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    # --- actions offered on the pages -------------------------------------------------------
    def save_template(self) -> None:
        """Copy the shipped template workbook where the officer chooses."""
        target = self.ask_save_path(
            self.tr("Save the import template"),
            "Liaison Desk import template.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        try:
            target.write_bytes(template_path().read_bytes())
        except OSError as exc:
            self.tell(self.tr("Template"), self.tr("It could not be saved: {e}").format(e=exc))
            return
        self.tell(
            self.tr("Template"),
            self.tr(
                "The template was saved to {path}. Fill in the Findings sheet and import "
                "it; the Instructions sheet says what each column takes."
            ).format(path=target),
        )

    def load_mapping(self) -> bool:
        """Use a mapping saved earlier; True when one was loaded."""
        path = self.ask_open_path(self.tr("Use a saved mapping"), self.tr("Mapping (*.json)"))
        if path is None:
            return False
        try:
            self.mapping = ImportMapping.load(path)
        except MappingFileError as exc:
            self.tell(self.tr("Mapping"), str(exc))
            return False
        return True

    def save_mapping(self) -> None:
        """Save the columns, words and choices made so far for the next import."""
        self.columns_page.store()
        self.words_page.store()
        path = self.ask_save_path(
            self.tr("Save this mapping"), "tracker mapping.json", self.tr("Mapping (*.json)")
        )
        if path is None:
            return
        try:
            self.mapping.save(path)
        except OSError as exc:
            self.tell(self.tr("Mapping"), self.tr("It could not be saved: {e}").format(e=exc))
