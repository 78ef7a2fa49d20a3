"""The pages of the import wizard. Reading, previewing and writing run off the GUI thread."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.domain.enums import Kind, ReportScope
from app.importer.fields import FIELDS
from app.importer.mapping import IGNORED
from app.importer.preview import Action, PreviewError, header_index
from app.importer.rows import text_of
from app.importer.source import SUFFIXES, ImportFileError
from app.importer.vocabulary import IGNORE, VOCABULARY_FIELDS, meaning_label
from ui import worker
from ui.importing.preview_model import SHOW_ALL, SHOW_ERRORS, SHOW_WARNINGS, PreviewTableModel

if TYPE_CHECKING:
    from ui.importing.wizard import ImportWizard

UNKNOWN = "?"


class _Page(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self._job: worker.Job | None = None

    def _run(self, work: Any, done: Any, *, progress: QProgressBar | None = None) -> None:
        job = worker.Job(work, wants_progress=progress is not None)
        if progress is not None:
            progress.setRange(0, 0)
            progress.show()
            job.signals.sig_progressed.connect(
                lambda n, total: (progress.setRange(0, max(total, 1)), progress.setValue(n))
            )
        job.signals.sig_finished.connect(done)
        job.signals.sig_failed.connect(self._on_job_failed)
        self._job = worker.start(job)

    def _on_job_failed(self, exc: Exception, _trace: str) -> None:
        self._job = None
        self.failed(exc)

    def failed(self, exc: Exception) -> None:
        raise NotImplementedError


class FilePage(_Page):
    """Choose the file and the sheet (and, if wanted, a saved mapping)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Choose the tracker"))
        self.setSubTitle(
            self.tr(
                "An Excel workbook (.xlsx, .xls, .ods) or a .csv file. "
                "Nothing is written until you confirm the preview."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("File to import"))
        self.path_edit.editingFinished.connect(self._on_path_edit_editing_finished)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName(self.tr("Sheet"))
        self.sheet_combo.currentIndexChanged.connect(lambda _i: self.completeChanged.emit())
        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, row)
        sheet_label = QLabel(self.tr("&Sheet:"))
        sheet_label.setBuddy(self.sheet_combo)
        form.addRow(sheet_label, self.sheet_combo)
        self.mapping_label = QLabel(self.tr("Columns and words are recognised automatically."))
        mapping_button = QPushButton(self.tr("Use a saved &mapping…"))
        mapping_button.clicked.connect(self._on_mapping_clicked)
        template_button = QPushButton(self.tr("Save &template…"))
        template_button.setToolTip(self.tr("A workbook with the columns this import expects"))
        template_button.clicked.connect(self.w.save_template)
        buttons = QHBoxLayout()
        buttons.addWidget(mapping_button)
        buttons.addWidget(template_button)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("errorLabel")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.mapping_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        self._loaded: tuple[str, str] | None = None

    def set_path(self, path: Any) -> None:
        """Choose a file (as Browse does) and list its sheets."""
        self.path_edit.setText(str(path))
        self._on_path_edit_editing_finished()

    def _on_browse_clicked(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUFFIXES)
        path = self.w.ask_open_path(
            self.tr("Import from Excel"), self.tr("Spreadsheets ({p})").format(p=patterns)
        )
        if path is not None:
            self.set_path(path)

    def _on_mapping_clicked(self) -> None:
        if self.w.load_mapping():
            self.mapping_label.setText(self.tr("Using the saved mapping."))
            if self.w.mapping.sheet:
                index = self.sheet_combo.findText(self.w.mapping.sheet)
                if index >= 0:
                    self.sheet_combo.setCurrentIndex(index)

    def _on_path_edit_editing_finished(self) -> None:
        from pathlib import Path

        self.sheet_combo.clear()
        self.message.clear()
        text = self.path_edit.text().strip()
        if text:
            try:
                names = self.w.service.sheets(Path(text))
            except ImportFileError as exc:
                self.message.setText(str(exc))
            else:
                self.sheet_combo.addItems(names)
                wanted = self.w.mapping.sheet
                if wanted and wanted in names:
                    self.sheet_combo.setCurrentText(wanted)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.sheet_combo.count() > 0 and self._job is None

    def validatePage(self) -> bool:
        from pathlib import Path

        key = (self.path_edit.text().strip(), self.sheet_combo.currentText())
        if self._loaded == key and self.w.sheet is not None:
            return True
        path, sheet = Path(key[0]), key[1]
        self.message.setText(self.tr("Reading {name}…").format(name=path.name))

        def done(data: Any) -> None:
            self._job = None
            self.progress.hide()
            self.message.clear()
            self.w.path, self.w.sheet, self._loaded = path, data, key
            self.w.mapping.sheet = sheet
            self.completeChanged.emit()
            self.w.next()

        self._run(lambda: self.w.service.read(path, sheet), done, progress=None)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.completeChanged.emit()
        return False

    def failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.message.setText(str(exc))
        self.completeChanged.emit()


class ColumnsPage(_Page):
    """Which column holds what: recognised from the headers, corrected by the officer."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr(
                "Each column is matched from its header. Change any match; "
                "a column set to “(not imported)” is left out."
            )
        )
        self.header_spin = QSpinBox()
        self.header_spin.setAccessibleName(self.tr("Header row"))
        self.header_spin.valueChanged.connect(self._on_header_spin_value_changed)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the sheet"), self.tr("First value"), self.tr("Imported as")]
        )
        self.table.setAccessibleName(self.tr("Column matches"))
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.kind_combo = QComboBox()
        for kind in Kind:
            self.kind_combo.addItem(self.tr(kind.label), kind.value)
        self.report_edit = QLineEdit()
        self.report_edit.setPlaceholderText(self.tr("e.g. PEEL 2023–25 (optional)"))
        self.scope_combo = QComboBox()
        for scope in ReportScope:
            self.scope_combo.addItem(self.tr(scope.label), scope.value)
        self.people_check = QCheckBox(self.tr("Add owners not yet known as &people"))
        self.update_check = QCheckBox(
            self.tr("&Update findings already recorded (same report and reference)")
        )
        save = QPushButton(self.tr("Sa&ve mapping…"))
        save.clicked.connect(self.w.save_mapping)
        self.report_edit.setMinimumWidth(360)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("&Header row:"), self.header_spin)
        form.addRow(self.tr("Findings with no kind are:"), self.kind_combo)
        form.addRow(self.tr("Report for rows that name none:"), self.report_edit)
        form.addRow(self.tr("New reports are:"), self.scope_combo)
        form.addRow(self.people_check)
        form.addRow(self.update_check)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(save)
        layout.addLayout(bottom)
        self._combos: list[QComboBox] = []

    def initializePage(self) -> None:
        sheet, mapping = self.w.sheet, self.w.mapping
        assert sheet is not None
        self.header_spin.blockSignals(True)
        self.header_spin.setRange(1, max(1, min(len(sheet.rows), 100)))
        try:
            self.header_spin.setValue(header_index(sheet, mapping) + 1)
            self.message.clear()
        except PreviewError as exc:
            self.header_spin.setValue(1)
            self.message.setText(str(exc))
        self.header_spin.blockSignals(False)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(mapping.default_kind.value))
        self.scope_combo.setCurrentIndex(self.scope_combo.findData(mapping.new_report_scope.value))
        self.report_edit.setText(mapping.default_report)
        self.people_check.setChecked(mapping.create_people)
        self.update_check.setChecked(mapping.update_duplicates)
        self._fill()

    def _on_header_spin_value_changed(self, _value: int) -> None:
        self._fill()

    def _headers(self) -> list[object]:
        sheet = self.w.sheet
        assert sheet is not None
        return list(sheet.rows[self.header_spin.value() - 1]) if sheet.rows else []

    def _fill(self) -> None:
        sheet = self.w.sheet
        assert sheet is not None
        headers = self._headers()
        found = self.w.mapping.columns_for(headers)
        below = sheet.rows[self.header_spin.value() :]
        self.table.setRowCount(len(headers))
        self._combos = []
        for i, header in enumerate(headers):
            from app.exports.xlsx import column_letter

            name = text_of(header) or self.tr("(no header)")
            self.table.setItem(i, 0, _item(f"{column_letter(i)}: {name}"))
            sample = next((text_of(r[i]) for r in below[:200] if r[i] is not None), "")
            self.table.setItem(i, 1, _item(sample[:120]))
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Import column {name} as").format(name=name))
            combo.addItem(self.tr("(not imported)"), IGNORED)
            for field in FIELDS:
                combo.addItem(self.tr(field.label), field.key)
            combo.setCurrentIndex(max(0, combo.findData(found.get(i, IGNORED))))
            combo.currentIndexChanged.connect(lambda _i: self.completeChanged.emit())
            self.table.setCellWidget(i, 2, combo)
            self._combos.append(combo)
        self.completeChanged.emit()

    def chosen(self) -> dict[int, str]:
        """Column index → field, as the combos say."""
        return {i: c.currentData() for i, c in enumerate(self._combos) if c.currentData()}

    def isComplete(self) -> bool:
        values = list(self.chosen().values())
        if "text" not in values:
            self.message.setText(self.tr("Choose the column that holds the findings' text."))
            return False
        twice = [k for k, n in Counter(values).items() if n > 1]
        if twice:
            label = next(f.label for f in FIELDS if f.key == twice[0])
            self.message.setText(self.tr("Only one column can be “{f}”.").format(f=label))
            return False
        self.message.clear()
        return True

    def store(self) -> None:
        """Keep the page's choices in the wizard's mapping."""
        if self.w.sheet is None or not self._combos:
            return
        mapping = self.w.mapping
        mapping.header_row = self.header_spin.value()
        mapping.remember_columns(self._headers(), self.chosen())
        # Qt hands StrEnum item data back as plain str.
        mapping.default_kind = Kind(self.kind_combo.currentData())
        mapping.new_report_scope = ReportScope(self.scope_combo.currentData())
        mapping.default_report = self.report_edit.text().strip()
        mapping.create_people = self.people_check.isChecked()
        mapping.update_duplicates = self.update_check.isChecked()
        self.w.columns = self.chosen()

    def validatePage(self) -> bool:
        self.store()
        return True


class WordsPage(_Page):
    """What the sheet's own words mean: status, level, RAG, kind…"""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Check the words"))
        self.setSubTitle(
            self.tr(
                "The words your tracker uses, and what each means here. "
                "Words marked “?” are not recognised: choose their meaning, "
                "or their rows will be shown as errors."
            )
        )
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Word in the sheet"), self.tr("Rows"), self.tr("Means")]
        )
        self.table.setAccessibleName(self.tr("Words and their meanings"))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No column with words to check (status, level, RAG, kind)."))
        save = QPushButton(self.tr("Sa&ve mapping…"))
        save.clicked.connect(self.w.save_mapping)
        bottom = QHBoxLayout()
        bottom.addWidget(self.empty)
        bottom.addStretch(1)
        bottom.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._rows: list[tuple[str, object, QComboBox]] = []

    def initializePage(self) -> None:
        sheet = self.w.sheet
        assert sheet is not None
        vocabulary = self.w.mapping.vocabulary
        header = (self.w.mapping.header_row or 1) - 1
        words: list[tuple[str, str, object, int]] = []
        labels = {f.key: f.label for f in FIELDS}
        for index, key in sorted(self.w.columns.items(), key=lambda kv: kv[1]):
            if key not in VOCABULARY_FIELDS:
                continue
            counts: Counter[str] = Counter()
            first: dict[str, object] = {}
            for row in sheet.rows[header + 1 :]:
                value = row[index] if index < len(row) else None
                shown = text_of(value)
                if shown:
                    counts[shown] += 1
                    first.setdefault(shown, value)
            for shown, n in counts.most_common(200):
                words.append((key, shown, first[shown], n))
        self.table.setRowCount(len(words))
        self._rows = []
        for i, (key, shown, value, n) in enumerate(words):
            self.table.setItem(i, 0, _item(self.tr(labels[key])))
            self.table.setItem(i, 1, _item(shown))
            self.table.setItem(i, 2, _item(f"{n:,}"))
            combo = QComboBox()
            combo.setAccessibleName(self.tr("{word} means").format(word=shown))
            combo.addItem(self.tr("? (not recognised)"), UNKNOWN)
            combo.addItem(self.tr("(leave empty)"), IGNORE)
            for meaning in VOCABULARY_FIELDS[key]:
                combo.addItem(self.tr(meaning_label(key, meaning)), meaning)
            meaning = vocabulary.meaning(key, value)
            combo.setCurrentIndex(combo.findData(UNKNOWN if meaning is None else meaning))
            self.table.setCellWidget(i, 3, combo)
            self._rows.append((key, value, combo))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty.setVisible(not words)

    def store(self) -> None:
        """Record every word whose meaning differs from what would be guessed."""
        vocabulary = self.w.mapping.vocabulary
        for key, value, combo in self._rows:
            chosen = combo.currentData()
            if chosen != UNKNOWN and chosen != vocabulary.meaning(key, value):
                vocabulary.set(key, value, chosen)

    def validatePage(self) -> bool:
        self.store()
        return True


class PreviewPage(_Page):
    """Every row as it will be imported; the Import button writes it all in one go."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(
            self.tr(
                "Every row as it will be imported. Point at a row to read its problems in full."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.show_combo = QComboBox()
        self.show_combo.setAccessibleName(self.tr("Rows shown"))
        self.show_combo.addItem(self.tr("Every row"), SHOW_ALL)
        self.show_combo.addItem(self.tr("Rows in error"), SHOW_ERRORS)
        self.show_combo.addItem(self.tr("Rows with warnings"), SHOW_WARNINGS)
        self.show_combo.currentIndexChanged.connect(
            lambda _i: self.model.set_show(self.show_combo.currentData())
        )
        self.model = PreviewTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Preview of every row"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.note = QLabel()
        self.note.setWordWrap(True)
        show_row = QHBoxLayout()
        show_label = QLabel(self.tr("S&how:"))
        show_label.setBuddy(self.show_combo)
        show_row.addWidget(show_label)
        show_row.addWidget(self.show_combo)
        show_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(show_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.note)

    def initializePage(self) -> None:
        self.w.preview = None
        self.model.set_preview(None)
        self.summary.setText(self.tr("Reading every row…"))
        self.note.setText(self.tr("Nothing has been written yet."))
        wizard = self.w

        def work(progress: Any) -> Any:
            assert wizard.path is not None
            return wizard.service.preview(
                wizard.path,
                wizard.mapping,
                sheet=wizard.sheet,
                columns=wizard.columns,
                progress=progress,
            )

        self._run(work, self._on_preview_done, progress=self.progress)
        self.completeChanged.emit()

    def _on_preview_done(self, preview: Any) -> None:
        self._job = None
        self.progress.hide()
        self.w.preview = preview
        self.model.set_preview(preview)
        self.view.resizeColumnsToContents()
        for column in (2, 9):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 320))
        c = preview.counts()
        parts = [
            self.tr("<b>{n}</b> to add").format(n=f"{c[Action.ADD]:,}"),
            self.tr("<b>{n}</b> to update").format(n=f"{c[Action.UPDATE]:,}"),
            self.tr("<b>{n}</b> to skip").format(n=f"{c[Action.SKIP]:,}"),
            self.tr("<b>{n}</b> in error, not imported").format(n=f"{c[Action.ERROR]:,}"),
        ]
        extra = []
        if preview.new_reports:
            extra.append(self.tr("{n} new reports").format(n=len(preview.new_reports)))
        if preview.new_people:
            extra.append(self.tr("{n} new people").format(n=len(preview.new_people)))
        if preview.blank_rows:
            extra.append(self.tr("{n} blank rows ignored").format(n=preview.blank_rows))
        text = " · ".join(parts) + ("<br>" + " · ".join(extra) if extra else "")
        self.summary.setText(text)
        self.note.setText(
            self.tr(
                "Nothing has been written yet. Import writes every row to add or update in "
                "one go, or nothing at all. "
            )
            + self.tr(preview.status_note)
        )
        if c[Action.ERROR]:
            self.show_combo.setCurrentIndex(self.show_combo.findData(SHOW_ERRORS))
        self.completeChanged.emit()

    def failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.summary.setText(str(exc))

    def isComplete(self) -> bool:
        return self.w.preview is not None and self.w.preview.will_write()


class ResultPage(_Page):
    """Writes the preview, with progress, and says what was imported."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(self.tr("Everything is written in one go, or nothing at all."))
        self.message = QLabel()
        self.message.setObjectName("resultLabel")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        self._done = False

    def initializePage(self) -> None:
        self._done = False
        preview = self.w.preview
        assert preview is not None
        self.message.setText(
            self.tr("Writing {n} findings…").format(
                n=f"{sum(preview.counts()[a] for a in (Action.ADD, Action.UPDATE)):,}"
            )
        )
        self._run(
            lambda progress: self.w.service.write(preview, progress=progress),
            self._on_write_done,
            progress=self.progress,
        )

    def _on_write_done(self, result: Any) -> None:
        self._job = None
        self._done = True
        self.w.result = result
        self.setTitle(self.tr("Imported"))
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.message.setText("\n".join(result.lines()))
        self.completeChanged.emit()
        self.w.sig_imported.emit(result)

    def failed(self, exc: Exception) -> None:
        self._done = True
        self.setTitle(self.tr("Nothing was imported"))
        self.progress.hide()
        self.message.setText(
            self.tr("Nothing was imported: {error}. The database is as it was.").format(error=exc)
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._done


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
