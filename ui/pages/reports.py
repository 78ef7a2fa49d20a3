"""The reports register: gradings, finding counts and the PCC's s55 response, report by report."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QColor, QIcon
from PySide6.QtWidgets import QCheckBox, QPushButton, QWidget

from app.domain.enums import ReportScope
from app.domain.filters import ReportFilter, SortOrder
from app.domain.values import PCC_RESPONSE_DAYS
from app.formatting import long_date
from app.services.report_register import ReportRegister, ReportRow
from app.workspace import Workspace
from ui.choice_filter import ChoiceFilterButton
from ui.icons import overdue_colour, overdue_icon
from ui.models.row_model import RowColumn
from ui.pages.register_page import SimpleRegisterPage


class ReportsPage(SimpleRegisterPage):
    """Every report; one action lists its findings in the findings register."""

    key = "reports"
    entity = "report"
    title = "Reports"
    noun = ("report", "reports")
    search_hint = "Search titles, references and summaries (Ctrl+F)"
    default_sort = SortOrder("published", ascending=False)
    widths = {
        "title": 270,
        "scope": 120,
        "published": 140,
        "gradings": 160,
        "findings": 65,
        "applying": 85,
        "open": 55,
        "pcc_due": 155,
        "response": 145,
    }
    sig_show_findings = Signal(str)  # report id

    def __init__(self, ws: Workspace, window: QWidget | None = None) -> None:
        self.register = ReportRegister(ws)
        super().__init__(ws, window)
        self.scope = ChoiceFilterButton(self.tr("Scope"))
        self.scope.set_choices((s, s.label) for s in ReportScope)
        self.with_open = QCheckBox(self.tr("With &open findings"))
        self.response_due = QCheckBox(self.tr("PCC &response due"))
        self.response_due.setToolTip(
            self.tr("Published in the last {days} days with no PCC response recorded").format(
                days=PCC_RESPONSE_DAYS
            )
        )
        for widget in (self.scope, self.with_open, self.response_due):
            self.filter_row.addWidget(widget)
        self.scope.sig_changed.connect(self.apply_filters)
        self.with_open.toggled.connect(lambda _on: self.apply_filters())
        self.response_due.toggled.connect(lambda _on: self.apply_filters())

        self.show_findings_action = QAction(self.tr("Show its &findings"), self)
        self.show_findings_action.triggered.connect(self.show_findings)
        self.show_findings_button = QPushButton(self.tr("Show its &findings"))
        self.show_findings_button.setToolTip(
            self.tr("List this report's findings in the findings register (Enter)")
        )
        self.show_findings_button.clicked.connect(self.show_findings)
        self.action_row.insertWidget(0, self.show_findings_button)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(self._update_actions)
        self._update_actions()

    def columns(self) -> list[RowColumn]:
        today = self.ws.ctx.clock.today

        def pcc_icon(r: ReportRow) -> QIcon | None:
            return overdue_icon() if r.response_overdue(today()) else None

        def pcc_colour(r: ReportRow) -> QColor | None:
            return overdue_colour() if r.response_overdue(today()) else None

        def pcc_tip(r: ReportRow) -> str | None:
            if r.response_published_on:
                return self.tr("Response published {date}").format(
                    date=long_date(r.response_published_on)
                )
            if r.response_overdue(today()):
                return self.tr("No PCC response recorded; it was due {date}").format(
                    date=long_date(r.pcc_response_due)
                )
            return None

        return [
            RowColumn("title", self.tr("Title"), lambda r: r.title, tooltip=_title_tip),
            RowColumn("scope", self.tr("Scope"), lambda r: r.scope.label),
            RowColumn("published", self.tr("Published"), lambda r: long_date(r.published_on)),
            RowColumn(
                "gradings",
                self.tr("Gradings"),
                lambda r: r.gradings_summary.replace("Requires improvement", "RI"),
                tooltip=lambda r: r.gradings_summary or None,
            ),
            RowColumn("findings", self.tr("Findings"), lambda r: str(r.findings), numeric=True),
            RowColumn("applying", self.tr("Apply to us"), lambda r: str(r.applying), numeric=True),
            RowColumn("open", self.tr("Open"), lambda r: str(r.open), numeric=True),
            RowColumn(
                "pcc_due",
                self.tr("PCC response due"),
                lambda r: long_date(r.pcc_response_due),
                tooltip=pcc_tip,
                icon=pcc_icon,
                colour=pcc_colour,
            ),
            RowColumn(
                "response",
                self.tr("Response published"),
                lambda r: long_date(r.response_published_on),
            ),
        ]

    def current_filter(self) -> ReportFilter:
        return ReportFilter(
            scopes=self.scope.checked(),  # type: ignore[arg-type]
            text=self.search_edit.text().strip(),
            with_open_findings=self.with_open.isChecked(),
            response_due_within_days=PCC_RESPONSE_DAYS if self.response_due.isChecked() else None,
        )

    def show_filter(self, flt: ReportFilter) -> None:
        for widget in (self.scope, self.with_open, self.response_due, self.search_edit):
            widget.blockSignals(True)
        self.scope.set_checked(flt.scopes)
        self.with_open.setChecked(flt.with_open_findings)
        self.response_due.setChecked(flt.response_due_within_days is not None)
        self.search_edit.setText(flt.text)
        for widget in (self.scope, self.with_open, self.response_due, self.search_edit):
            widget.blockSignals(False)

    def query(self, flt: ReportFilter, sort: SortOrder) -> list[Any]:
        return self.register.rows(flt, sort)

    def total(self) -> int:
        return self.register.total()

    def activate_row(self, row: ReportRow) -> None:
        self.sig_show_findings.emit(row.id)

    def selected_report_id(self) -> str | None:
        """The report chosen in the list (File → New finding files the finding under it)."""
        row = self.selected_row()
        return row.id if row is not None else None

    def show_findings(self) -> None:
        """List the selected report's findings in the findings register."""
        row = self.selected_row()
        if row is not None:
            self.sig_show_findings.emit(row.id)

    def _update_actions(self) -> None:
        enabled = self.selected_row() is not None
        self.show_findings_button.setEnabled(enabled)
        self.show_findings_action.setEnabled(enabled)
        self.edit_button.setEnabled(enabled)

    def context_actions(self) -> list[QAction]:
        return [self.show_findings_action]


def _title_tip(r: ReportRow) -> str:
    parts = [r.title]
    if r.reference:
        parts.append(r.reference)
    if r.inspection_title:
        parts.append(f"From the inspection: {r.inspection_title}")
    return "\n".join(parts)
