"""Create or change a report, with its graded judgements and the PCC's 56-day response date."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Grade, ReportScope
from app.domain.values import PCC_RESPONSE_DAYS, Grading, Report
from app.formatting import long_date
from app.services.checks import problems_for
from app.services.lookups import LookupService
from app.workspace import Workspace
from ui.forms.base import FormDialog
from ui.forms.fields import DateField, ValueCombo, combo_with

DATES = ("published_on", "response_published_on")


class GradingsEditor(QWidget):
    """Area → grade rows, added and removed with buttons (or Insert / Delete in the table)."""

    def __init__(self, gradings: tuple[Grading, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Area"), self.tr("Grade")])
        self.table.setAccessibleName(self.tr("Gradings"))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(150)
        self.add_button = QPushButton(self.tr("&Add grading"))
        self.remove_button = QPushButton(self.tr("Remo&ve grading"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self._on_remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        for grading in gradings:
            self.add_row(grading.area, grading.grade)
        self.table.setCurrentCell(-1, -1)
        self.table.scrollToTop()
        self.setFocusProxy(self.table)

    def add_row(self, area: str = "", grade: Grade = Grade.GOOD) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(area))
        combo = combo_with([(g, self.tr(g.label)) for g in Grade], grade)
        combo.setAccessibleName(self.tr("Grade"))
        self.table.setCellWidget(row, 1, combo)
        self.table.setCurrentCell(row, 0)
        if not area:
            self.table.editItem(self.table.item(row, 0))

    def gradings(self) -> tuple[Grading, ...]:
        rows = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            combo = self.table.cellWidget(row, 1)
            assert isinstance(combo, ValueCombo)
            rows.append(Grading((item.text() if item else "").strip(), combo.value()))
        return tuple(rows)

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)


class ReportDialog(FormDialog):
    """Title, scope, dates, source inspection, reference, summary and gradings."""

    def __init__(
        self, ws: Workspace, report_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        self.ws = ws
        self.before = ws.reports.get(report_id) if report_id else None
        super().__init__(self.tr("Edit report") if self.before else self.tr("New report"), parent)
        self.saved: Report | None = None
        self.wants_paste = False
        value = self.before or Report("", ReportScope.FORCE)
        self.title_edit = self.add_field("title", self.tr("&Title"), QLineEdit(value.title))
        self.title_edit.setMinimumWidth(460)
        self.scope_combo = self.add_field(
            "scope",
            self.tr("&Scope"),
            combo_with([(s, self.tr(s.label)) for s in ReportScope], value.scope),
        )
        self.published = self.add_field(
            "published_on", self.tr("&Published"), DateField(value.published_on)
        )
        self.response_due = QLabel()
        self.response_due.setObjectName("pccResponseDue")
        self.form.addRow(self.tr("PCC response due"), self.response_due)
        self.response = self.add_field(
            "response_published_on",
            self.tr("PCC &response published"),
            DateField(value.response_published_on),
        )
        inspections = LookupService(ws.ctx).inspections()
        self.inspection_combo = self.add_field(
            "inspection_id",
            self.tr("From &inspection"),
            combo_with(
                [(None, self.tr("— none —")), *((i.id, i.label) for i in inspections)],
                value.inspection_id,
            ),
        )
        self.reference_edit = self.add_field(
            "reference", self.tr("Re&ference"), QLineEdit(value.reference)
        )
        self.url_edit = self.add_field("url", self.tr("&Web address"), QLineEdit(value.url))
        self.summary_edit = self.add_field(
            "summary", self.tr("Committee s&ummary"), QPlainTextEdit(value.summary)
        )
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(100)
        self.gradings_editor = self.add_field(
            "gradings", self.tr("&Gradings"), GradingsEditor(value.gradings)
        )
        self.paste_button = self.buttons.addButton(
            self.tr("Save and add fi&ndings from text…"), self.buttons.ButtonRole.ActionRole
        )
        self.paste_button.clicked.connect(self._on_paste_clicked)
        self.published.sig_changed.connect(self._update_response_due)
        self._update_response_due()
        self.finish_layout()

    def _update_response_due(self) -> None:
        try:
            published = self.published.value()
        except ValueError:
            published = None
        if published is None:
            self.response_due.setText(self.tr("— (set the publication date)"))
            return
        due = Report("", ReportScope.FORCE, published_on=published).pcc_response_due
        self.response_due.setText(
            self.tr("{date} ({days} days after publication)").format(
                date=long_date(due), days=PCC_RESPONSE_DAYS
            )
        )

    def _on_paste_clicked(self) -> None:
        self.wants_paste = True
        self._on_buttons_accepted()
        if self.result() != self.DialogCode.Accepted:
            self.wants_paste = False

    def save(self) -> bool:
        dates, problems = self.read_dates(*DATES)
        value = Report(
            title=self.title_edit.text().strip(),
            scope=self.scope_combo.value(),
            inspection_id=self.inspection_combo.value(),
            summary=self.summary_edit.toPlainText().strip(),
            reference=self.reference_edit.text().strip(),
            url=self.url_edit.text().strip(),
            gradings=self.gradings_editor.gradings(),
            **dates,  # type: ignore[arg-type]
        )
        if problems:  # show what else is wrong too, not one problem at a time
            self.show_problems({**problems_for(self.ws.reports, value), **problems})
            return False
        if self.before is None:
            self.saved = self.ws.reports.create(value)
        else:
            self.saved = self.ws.reports.update(replace(value, id=self.before.id))
        return True
