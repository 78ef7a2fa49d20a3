"""The findings register: search, filters, saved views, a fast table and a read-only panel.

Enter or double-click opens a finding's form; Space shows the read-only panel beside the list,
which then follows the selection; right-click offers the record actions (ui/record_actions.py).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.filters import FindingFilter, SavedView, SortOrder
from app.services.register import FindingRegister
from app.services.saved_views import SavedViewService
from app.workspace import Workspace
from ui.models.finding_model import FindingTableModel
from ui.pages.finding_detail import FindingDetailPanel
from ui.pages.finding_filters import FindingFilterBar
from ui.register_table import RegisterTable

SEARCH_DELAY_MS = 120  # typing pauses this long before the query runs
DEFAULT_SORT = SortOrder("report", ascending=False)  # newest report first, in published order
WIDTHS = {
    "reference": 170,
    "report": 200,
    "kind": 55,
    "level": 50,
    "status": 120,
    "rag": 75,
    "owner": 170,
    "department": 130,
    "due": 145,
    "days_overdue": 120,
    "last_update": 145,
    "applies": 115,
    "lead": 140,
    "addressee": 150,
    "text": 400,
}


# Register column -> export column (app/exports/views.py); days overdue has no export column.
EXPORT_COLUMNS = {
    "reference": "reference",
    "report": "report",
    "kind": "kind",
    "level": "level",
    "status": "status",
    "rag": "rag",
    "owner": "owner",
    "department": "department",
    "due": "due",
    "last_update": "latest_update",
    "applies": "applies",
    "lead": "chief_officer_lead",
    "addressee": "addressee",
    "text": "text",
}


class FindingsPage(QWidget):
    """Every finding, filtered and sorted in SQL; Enter or double-click opens its form."""

    key = "findings"
    title = "Findings"
    sig_finding_activated = Signal(str)

    def __init__(self, ws: Workspace, window: QWidget | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.window_ = window
        self.setObjectName("findingsPage")
        self.register = FindingRegister(ws)
        self.views = SavedViewService(ws)
        self._stale = True
        self._pending: FindingFilter | None = None  # asked for while the page was hidden

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("findingSearch")
        self.search_edit.setPlaceholderText(
            self.tr("Search text, references and progress notes (Ctrl+F)")
        )
        self.search_edit.setAccessibleName(self.tr("Search findings"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.view_combo = QComboBox()
        self.view_combo.setObjectName("savedViews")
        self.view_combo.setAccessibleName(self.tr("Saved views"))
        self.view_combo.setPlaceholderText(self.tr("Choose a saved view"))
        self.view_combo.setMinimumContentsLength(22)
        self.view_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        view_label = QLabel(self.tr("Saved vie&ws:"))
        view_label.setBuddy(self.view_combo)
        self.save_view_button = QPushButton(self.tr("&Save view…"))
        self.save_view_button.setToolTip(self.tr("Name the current filters, sort and columns"))
        self.delete_view_button = QPushButton(self.tr("&Delete view"))
        self.columns_button = QToolButton()
        self.columns_button.setText(self.tr("Colu&mns"))
        self.columns_button.setAccessibleName(self.tr("Choose columns"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(view_label)
        top.addWidget(self.view_combo)
        top.addWidget(self.save_view_button)
        top.addWidget(self.delete_view_button)
        top.addWidget(self.columns_button)

        self.filters = FindingFilterBar()
        self.clear_button = QPushButton(self.tr("&Clear filters"))
        self.clear_button.setToolTip(self.tr("Show every finding again"))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setAccessibleName(self.tr("Number of findings shown"))
        self.filters.second_row.addSpacing(12)
        self.filters.second_row.addWidget(self.clear_button)
        self.filters.second_row.addStretch(1)
        self.filters.second_row.addWidget(self.count_label)

        self.model = FindingTableModel(self.register, self)
        self.model.sort_order = DEFAULT_SORT
        self.table = RegisterTable("findings")
        self.table.setAccessibleName(self.tr("Findings"))
        # Shift/Ctrl-click and Ctrl+A pick several findings (for bulk edit and the like).
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setModel(self.model)
        columns = self.model.columns
        self.table.set_columns(
            [c.key for c in columns],
            [self.tr(c.heading) for c in columns],
            hidden=[c.key for c in columns if not c.shown_by_default],
            widths=WIDTHS,
        )
        self._show_sort_indicator()
        self.table.keep_sort_indicator(
            lambda column: self.model.columns[column].sortable, self._sort_indicator
        )
        self.detail = FindingDetailPanel(ws)
        self.detail.hide()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.filters.sig_changed.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.view_combo.activated.connect(self._on_view_combo_activated)
        self.save_view_button.clicked.connect(self.save_view)
        self.delete_view_button.clicked.connect(self.delete_view)
        self.columns_button.setMenu(self.table.columns_menu(self.columns_button))
        self.columns_button.menu().aboutToShow.connect(
            lambda: self.table.fill_columns_menu(self.columns_button.menu())
        )
        self.table.activated.connect(self._on_table_activated)
        self.table.sig_empty_link_activated.connect(lambda _link: self.clear_filters())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.sig_sorted.connect(self._sync_view_combo)
        self.detail.sig_closed.connect(self.table.setFocus)
        self.detail.sig_open_requested.connect(self.sig_finding_activated.emit)
        self.details_action = QAction(self.tr("Show &details beside the list"), self.table)
        self.details_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.details_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.details_action.triggered.connect(self.toggle_detail)
        self.table.addAction(self.details_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_search)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._on_escape)
        self._load_views()

    # --- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the data; done when the page is next shown if it is hidden now."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        row = self.table.currentIndex().row()
        flt = self._pending if self._pending is not None else self.current_filter()
        self._pending = None
        self.filters.set_options(self.register.options())
        self._show_filter(flt)
        self._load_views()
        self.model.set_query(self.current_filter())
        if self.detail.isVisible() and self.detail.finding_id:
            self.detail.show_finding(self.detail.finding_id)
        if 0 <= row < self.model.count:
            self.table.selectRow(row)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- filtering ------------------------------------------------------------------------
    def current_filter(self) -> FindingFilter:
        """What the controls and the search box ask for."""
        return replace(self.filters.filter(), text=self.search_edit.text().strip())

    def apply_filters(self) -> None:
        """Run the query for the current controls."""
        self._search_timer.stop()
        if self._stale and not self.isVisible():
            return  # shown later: refresh() runs the query then
        self.model.set_query(self.current_filter())

    def set_filter(self, flt: FindingFilter, sort: SortOrder | None = None) -> None:
        """Show the findings matching ``flt`` (from the Overview, a report, a saved view)."""
        if sort is not None:
            self.model.sort_order = sort
            self._show_sort_indicator()
        if self._stale or not self.isVisible():
            self._pending = flt
            self.refresh()
            return
        self._show_filter(flt)
        self.model.set_query(self.current_filter())

    def _show_filter(self, flt: FindingFilter) -> None:
        self.filters.set_filter(flt)
        self.search_edit.blockSignals(True)
        self.search_edit.setText(flt.text)
        self.search_edit.blockSignals(False)

    def selected_finding_ids(self) -> list[str]:
        """The findings picked in the list, top to bottom (for bulk edit)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if len(rows) > 500:  # many: one ordered query beats fetching page after page
            every = self.register.ids(self.model.filter, self.model.sort_order)
            return [every[r] for r in rows if r < len(every)]
        return [i for i in (self.model.finding_id(r) for r in rows) if i]

    def selected_record(self) -> tuple[str, str] | None:
        """("finding", id) of the finding chosen in the list (Edit → Open, Delete…)."""
        selected = self.table.selectionModel().selectedRows()
        current = self.table.currentIndex()
        if not selected:
            return None
        row = current.row() if current.isValid() and current in selected else selected[0].row()
        finding_id = self.model.finding_id(row)
        return ("finding", finding_id) if finding_id else None

    def toggle_detail(self) -> None:
        """Space: show the chosen finding in the panel beside the list, or close the panel."""
        if self.detail.isVisible():
            self.detail.close_panel()
            return
        chosen = self.selected_record()
        if chosen is not None:
            self.show_detail(chosen[1])

    def export_view(self) -> tuple[FindingFilter, SortOrder, tuple[str, ...]]:
        """What File → Export findings writes: this filter, this order, these columns."""
        columns = tuple(EXPORT_COLUMNS[k] for k in self.table.visible_keys() if k in EXPORT_COLUMNS)
        return self.current_filter(), self.model.sort_order, columns

    def selected_report_id(self) -> str | None:
        """The report the register is narrowed to, when it is exactly one (for New finding)."""
        reports = self.filters.report.checked()
        return next(iter(reports)) if len(reports) == 1 else None  # type: ignore[return-value]

    def clear_filters(self) -> None:
        """Every finding again (the sort and columns stay)."""
        self.set_filter(FindingFilter())
        self.search_edit.setFocus()

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # --- saved views ----------------------------------------------------------------------
    def _load_views(self) -> None:
        self._saved = self.views.list()
        self.view_combo.blockSignals(True)
        self.view_combo.clear()
        for view in self._saved:
            self.view_combo.addItem(view.name)
        self.view_combo.blockSignals(False)
        self._sync_view_combo()

    def apply_view(self, name: str) -> None:
        """Show a saved view: its filters, its sort and (if it has them) its columns."""
        view = self.views.get(name)
        if view is None:
            return
        if view.columns:
            self.table.show_columns(view.columns)
        self.set_filter(view.filter, view.sort)
        self._sync_view_combo()

    def save_view(self) -> None:
        """Ask for a name and save the current filters, sort and columns under it."""
        current = self.view_combo.currentText() if self.view_combo.currentIndex() >= 0 else ""
        name, ok = QInputDialog.getText(
            self, self.tr("Save view"), self.tr("Name of the view:"), text=current
        )
        name = " ".join(name.split())
        if not ok or not name:
            return
        existing = self.views.get(name)
        if existing is not None:
            answer = QMessageBox.question(
                self,
                self.tr("Save view"),
                self.tr("Replace the saved view “{name}”?").format(name=existing.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        view = SavedView(
            name, self.current_filter(), self.model.sort_order, self.table.visible_keys()
        )
        try:
            saved = self.views.save(view)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Save view"), str(exc))
            return
        self._load_views()
        self.view_combo.setCurrentIndex(self.view_combo.findText(saved.name))

    def delete_view(self) -> None:
        """Remove the chosen saved view, after asking."""
        if self.view_combo.currentIndex() < 0:
            return
        name = self.view_combo.currentText()
        answer = QMessageBox.question(
            self,
            self.tr("Delete view"),
            self.tr("Delete the saved view “{name}”?").format(name=name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.views.delete(name)
            self._load_views()

    def _on_view_combo_activated(self, index: int) -> None:
        if 0 <= index < len(self._saved):
            self.apply_view(self._saved[index].name)

    def _sync_view_combo(self) -> None:
        """Name the saved view the page now shows, if it shows one."""
        flt, sort = self.current_filter(), self.model.sort_order
        match = next(
            (i for i, v in enumerate(self._saved) if v.filter == flt and v.sort == sort), -1
        )
        self.view_combo.setCurrentIndex(match)
        self.delete_view_button.setEnabled(match >= 0)

    # --- the table ------------------------------------------------------------------------
    def _on_model_reset(self) -> None:
        count, total = self.model.count, self.model.total
        noun = self.tr("finding") if total == 1 else self.tr("findings")
        self.count_label.setText(
            self.tr("Showing {count} of {total} {noun}").format(
                count=f"{count:,}", total=f"{total:,}", noun=noun
            )
        )
        if count:
            self.table.set_empty_message(None)
            self.table.selectRow(0)  # Enter opens straight away; arrows start here
        elif total:
            self.table.set_empty_message(
                self.tr("No findings match — <a href='clear'>clear filters</a>")
            )
        else:
            self.table.set_empty_message(
                self.tr("No findings recorded yet. Load the demo data from the File menu.")
            )
        self._sync_view_combo()

    def _on_table_activated(self, index: QModelIndex) -> None:
        finding_id = self.model.finding_id(index.row())
        if finding_id:
            self.sig_finding_activated.emit(finding_id)

    def show_detail(self, finding_id: str) -> None:
        """Open the read-only panel on a finding (and select it if it is listed)."""
        self.detail.show_finding(finding_id)
        row = self.model.row_of(finding_id)
        if row is not None and row != self.table.currentIndex().row():
            self.table.selectRow(row)

    def _on_table_context_menu(self, point: QPoint) -> None:
        actions = getattr(self.window_, "record_actions", None)
        if actions is None:
            return
        row = self.table.indexAt(point).row()
        if row >= 0 and not self.table.selectionModel().isRowSelected(row):
            self.table.selectRow(row)
        if self.detail.isVisible():
            self.details_action.setText(self.tr("Hide the &details panel"))
        else:
            self.details_action.setText(self.tr("Show &details beside the list"))
        actions.show_context_menu(self.table.viewport(), point, [self.details_action])

    def _on_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        if self.detail.isVisible() and selected.indexes():
            finding_id = self.model.finding_id(selected.indexes()[0].row())
            if finding_id and finding_id != self.detail.finding_id:
                self.detail.show_finding(finding_id)

    def _on_escape(self) -> None:
        if self.search_edit.text():
            self.search_edit.clear()
            self.apply_filters()
        elif self.detail.isVisible():
            self.detail.close_panel()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down or Enter in the search box goes to the results.
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self._search_timer.isActive():
                self.apply_filters()
            self.table.setFocus()
            if self.model.count and not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def _sort_indicator(self) -> tuple[int, Qt.SortOrder]:
        sort = self.model.sort_order
        order = Qt.SortOrder.AscendingOrder if sort.ascending else Qt.SortOrder.DescendingOrder
        return self.model.column_of(sort.column), order

    def _show_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self._sort_indicator())
        header.blockSignals(False)
        header.viewport().update()
