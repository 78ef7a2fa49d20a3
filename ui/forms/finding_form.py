"""A finding: its details, where it is in its lifecycle, progress, evidence and history."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)

from app.domain.enums import Kind, Level, Rag
from app.domain.errors import DomainError, InvalidValues
from app.domain.values import Finding
from app.lifecycle import LifecycleStep
from app.services.checks import problems_for
from app.services.deletion import DeletionService
from app.services.lookups import LookupService
from app.services.undo import CREATE, DELETE, EDIT, UndoStep
from app.workspace import Workspace
from ui.forms.base import FormDialog
from ui.forms.fields import DateField, ValueCombo, combo_with, ensure_option
from ui.forms.finding_evidence import EvidencePanel
from ui.forms.finding_history_panel import HistoryPanel
from ui.forms.finding_lifecycle import LifecyclePanel, StatusChangeDialog
from ui.forms.finding_progress import ProgressPanel

DETAILS, PROGRESS, EVIDENCE, HISTORY = range(4)
LEVELS = (None, Level.L1, Level.L2, Level.L3, Level.L4, Level.BEFORE_LEVELS)


class FindingDialog(FormDialog):
    """Edits one finding; lifecycle steps, updates and evidence take effect at once."""

    def __init__(
        self,
        ws: Workspace,
        finding_id: str | None = None,
        *,
        report_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.ws = ws
        self.current = ws.findings.get(finding_id) if finding_id else None
        super().__init__(self._title(), parent)
        self.undo_steps: list[UndoStep] = []
        self.deleted = False
        self.lookups = LookupService(ws.ctx)
        value = self.current or Finding(report_id or "", Kind.RECOMMENDATION, "", "")
        self.lifecycle = LifecyclePanel(ws.ctx.clock.today())
        self.lifecycle.sig_step_requested.connect(self._on_lifecycle_step_requested)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(value), self.tr("&Details"))
        self.progress = ProgressPanel(ws)
        self.progress.sig_added.connect(self._on_progress_added)
        self.tabs.addTab(self.progress, self.tr("&Progress"))
        self.evidence = EvidencePanel(ws)
        self.evidence.sig_changed.connect(self._on_evidence_changed)
        self.tabs.addTab(self.evidence, self.tr("&Evidence"))
        self.history = HistoryPanel(ws)
        self.tabs.addTab(self.history, self.tr("&History"))
        self.delete_button: QPushButton | None = None
        if self.current is not None:
            self.delete_button = self.buttons.addButton(
                self.tr("De&lete…"), self.buttons.ButtonRole.DestructiveRole
            )
            self.delete_button.clicked.connect(self._on_delete_clicked)
        shortcut = QShortcut(QKeySequence("Ctrl+U"), self)
        shortcut.activated.connect(self.start_progress_update)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self._on_buttons_accepted)
        self.finish_layout(self.lifecycle, self.tabs)
        self._blank = self.value() if self.current is None else value
        self._show_current()
        self.resize(820, 700)
        self.reference_edit.setFocus()

    def _title(self) -> str:
        if self.current is None:
            return self.tr("New finding")
        return self.tr("{reference} — finding").format(reference=self.current.reference)

    # --- details --------------------------------------------------------------------------
    def _details_tab(self, value: Finding) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        reports = self.lookups.reports()
        self.report_combo = self.add_field(
            "report_id",
            self.tr("&Report"),
            combo_with(
                [(None, self.tr("— choose the report —")), *((r.id, r.label) for r in reports)],
                value.report_id or None,
            ),
            form=form,
        )
        ensure_option(self.report_combo, value.report_id or None, self.tr("(a deleted report)"))
        self.report_combo.setMinimumContentsLength(40)
        self.report_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind_combo = self.add_field(
            "kind",
            self.tr("&Kind"),
            combo_with([(k, self.tr(k.label)) for k in Kind], value.kind),
            form=form,
        )
        self.reference_edit = self.add_field(
            "reference", self.tr("Re&ference"), QLineEdit(value.reference), form=form
        )
        self.reference_edit.setPlaceholderText(self.tr("e.g. Recommendation 3"))
        self.text_edit = self.add_field(
            "text", self.tr("&Text as published"), QPlainTextEdit(value.text), form=form
        )
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(90)
        self.addressee_combo = self.add_field(
            "addressee", self.tr("Addressed &to"), QComboBox(), form=form
        )
        self.addressee_combo.setEditable(True)
        self.addressee_combo.addItems(self.lookups.addressees())
        self.addressee_combo.setCurrentText(value.addressee)
        self.applies_check = self.add_field(
            "applies_to_force", self.tr("&Applies to the force"), QCheckBox(), form=form
        )
        self.applies_check.setChecked(value.applies_to_force)
        self.reason_edit = self.add_field(
            "not_applicable_reason",
            self.tr("&Why it does not apply"),
            QLineEdit(value.not_applicable_reason),
            form=form,
        )
        self.parent_combo = self.add_field(
            "parent_id",
            self.tr("Addresses cause of c&oncern"),
            ValueCombo(),
            form=form,
        )
        self._fill_parents(value.report_id, value.parent_id)
        self.level_combo = self.add_field(
            "level",
            self.tr("&Level"),
            combo_with(
                [
                    (lv, self.tr(lv.label) if lv is not None else self.tr("Not set"))
                    for lv in LEVELS
                ],
                value.level,
            ),
            form=form,
        )
        due_row = QWidget()
        due_layout = QHBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        self.due_field = DateField(value.due_on)
        self.due_field.setAccessibleName(self.tr("Due date"))
        self.immediate_check = QCheckBox(self.tr("With &immediate effect"))
        self.immediate_check.setChecked(value.due_immediate)
        due_layout.addWidget(self.due_field, 1)
        due_layout.addWidget(self.immediate_check)
        self.add_field("due_on", self.tr("D&ue"), due_row, form=form)
        due_row.setFocusProxy(self.due_field)
        people = self.lookups.people()
        self.owner_combo = self.add_field(
            "owner_id",
            self.tr("O&wner"),
            combo_with(
                [(None, self.tr("— none —")), *((p.id, p.label) for p in people)], value.owner_id
            ),
            form=form,
        )
        self.department_combo = self._editable(self.lookups.departments(), value.department)
        self.add_field("department", self.tr("De&partment"), self.department_combo, form=form)
        self.lead_combo = self._editable(
            self.lookups.chief_officer_leads(), value.chief_officer_lead
        )
        self.add_field(
            "chief_officer_lead", self.tr("C&hief officer lead"), self.lead_combo, form=form
        )
        self.rag_combo = self.add_field(
            "rag",
            self.tr("R&AG"),
            combo_with(
                [(None, self.tr("— none —")), *((r, self.tr(r.label)) for r in Rag)], value.rag
            ),
            form=form,
        )
        self.applies_check.toggled.connect(self._update_enabled)
        self.kind_combo.currentIndexChanged.connect(self._update_enabled)
        self.immediate_check.toggled.connect(self._update_enabled)
        self.report_combo.currentIndexChanged.connect(self._on_report_changed)
        self._update_enabled()
        return page

    def _editable(self, items: list[str], current: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems(items)
        combo.setCurrentText(current)
        return combo

    def _fill_parents(self, report_id: str | None, current: str | None) -> None:
        self.parent_combo.remove_values()
        self.parent_combo.add_value(self.tr("— none —"), None)
        own = self.current.id if self.current else None
        for option in self.lookups.causes_of_concern(report_id):
            if option.id != own:
                self.parent_combo.add_value(option.label, option.id)
        ensure_option(self.parent_combo, current, self.tr("(a deleted cause of concern)"))

    def _on_report_changed(self) -> None:
        self._fill_parents(self.report_combo.value(), self.parent_combo.value())

    def _update_enabled(self) -> None:
        self.reason_edit.setEnabled(not self.applies_check.isChecked())
        self.parent_combo.setEnabled(self.kind_combo.value() is not Kind.COC)
        self.due_field.setEnabled(not self.immediate_check.isChecked())

    def reveal(self, widget: QWidget) -> None:
        self.tabs.setCurrentIndex(DETAILS)

    def value(self, *, lenient: bool = False) -> Finding:
        """The finding as the details now say; lifecycle fields stay as stored.

        Raises DomainError naming the field when the due date is not a date (unless
        ``lenient``, when such a date counts as empty).
        """
        try:
            due_on = None if self.immediate_check.isChecked() else self.due_field.value()
        except ValueError as exc:
            if not lenient:
                raise DomainError("due_on", str(exc)) from None
            due_on = None
        kind = self.kind_combo.value()
        base = self.current or Finding("", kind, "", "")
        return replace(
            base,
            report_id=self.report_combo.value() or "",
            kind=kind,
            reference=self.reference_edit.text().strip(),
            text=self.text_edit.toPlainText().strip(),
            addressee=self.addressee_combo.currentText().strip(),
            applies_to_force=self.applies_check.isChecked(),
            not_applicable_reason=""
            if self.applies_check.isChecked()
            else self.reason_edit.text().strip(),
            parent_id=None if kind is Kind.COC else self.parent_combo.value(),
            level=self.level_combo.value(),
            due_on=due_on,
            due_immediate=self.immediate_check.isChecked(),
            owner_id=self.owner_combo.value(),
            department=self.department_combo.currentText().strip(),
            chief_officer_lead=self.lead_combo.currentText().strip(),
            rag=self.rag_combo.value(),
        )

    def is_dirty(self) -> bool:
        """True when the details differ from what is stored (or, for a new one, from blank)."""
        try:
            return self.value() != (self.current or self._blank)
        except DomainError:
            return True

    # --- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        self.save_details()
        return True

    def save_details(self) -> Finding:
        """Store the details (creating the finding if new); raises DomainError to show."""
        try:
            value = self.value()
        except DomainError as exc:  # the due date: show it with everything else that is wrong
            others = problems_for(self.ws.findings, self.value(lenient=True), self.current)
            raise InvalidValues({**others, "due_on": exc.message}) from None
        if self.current is None:
            saved = self.ws.findings.create(value)
            self.undo_steps.append(
                UndoStep(
                    self.tr("New {ref}").format(ref=saved.reference),
                    "finding",
                    CREATE,
                    ids=(saved.id,),
                )
            )
        elif value != self.current:
            saved = self.ws.findings.update(value)
            self.undo_steps.append(
                UndoStep(
                    self.tr("Edit {ref}").format(ref=saved.reference),
                    "finding",
                    EDIT,
                    ((self.current, saved),),
                )
            )
        else:
            return self.current
        self.current = saved
        self._show_current()
        return saved

    def _ensure_saved(self) -> bool:
        """Save pending detail changes before a lifecycle step; False when they are wrong."""
        if not self.is_dirty():
            return True
        self.clear_problems()
        try:
            self.save_details()
        except DomainError as exc:
            self.show_error(exc)
            return False
        return True

    def _show_current(self) -> None:
        self.setWindowTitle(self._title())
        self.lifecycle.set_finding(self.current)
        finding_id = self.current.id if self.current else None
        self.progress.set_finding(finding_id)
        self.evidence.set_finding(finding_id)
        self.history.set_finding(finding_id)
        for index in (PROGRESS, EVIDENCE, HISTORY):
            self.tabs.setTabEnabled(index, finding_id is not None)

    # --- lifecycle, progress, evidence ----------------------------------------------------
    def _on_lifecycle_step_requested(self, step: LifecycleStep) -> None:
        self.run_step(step)

    def run_step(self, step: LifecycleStep) -> Finding | None:
        """Make a lifecycle step, asking first for whatever it needs."""
        if self.current is None or not self._ensure_saved():
            return None
        before = self.current
        if step.asks_anything:
            dialog = StatusChangeDialog(self.ws, before, step, self)
            accepted = dialog.exec()
            dialog.deleteLater()
            if not accepted or dialog.saved is None:
                return None
            after = dialog.saved
        else:
            try:
                after = self.ws.findings.change_status(before.id, step.target)
            except DomainError as exc:
                self.show_error(exc)
                return None
        self.undo_steps.append(
            UndoStep(
                self.tr("{ref}: {step}").format(ref=after.reference, step=step.label.rstrip("…")),
                "finding",
                EDIT,
                ((before, after),),
            )
        )
        self.current = after
        self._show_current()
        return after

    def start_progress_update(self) -> None:
        """Ctrl+U: straight to a new progress update."""
        if self.current is None:
            return
        self.tabs.setCurrentIndex(PROGRESS)
        self.progress.focus_new_update()

    def _on_progress_added(self) -> None:
        self.history.set_finding(self.current.id if self.current else None)

    def _on_evidence_changed(self, step: UndoStep) -> None:
        self.undo_steps.append(step)
        self.history.set_finding(self.current.id if self.current else None)

    # --- deleting -------------------------------------------------------------------------
    def _on_delete_clicked(self) -> None:
        if self.current is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete finding"),
            self.tr(
                "Delete {ref}?\n\nThe deletion is recorded, and you can restore it from "
                "Edit → Recently deleted, or undo it with Ctrl+Z."
            ).format(ref=self.current.reference),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        DeletionService(self.ws.ctx).delete("finding", self.current.id)
        self.undo_steps.append(
            UndoStep(
                self.tr("Delete {ref}").format(ref=self.current.reference),
                "finding",
                DELETE,
                ids=(self.current.id,),
            )
        )
        self.deleted = True
        self.accept()

    def reject(self) -> None:
        # Escape or Cancel with unsaved details asks first, so nothing typed is lost by a slip.
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr("Discard what you have typed in the details?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
