"""The landing page: the summary as at a date, submissions, and what needs attention today."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import OPEN_STATUSES, Status
from app.domain.filters import FindingFilter, InspectionFilter, ReportFilter
from app.formatting import long_date
from app.services.attention import AttentionItem
from app.workspace import Workspace
from ui.models.summary_model import SummaryTableModel
from ui.pages.attention_panel import AttentionPanel
from ui.widgets import british_date_edit, to_qdate


class OverviewPage(QWidget):
    """Figures computed from the change log, as at any date the officer picks."""

    key = "overview"
    title = "Overview"
    sig_open_findings = Signal(object)  # FindingFilter
    sig_open_reports = Signal(object)  # ReportFilter
    sig_open_inspections = Signal(object)  # InspectionFilter

    def __init__(self, ws: Workspace, window: QWidget | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.setObjectName("overviewPage")
        heading = QLabel(self.tr("<h2>Overview</h2>"))
        self.stage_label = QLabel()
        self.stage_label.setObjectName("stageLabel")

        self.as_at_edit = british_date_edit()
        self.as_at_edit.setAccessibleName(self.tr("Figures as at"))
        today_button = QPushButton(self.tr("&Today"))
        today_button.setAccessibleName(self.tr("Show figures as at today"))
        today_button.clicked.connect(self._on_today_clicked)
        as_at_row = QHBoxLayout()
        as_at_row.addWidget(self.as_at_edit)
        as_at_row.addWidget(today_button)
        as_at_row.addStretch(1)
        form = QFormLayout()
        as_at_label = QLabel(self.tr("Figures &as at:"))
        as_at_label.setBuddy(self.as_at_edit)
        form.addRow(as_at_label, as_at_row)

        self.summary_model = SummaryTableModel(self)
        self.summary_view = _table(
            self.summary_model, self.tr("Findings summary by kind and level")
        )
        self.getting_started = QLabel(
            self.tr(
                "<b>Nothing is recorded yet.</b> To begin: <b>File → Import from Excel…</b> "
                "(Ctrl+I) brings your tracker in, with a preview before anything is written; "
                "<b>File → New report…</b> (Ctrl+Shift+R) records a report, then paste its "
                "findings; <b>File → Load demo data…</b> shows the app with a history built from "
                "five real committee papers."
            )
        )
        self.getting_started.setObjectName("gettingStarted")
        self.getting_started.setWordWrap(True)
        self.getting_started.setTextFormat(Qt.TextFormat.RichText)
        self.getting_started.setFrameShape(QFrame.Shape.StyledPanel)
        self.getting_started.setMargin(8)
        self.getting_started.hide()
        self.summary_caption = QLabel()
        self.summary_caption.setWordWrap(True)
        self.submissions_label = QLabel()
        self.submissions_label.setObjectName("submissionsLabel")
        self.submissions_label.setWordWrap(True)
        self.submissions_label.setTextFormat(Qt.TextFormat.RichText)

        self.summary_view.setToolTip(
            self.tr("Press Enter or double-click a number to list those findings")
        )
        self.summary_view.activated.connect(self._on_summary_view_activated)
        self.attention = AttentionPanel(ws)
        self.attention.sig_item_activated.connect(self._on_attention_item_activated)

        figures = QVBoxLayout()
        figures.addWidget(self.summary_caption)
        figures.addWidget(self.summary_view, 1)
        figures.addWidget(self.submissions_label)
        columns = QHBoxLayout()
        columns.addLayout(figures, 3)
        columns.addWidget(self.attention, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.stage_label)
        layout.addLayout(form)
        layout.addWidget(self.getting_started)
        layout.addLayout(columns, 1)

        # The window refreshes every page once it is built; no query runs here.
        self.as_at_edit.setDate(to_qdate(ws.ctx.clock.today()))
        self.as_at_edit.dateChanged.connect(self._on_as_at_edit_date_changed)

    def refresh(self) -> None:
        """Recompute everything for the chosen date."""
        day = self.as_at()
        self.getting_started.setVisible(self.ws.live_count("findings") == 0)
        summary = self.ws.figures.summary_as_at(day)
        self.summary_model.set_summary(summary)
        self.summary_caption.setText(
            self.tr(
                "Findings that apply to the force as at {day}: {open} open, {closed} closed, "
                "{total} in total."
            ).format(
                day=long_date(day), open=summary.open, closed=summary.closed, total=summary.total
            )
        )
        period = self.ws.monitoring.stage_on(day)
        self.stage_label.setText(
            self.tr("Monitoring stage: <b>{stage}</b> since {start}").format(
                stage=period.stage.label, start=long_date(period.start_on)
            )
            if period
            else self.tr("Monitoring stage: not recorded")
        )
        since = self.ws.settings.get().process_change_date
        counts = self.ws.figures.submissions_since(since, day)
        if counts:
            parts = ", ".join(
                f"{c.kind.short} {c.level.label if c.level else ''}: {c.count}" for c in counts
            )
            text = self.tr("Submitted for closure since {since}: {parts} — {n} in all.").format(
                since=long_date(since), parts=parts, n=sum(c.count for c in counts)
            )
        else:
            text = self.tr("Nothing submitted for closure since {since}.").format(
                since=long_date(since)
            )
        self.submissions_label.setText(text)

        self.attention.refresh(long_date(self.ws.ctx.clock.today()))

    def _on_attention_item_activated(self, item: AttentionItem) -> None:
        if isinstance(item.filter, FindingFilter):
            self.sig_open_findings.emit(item.filter)
        elif isinstance(item.filter, ReportFilter):
            self.sig_open_reports.emit(item.filter)
        elif isinstance(item.filter, InspectionFilter):
            self.sig_open_inspections.emit(item.filter)

    def _on_summary_view_activated(self, index: QModelIndex) -> None:
        """A number in the summary opens the findings it counts (as they stand today)."""
        flt = self.summary_filter(index.row(), index.column())
        if flt is not None:
            self.sig_open_findings.emit(flt)

    def summary_filter(self, row: int, column: int) -> FindingFilter | None:
        """The findings a summary cell counts, or None (a label, or a past date)."""
        if column not in (1, 2, 3) or self.as_at() != self.ws.ctx.clock.today():
            return None
        statuses = {1: OPEN_STATUSES, 2: frozenset({Status.CLOSED})}.get(
            column, OPEN_STATUSES | {Status.CLOSED}
        )
        key = self.summary_model.kind_level(row)
        if key is None:
            return FindingFilter(statuses=statuses, applies_to_force=True)
        kind, level = key
        return FindingFilter(
            kinds=frozenset({kind}),
            levels=frozenset({level}),
            statuses=statuses,
            applies_to_force=True,
        )

    def as_at(self) -> date:
        return self.as_at_edit.date().toPython()  # type: ignore[no-any-return]

    def set_as_at(self, day: date) -> None:
        self._set_date(day)

    def _set_date(self, day: date) -> None:
        if self.as_at() == day:
            self.refresh()
        else:
            self.as_at_edit.setDate(to_qdate(day))

    def _on_today_clicked(self) -> None:
        self._set_date(self.ws.ctx.clock.today())

    def _on_as_at_edit_date_changed(self, _date: QDate) -> None:
        self.refresh()


def _table(model: SummaryTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setAlternatingRowColors(True)
    view.setMaximumWidth(720)
    header = view.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in (1, 2, 3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, view.fontMetrics().horizontalAdvance("0000000") + 24)
    return view
