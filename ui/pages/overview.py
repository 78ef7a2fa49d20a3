"""The landing page: the findings summary as at a date, and submissions for closure."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.formatting import long_date
from app.workspace import Workspace
from ui.models.summary_model import SummaryTableModel
from ui.widgets import british_date_edit, to_qdate


class OverviewPage(QWidget):
    """Figures computed from the change log, as at any date the officer picks."""

    key = "overview"
    title = "Overview"

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
        self.summary_caption = QLabel()
        self.summary_caption.setWordWrap(True)
        self.submissions_label = QLabel()
        self.submissions_label.setObjectName("submissionsLabel")
        self.submissions_label.setWordWrap(True)
        self.submissions_label.setTextFormat(Qt.TextFormat.RichText)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.stage_label)
        layout.addLayout(form)
        layout.addWidget(self.summary_caption)
        layout.addWidget(self.summary_view, 1)
        layout.addWidget(self.submissions_label)

        # The window refreshes every page once it is built; no query runs here.
        self.as_at_edit.setDate(to_qdate(ws.ctx.clock.today()))
        self.as_at_edit.dateChanged.connect(self._on_as_at_edit_date_changed)

    def refresh(self) -> None:
        """Recompute everything for the chosen date."""
        day = self.as_at()
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
