"""Add a report's findings fast: paste the text as published, check the preview, save."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Kind
from app.domain.errors import DomainError
from app.paste_splitter import split_findings
from app.services.lookups import LookupService
from app.services.paste_import import PasteImportService, ProposalProblems
from app.services.undo import CREATE, UndoStep
from app.workspace import Workspace
from ui.forms.fields import ErrorLabel, ValueCombo, combo_with
from ui.models.proposal_model import (
    ADDRESSEE,
    ADDRESSES,
    APPLIES,
    DUE,
    KIND,
    PROBLEM,
    REFERENCE,
    SAVE,
    TEXT,
    ProposalTableModel,
)

Index = QModelIndex | QPersistentModelIndex


class KindDelegate(QStyledItemDelegate):
    """Edits a proposal's kind with a list of the three kinds."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        return combo_with([(k, k.label) for k in Kind], index.data(Qt.ItemDataRole.EditRole))

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, ValueCombo)
        editor.setCurrentIndex(max(0, editor.index_of(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        assert isinstance(editor, ValueCombo)
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]


class TextDelegate(QStyledItemDelegate):
    """Edits a finding's full text (several lines, bullets kept)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setMinimumHeight(120)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = option.rect  # type: ignore[attr-defined]
        editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 420), max(rect.height(), 140))


class PasteFindingsDialog(QDialog):
    """Text in, one proposed finding per item out, corrected in the table, saved together."""

    def __init__(
        self, ws: Workspace, report_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("Add findings from text"))
        self.saved: list = []
        self.undo_steps: list[UndoStep] = []
        self.edited = False
        lookups = LookupService(ws.ctx)
        self.report_combo = combo_with(
            [
                (None, self.tr("— choose the report —")),
                *((r.id, r.label) for r in lookups.reports()),
            ],
            report_id,
        )
        self.report_combo.setAccessibleName(self.tr("Report"))
        self.report_combo.setMinimumContentsLength(40)
        self.report_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.report_error = ErrorLabel()
        self.kind_combo = combo_with(
            [(k, self.tr(k.label)) for k in (Kind.RECOMMENDATION, Kind.AFI, Kind.COC)],
            Kind.RECOMMENDATION,
        )
        self.kind_combo.setAccessibleName(self.tr("Items without a heading are"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("pastedText")
        self.text_edit.setAccessibleName(self.tr("Pasted text"))
        self.text_edit.setPlaceholderText(
            self.tr(
                "Paste the findings as the report prints them, e.g.\n\n"
                "Recommendation 1\nBy 31 July 2024, chief constables should …\n\n"
                "Area for improvement 1\nThe force should …\n\n"
                "Cause of concern … / Recommendation: …"
            )
        )
        self.read_button = QPushButton(self.tr("&Read the text"))
        self.read_button.clicked.connect(self.read_text)
        self.model = ProposalTableModel(self)
        self.model.sig_edited.connect(self._on_model_edited)
        self.model.dataChanged.connect(lambda *_: self._update_summary())
        self.table = QTableView()
        self.table.setObjectName("proposals")
        self.table.setAccessibleName(self.tr("Proposed findings"))
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(KIND, KindDelegate(self.table))
        self.table.setItemDelegateForColumn(TEXT, TextDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        for column, width in (
            (SAVE, 44),
            (KIND, 52),
            (REFERENCE, 165),
            (DUE, 120),
            (APPLIES, 62),
            (ADDRESSEE, 150),
            (ADDRESSES, 140),
            (PROBLEM, 200),
        ):
            header.resizeSection(column, width)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summary")
        self.summary_label.setWordWrap(True)
        self.unused_label = QLabel()
        self.unused_label.setObjectName("unused")
        self.unused_label.setWordWrap(True)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        report_holder = QWidget()
        report_box = QVBoxLayout(report_holder)
        report_box.setContentsMargins(0, 0, 0, 0)
        report_box.addWidget(self.report_combo)
        report_box.addWidget(self.report_error)
        report_label = QLabel(self.tr("&Report"))
        report_label.setBuddy(self.report_combo)
        form.addRow(report_label, report_holder)
        kind_label = QLabel(self.tr("Items &without a heading are"))
        kind_label.setBuddy(self.kind_combo)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addStretch(1)
        kind_row.addWidget(self.read_button)
        form.addRow(kind_label, kind_row)
        paste_label = QLabel(self.tr("&Paste the text as published:"))
        paste_label.setBuddy(self.text_edit)
        top_layout.addLayout(form)
        top_layout.addWidget(paste_label)
        top_layout.addWidget(self.text_edit, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.summary_label)
        bottom_layout.addWidget(self.table, 1)
        bottom_layout.addWidget(self.unused_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.text_edit.textChanged.connect(self._on_text_changed)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._on_text_changed())
        self.report_combo.currentIndexChanged.connect(lambda _i: self._on_text_changed())
        self._update_summary()
        self.resize(1180, 800)
        (self.text_edit if report_id else self.report_combo).setFocus()

    # --- reading --------------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        if self.edited:
            self.summary_label.setText(
                self.tr(
                    "The preview keeps your corrections. Press “Read the text” to read the "
                    "text again (your corrections will be replaced)."
                )
            )
            return
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.read_text()

    def read_text(self) -> None:
        """Split the text into proposals (replacing any corrections)."""
        self._timer.stop()
        settings = self.ws.settings.get()
        split = split_findings(
            self.text_edit.toPlainText(),
            default_kind=self.kind_combo.value(),
            force_name=settings.force_name,
        )
        report_id = self.report_combo.value()
        existing = (
            {f.reference.casefold() for f in self.ws.findings.for_report(report_id)}
            if report_id
            else set()
        )
        self.model.set_proposals(list(split.findings), existing)
        self.edited = False
        if split.unused:
            shown = [f"“{_short(u)}”" for u in split.unused[:6]]
            more = len(split.unused) - len(shown)
            text = self.tr("Not used ({n}): {items}").format(
                n=len(split.unused), items="; ".join(shown)
            )
            if more:
                text += self.tr(" and {n} more.").format(n=more)
            self.unused_label.setText(text)
        else:
            self.unused_label.setText("")
        self._fit_rows()
        self._update_summary()

    def _on_model_edited(self) -> None:
        self.edited = True

    def _fit_rows(self) -> None:
        """Show the link and problem columns only when needed; wrap the text up to 4 lines."""
        self.table.setColumnHidden(PROBLEM, not self.model.has_problems())
        self.table.setColumnHidden(ADDRESSES, not self.model.has_links())
        self.table.resizeRowsToContents()
        line = self.table.fontMetrics().lineSpacing()
        for row in range(self.model.rowCount()):
            if self.table.rowHeight(row) > 4 * line + 8:
                self.table.setRowHeight(row, 4 * line + 8)

    def _update_summary(self) -> None:
        rows = self.model.rows
        chosen = [r for r in rows if r.include]
        if not rows:
            self.summary_label.setText(self.tr("Paste text above to see the findings in it."))
        else:
            counts = {k: sum(1 for r in chosen if r.proposal.kind is k) for k in Kind}
            parts = ", ".join(
                f"{n} {_PLURALS[k] if n != 1 else k.label.lower()}" for k, n in counts.items() if n
            )
            not_ours = sum(1 for r in chosen if not r.proposal.applies_to_force)
            self.summary_label.setText(
                self.tr(
                    "{n} findings to save ({parts}); {not_ours} marked as not applying to the "
                    "force. Check each row: double-click a cell to correct it."
                ).format(n=len(chosen), parts=parts or "none", not_ours=not_ours)
            )
        self.save_button.setText(self.tr("&Save {n} findings").format(n=len(chosen)))
        self.save_button.setEnabled(bool(chosen))

    # --- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        self.error.clear_message()
        self.report_error.clear_message()
        report_id = self.report_combo.value()
        if not report_id:
            self.report_error.show_message(self.tr("choose the report these findings come from"))
            self.report_combo.setFocus()
            return
        chosen = self.model.included()
        try:
            saved = PasteImportService(self.ws.findings).save(report_id, [p for _row, p in chosen])
        except ProposalProblems as exc:
            self.model.set_problems({chosen[i][0]: message for i, message in exc.rows.items()})
            self._fit_rows()
            first = chosen[next(iter(exc.rows))][0]
            self.table.scrollTo(self.model.index(first, PROBLEM))
            self.error.show_message(
                self.tr(
                    "Nothing was saved: correct the rows with a problem (first: row {row})."
                ).format(row=first + 1)
            )
            return
        except DomainError as exc:
            self.error.show_message(exc.message)
            return
        self.saved = saved
        self.undo_steps.append(
            UndoStep(
                self.tr("Add {n} findings from text").format(n=len(saved)),
                "finding",
                CREATE,
                ids=tuple(f.id for f in saved),
            )
        )
        self.accept()


_PLURALS = {
    Kind.COC: "causes of concern",
    Kind.RECOMMENDATION: "recommendations",
    Kind.AFI: "areas for improvement",
}


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
