"""Bulk edit: set owner, department, status, level, due date or RAG on many findings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from app.domain.enums import ClosedBy, Level, Rag, Status
from app.domain.errors import DomainError
from app.services.bulk_edit import BulkEditService, BulkResult
from app.services.lookups import LookupService
from app.services.undo import EDIT, UndoStep
from app.workspace import Workspace
from ui.forms.base import FormDialog
from ui.forms.fields import DateField, combo_with

LEVELS = (None, Level.L1, Level.L2, Level.L3, Level.L4, Level.BEFORE_LEVELS)


class BulkEditDialog(FormDialog):
    """Tick what to change, give a reason; each finding is checked and logged on its own."""

    def __init__(
        self, ws: Workspace, finding_ids: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Change {n} findings").format(n=len(finding_ids)), parent)
        self.ws = ws
        self.finding_ids = list(dict.fromkeys(finding_ids))
        self.result_: BulkResult | None = None
        self.undo_steps: list[UndoStep] = []
        lookups = LookupService(ws.ctx)
        intro = QLabel(
            self.tr(
                "Tick each thing to change on all {n} selected findings. Each finding is "
                "checked against the rules and gets its own entry in the history; any the rules "
                "refuse are listed, not skipped silently."
            ).format(n=len(self.finding_ids))
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.ticks: dict[str, QCheckBox] = {}
        self.owner_combo = self._row(
            "owner_id",
            self.tr("&Owner"),
            combo_with([(None, self.tr("— none —")), *((p.id, p.label) for p in lookups.people())]),
        )
        self.department_combo = QComboBox()
        self.department_combo.setEditable(True)
        self.department_combo.addItems(lookups.departments())
        self.department_combo.setCurrentText("")
        self._row("department", self.tr("&Department"), self.department_combo)
        self.status_combo = self._row(
            "status", self.tr("&Status"), combo_with([(s, self.tr(s.label)) for s in Status])
        )
        self.letter_ref = self.add_field(
            "cc_letter_ref", self.tr("  CC letter &reference"), QLineEdit()
        )
        self.letter_ref.setPlaceholderText(self.tr("for a submission at Level 2 or 3"))
        self.letter_on = self.add_field("cc_letter_on", self.tr("  CC letter da&ted"), DateField())
        self.closed_by = self.add_field(
            "closed_by",
            self.tr("  Closed &by"),
            combo_with([(c, self.tr(c.label)) for c in ClosedBy], ClosedBy.HMICFRS),
        )
        self.level_combo = self._row(
            "level",
            self.tr("&Level"),
            combo_with([(lv, self.tr(lv.label) if lv else self.tr("Not set")) for lv in LEVELS]),
        )
        self.due_field = self._row("due_on", self.tr("D&ue date"), DateField())
        self.rag_combo = self._row(
            "rag",
            self.tr("R&AG"),
            combo_with([(None, self.tr("— none —")), *((r, self.tr(r.label)) for r in Rag)]),
        )
        self.note_edit = self.add_field("note", self.tr("&Why (required)"), QPlainTextEdit())
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(70)
        self.note_edit.setPlaceholderText(self.tr("e.g. Reallocated at the DCC's oversight board"))
        self.results_label = QLabel()
        self.results_label.setObjectName("results")
        self.results_label.setWordWrap(True)
        self.failures = QListWidget()
        self.failures.setObjectName("failures")
        self.failures.setAccessibleName(self.tr("Findings not changed, and why"))
        self.failures.setWordWrap(True)
        self.failures.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Apply"))
        self.status_combo.currentIndexChanged.connect(self._update_enabled)
        self.setMinimumWidth(560)
        self.finish_layout(self.results_label, self.failures)
        self._update_enabled()

    def _row(self, name: str, label: str, widget):  # type: ignore[no-untyped-def]
        tick = QCheckBox(label)
        tick.setObjectName(f"set_{name}")
        self.ticks[name] = tick
        # The tick is the row's label: the field is enabled only while it is ticked.
        self.add_field(name, label, widget, caption=tick)
        tick.toggled.connect(self._update_enabled)
        return widget

    def _update_enabled(self) -> None:
        for name, tick in self.ticks.items():
            self.fields[name].setEnabled(tick.isChecked())
        status = self.status_combo.value() if self.ticks["status"].isChecked() else None
        self.letter_ref.setEnabled(status is Status.SUBMITTED)
        self.letter_on.setEnabled(status is Status.SUBMITTED)
        self.closed_by.setEnabled(status is Status.CLOSED)

    def values(self) -> dict[str, object]:
        """Field -> new value for each ticked row (raises DomainError for a bad date)."""
        out: dict[str, object] = {}
        readers = {
            "owner_id": self.owner_combo.value,
            "department": lambda: self.department_combo.currentText().strip(),
            "status": self.status_combo.value,
            "level": self.level_combo.value,
            "rag": self.rag_combo.value,
        }
        for name, tick in self.ticks.items():
            if not tick.isChecked():
                continue
            if name == "due_on":
                try:
                    out[name] = self.due_field.value()
                except ValueError as exc:
                    raise DomainError("due_on", str(exc)) from None
            else:
                out[name] = readers[name]()
        return out

    def save(self) -> bool:
        if self.result_ is not None:
            return True  # the button now says Close
        values = self.values()
        details: dict[str, object] = {}
        if values.get("status") is Status.SUBMITTED:
            dates, problems = self.read_dates("cc_letter_on")
            if problems:
                self.show_problems(problems)
                return False
            details = {"cc_letter_ref": self.letter_ref.text().strip() or None, **dates}
        if values.get("status") is Status.CLOSED:
            details = {"closed_by": self.closed_by.value()}
        if not values:
            raise DomainError(None, self.tr("tick at least one thing to change"))
        result = BulkEditService(self.ws.findings).apply(
            self.finding_ids,
            values,
            note=self.note_edit.toPlainText(),
            **details,  # type: ignore[arg-type]
        )
        self.show_result(result)
        return False

    def show_result(self, result: BulkResult) -> None:
        """Say what happened to each finding, keep the dialog open to read it."""
        self.result_ = result
        if result.changed:
            self.undo_steps.append(
                UndoStep(
                    self.tr("Bulk edit of {n} findings").format(n=len(result.changed)),
                    "finding",
                    EDIT,
                    result.changed,
                )
            )
        self.results_label.setText(self.tr("Done: {summary}.").format(summary=result.summary))
        self.failures.clear()
        for failure in result.failed:
            self.failures.addItem(f"{failure.reference or failure.finding_id}: {failure.reason}")
        self.failures.setVisible(bool(result.failed))
        for widget in [*self.fields.values(), *self.ticks.values()]:
            widget.setEnabled(False)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        ok.setText(self.tr("&Close"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
