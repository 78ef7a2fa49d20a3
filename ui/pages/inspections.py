"""The inspections register: inspection activity, past and forthcoming."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QWidget

from app.domain.enums import InspectionStatus, InspectionType
from app.domain.filters import InspectionFilter, SortOrder
from app.formatting import long_date
from app.services.inspection_register import InspectionRegister, InspectionRow
from app.workspace import Workspace
from ui.choice_filter import ChoiceFilterButton
from ui.models.row_model import RowColumn
from ui.pages.register_page import SimpleRegisterPage


class InspectionsPage(SimpleRegisterPage):
    """Every inspection activity, with its dates and status."""

    key = "inspections"
    entity = "inspection"
    title = "Inspections"
    noun = ("inspection", "inspections")
    search_hint = "Search titles, partners and notes (Ctrl+F)"
    default_sort = SortOrder("fieldwork", ascending=False)
    widths = {
        "type": 150,
        "title": 320,
        "status": 120,
        "fieldwork": 190,
        "debrief": 130,
        "publication": 150,
        "partners": 140,
        "lead": 150,
        "reports": 70,
    }
    sig_inspection_activated = Signal(str)

    def __init__(self, ws: Workspace, window: QWidget | None = None) -> None:
        self.register = InspectionRegister(ws)
        super().__init__(ws, window)
        self.type = ChoiceFilterButton(self.tr("Type"))
        self.type.set_choices((t, t.label) for t in InspectionType)
        self.status = ChoiceFilterButton(self.tr("Status"))
        self.status.set_choices((s, s.label) for s in InspectionStatus)
        self.forthcoming = QCheckBox(self.tr("&Forthcoming only"))
        self.forthcoming.setToolTip(
            self.tr("Not published or cancelled, with fieldwork, a debrief or publication to come")
        )
        for widget in (self.type, self.status, self.forthcoming):
            self.filter_row.addWidget(widget)
        self.type.sig_changed.connect(self.apply_filters)
        self.status.sig_changed.connect(self.apply_filters)
        self.forthcoming.toggled.connect(lambda _on: self.apply_filters())

    def columns(self) -> list[RowColumn]:
        return [
            RowColumn("type", self.tr("Type"), lambda r: r.type.label),
            RowColumn("title", self.tr("Title"), lambda r: r.title, tooltip=_title_tip),
            RowColumn("status", self.tr("Status"), lambda r: r.status.label),
            RowColumn("fieldwork", self.tr("Fieldwork"), _fieldwork),
            RowColumn("debrief", self.tr("Hot debrief"), lambda r: long_date(r.hot_debrief_on)),
            RowColumn(
                "publication",
                self.tr("Expected publication"),
                lambda r: long_date(r.expected_publication_on),
            ),
            RowColumn(
                "partners", self.tr("Partners"), lambda r: ", ".join(r.partners), sortable=False
            ),
            RowColumn("lead", self.tr("Force lead"), lambda r: r.force_lead),
            RowColumn(
                "reports",
                self.tr("Reports"),
                lambda r: str(r.reports),
                numeric=True,
                sortable=False,
            ),
        ]

    def current_filter(self) -> InspectionFilter:
        return InspectionFilter(
            types=self.type.checked(),  # type: ignore[arg-type]
            statuses=self.status.checked(),  # type: ignore[arg-type]
            text=self.search_edit.text().strip(),
            forthcoming=self.forthcoming.isChecked(),
        )

    def show_filter(self, flt: InspectionFilter) -> None:
        for widget in (self.type, self.status, self.forthcoming, self.search_edit):
            widget.blockSignals(True)
        self.type.set_checked(flt.types)
        self.status.set_checked(flt.statuses)
        self.forthcoming.setChecked(flt.forthcoming)
        self.search_edit.setText(flt.text)
        for widget in (self.type, self.status, self.forthcoming, self.search_edit):
            widget.blockSignals(False)

    def query(self, flt: InspectionFilter, sort: SortOrder) -> list[Any]:
        return self.register.rows(flt, sort)

    def total(self) -> int:
        return self.register.total()

    def activate_row(self, row: InspectionRow) -> None:
        """Enter or double-click: the main window opens the inspection form."""
        self.sig_inspection_activated.emit(row.id)


def _fieldwork(r: InspectionRow) -> str:
    start, end = r.fieldwork_start, r.fieldwork_end
    if start is None:
        return ""
    if end is None or end == start:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{long_date(start).rsplit(' ', 1)[0]} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def _title_tip(r: InspectionRow) -> str:
    return r.title
