"""The findings register's filter controls, read as and set from a FindingFilter."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Kind, Level, Rag, Status
from app.domain.filters import FindingFilter
from app.services.register import FilterOptions
from ui.choice_filter import ChoiceFilterButton

LEVEL_CHOICES = [
    (Level.L1, "L1"),
    (Level.L2, "L2"),
    (Level.L3, "L3"),
    (Level.L4, "L4"),
    (Level.BEFORE_LEVELS, "Closed before levels"),
    (None, "Level not set"),
]
RAG_CHOICES = [(Rag.RED, "Red"), (Rag.AMBER, "Amber"), (Rag.GREEN, "Green"), (None, "No RAG")]


class FindingFilterBar(QWidget):
    """Kind, level, status, RAG, owner, department, lead, report, applies, and date filters."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ChoiceFilterButton(self.tr("Kind"))
        self.kind.set_choices((k, k.label) for k in Kind)
        self.level = ChoiceFilterButton(self.tr("Level"))
        self.level.set_choices(LEVEL_CHOICES)
        self.status = ChoiceFilterButton(self.tr("Status"))
        self.status.set_choices((s, s.label) for s in Status)
        self.rag = ChoiceFilterButton(self.tr("RAG"))
        self.rag.set_choices(RAG_CHOICES)
        self.owner = ChoiceFilterButton(self.tr("Owner"))
        self.department = ChoiceFilterButton(self.tr("Department"))
        self.lead = ChoiceFilterButton(self.tr("Lead"))
        self.lead.setAccessibleName(self.tr("Filter by chief officer lead"))
        self.report = ChoiceFilterButton(self.tr("Report"))
        self.choices = (
            self.kind,
            self.level,
            self.status,
            self.rag,
            self.owner,
            self.department,
            self.lead,
            self.report,
        )
        self.applies = QComboBox()
        self.applies.addItem(self.tr("Any"), None)
        self.applies.addItem(self.tr("Yes"), True)
        self.applies.addItem(self.tr("No"), False)
        self.applies.setAccessibleName(self.tr("Applies to the force"))
        applies_label = QLabel(self.tr("&Applies to force:"))
        applies_label.setBuddy(self.applies)

        self.overdue = QCheckBox(self.tr("&Overdue"))
        self.overdue.setToolTip(self.tr("Open findings past their due date"))
        self.due_within = QCheckBox(self.tr("Due wi&thin"))
        self.due_days = _days_box(30, self.tr("Due within how many days"))
        self.no_update = QCheckBox(self.tr("&No update in"))
        self.no_update_days = _days_box(90, self.tr("No progress update in how many days"))
        self.no_update.setToolTip(self.tr("Open findings with no progress update for a while"))

        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        for button in self.choices:
            first.addWidget(button)
        first.addSpacing(8)
        first.addWidget(applies_label)
        first.addWidget(self.applies)
        first.addStretch(1)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        second.addWidget(self.overdue)
        second.addSpacing(12)
        second.addWidget(self.due_within)
        second.addWidget(self.due_days)
        second.addSpacing(12)
        second.addWidget(self.no_update)
        second.addWidget(self.no_update_days)
        self.second_row = second
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(first)
        layout.addLayout(second)

        for button in self.choices:
            button.sig_changed.connect(self.sig_changed.emit)
        self.applies.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        for box in (self.overdue, self.due_within, self.no_update):
            box.toggled.connect(lambda _on: self.sig_changed.emit())
        self.due_days.valueChanged.connect(lambda _v: self._on_days_changed(self.due_within))
        self.no_update_days.valueChanged.connect(lambda _v: self._on_days_changed(self.no_update))

    def set_options(self, options: FilterOptions) -> None:
        """Offer the owners, departments, leads and reports the data has."""
        self.owner.set_choices((c.value, c.label) for c in options.owners)
        self.department.set_choices((d, d) for d in options.departments)
        self.lead.set_choices((d, d) for d in options.leads)
        self.report.set_choices((c.value, c.label) for c in options.reports)

    def filter(self) -> FindingFilter:
        """The filter the controls show (without the search text)."""
        return FindingFilter(
            kinds=self.kind.checked(),  # type: ignore[arg-type]
            levels=self.level.checked(),  # type: ignore[arg-type]
            statuses=self.status.checked(),  # type: ignore[arg-type]
            rags=self.rag.checked(),  # type: ignore[arg-type]
            owner_ids=self.owner.checked(),  # type: ignore[arg-type]
            departments=self.department.checked(),  # type: ignore[arg-type]
            chief_officer_leads=self.lead.checked(),  # type: ignore[arg-type]
            report_ids=self.report.checked(),  # type: ignore[arg-type]
            applies_to_force=self.applies.currentData(),
            overdue=self.overdue.isChecked(),
            due_within_days=self.due_days.value() if self.due_within.isChecked() else None,
            no_update_in_days=(self.no_update_days.value() if self.no_update.isChecked() else None),
        )

    def set_filter(self, flt: FindingFilter) -> None:
        """Show a filter (without announcing a change)."""
        self.blockSignals(True)
        try:
            self.kind.set_checked(flt.kinds)
            self.level.set_checked(flt.levels)
            self.status.set_checked(flt.statuses)
            self.rag.set_checked(flt.rags)
            self.owner.set_checked(flt.owner_ids)
            self.department.set_checked(flt.departments)
            self.lead.set_checked(flt.chief_officer_leads)
            self.report.set_checked(flt.report_ids)
            self.applies.setCurrentIndex(max(0, self.applies.findData(flt.applies_to_force)))
            self.overdue.setChecked(flt.overdue)
            self.due_within.setChecked(flt.due_within_days is not None)
            if flt.due_within_days is not None:
                self.due_days.setValue(flt.due_within_days)
            self.no_update.setChecked(flt.no_update_in_days is not None)
            if flt.no_update_in_days is not None:
                self.no_update_days.setValue(flt.no_update_in_days)
        finally:
            self.blockSignals(False)

    def _on_days_changed(self, box: QCheckBox) -> None:
        # Changing the number means the officer wants that filter.
        if box.isChecked():
            self.sig_changed.emit()
        else:
            box.setChecked(True)


def _days_box(value: int, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 3650)
    box.setValue(value)
    box.setSuffix(" days")
    box.setAccessibleName(name)
    box.setKeyboardTracking(False)  # typing "120" filters once, not for 1, 12 and 120
    return box
