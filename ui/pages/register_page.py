"""What the reports and inspections registers share: search, filters, a count, a sortable table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.filters import SortOrder
from app.workspace import Workspace
from ui.models.row_model import RowColumn, RowTableModel
from ui.register_table import RegisterTable


class SimpleRegisterPage(QWidget):
    """A register of a few hundred rows, each query filtered and sorted in SQL."""

    key = ""
    entity = ""  # what selected_record() names: "report", "inspection"
    title = ""
    noun = ("item", "items")
    search_hint = "Search"
    default_sort = SortOrder()
    widths: dict[str, int] = {}

    def __init__(self, ws: Workspace, window: QWidget | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.window_ = window
        self.setObjectName(f"{self.key}Page")
        self._stale = True
        self._pending: Any = None
        self.sort_order = self.default_sort

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr(self.search_hint))
        self.search_edit.setAccessibleName(self.tr("Search {items}").format(items=self.noun[1]))
        self.search_edit.setClearButtonEnabled(True)
        self.filter_row = QHBoxLayout()
        self.filter_row.setContentsMargins(0, 0, 0, 0)
        self.clear_button = QPushButton(self.tr("&Clear filters"))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setAccessibleName(
            self.tr("Number of {items} shown").format(items=self.noun[1])
        )
        self.action_row = QHBoxLayout()
        self.action_row.setContentsMargins(0, 0, 0, 0)

        self.model = RowTableModel(self.columns(), self)
        self.table = RegisterTable(self.key)
        self.table.setAccessibleName(self.tr(self.title))
        self.table.setModel(self.model)
        self.table.set_columns(
            [c.key for c in self.model.columns],
            [c.heading for c in self.model.columns],
            hidden=[c.key for c in self.model.columns if not c.shown_by_default],
            widths=self.widths,
        )
        self._show_sort_indicator()
        self.table.keep_sort_indicator(
            lambda column: self.model.columns[column].sortable, self._sort_indicator
        )

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addLayout(self.action_row)
        second = QHBoxLayout()
        second.addLayout(self.filter_row)
        second.addSpacing(12)
        second.addWidget(self.clear_button)
        second.addStretch(1)
        second.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.clear_button.clicked.connect(self.clear_filters)
        self.model.sig_sort_requested.connect(self._on_model_sort_requested)
        self.table.activated.connect(self._on_table_activated)
        self.table.sig_empty_link_activated.connect(lambda _link: self.clear_filters())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.edit_button = QPushButton(self.tr("E&dit {item}…").format(item=self.noun[0]))
        self.edit_button.setToolTip(
            self.tr("Open the chosen {item}'s form (Ctrl+O)").format(item=self.noun[0])
        )
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.action_row.addWidget(self.edit_button)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._focus_search)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._on_escape)

    # --- for subclasses -------------------------------------------------------------------
    def columns(self) -> list[RowColumn]:
        raise NotImplementedError

    def current_filter(self) -> Any:
        raise NotImplementedError

    def show_filter(self, flt: Any) -> None:
        raise NotImplementedError

    def query(self, flt: Any, sort: SortOrder) -> list[Any]:
        raise NotImplementedError

    def total(self) -> int:
        raise NotImplementedError

    def activate_row(self, row: Any) -> None:
        """Enter or double-click on a row."""

    def context_actions(self) -> list[QAction]:
        """The page's own entries at the top of the right-click menu."""
        return []

    def selected_record(self) -> tuple[str, str] | None:
        """(entity, id) of the chosen row (Edit → Open, Delete…), or None."""
        row = self.selected_row()
        return (self.entity, row.id) if row is not None and self.entity else None

    # --- loading and filtering ------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the data; done when the page is next shown if it is hidden now."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self._pending is not None:
            self.show_filter(self._pending)
            self._pending = None
        self._run()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def set_filter(self, flt: Any) -> None:
        """Show the rows matching ``flt`` (from the Overview)."""
        self._pending = flt
        self.refresh()

    def apply_filters(self) -> None:
        self._search_timer.stop()
        if self.isVisible():
            self._run()
        else:
            self._stale = True

    def clear_filters(self) -> None:
        self.set_filter(type(self.current_filter())())
        self.search_edit.setFocus()

    def selected_row(self) -> Any:
        return self.model.row_at(self.table.currentIndex().row())

    def _run(self) -> None:
        rows = self.query(self.current_filter(), self.sort_order)
        self.model.set_rows(rows)
        total = self.total()
        singular, plural = self.noun
        self.count_label.setText(
            self.tr("Showing {count} of {total} {noun}").format(
                count=f"{len(rows):,}", total=f"{total:,}", noun=singular if total == 1 else plural
            )
        )
        if rows:
            self.table.set_empty_message(None)
            self.table.selectRow(0)
        elif total:
            self.table.set_empty_message(
                self.tr("No {items} match — <a href='clear'>clear filters</a>").format(items=plural)
            )
        else:
            self.table.set_empty_message(self.tr("No {items} recorded yet.").format(items=plural))

    def _on_model_sort_requested(self, key: str, ascending: bool) -> None:
        self.sort_order = SortOrder(key, ascending)
        if self.isVisible():
            self._run()

    def _on_table_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.activate_row(row)

    def _on_table_context_menu(self, point: QPoint) -> None:
        actions = getattr(self.window_, "record_actions", None)
        row = self.table.indexAt(point).row()
        if actions is None or row < 0:
            return
        self.table.selectRow(row)
        actions.show_context_menu(self.table.viewport(), point, self.context_actions())

    def _on_edit_button_clicked(self) -> None:
        actions = getattr(self.window_, "record_actions", None)
        chosen = self.selected_record()
        if actions is not None and chosen is not None:
            actions.open_record(*chosen)

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _on_escape(self) -> None:
        if self.search_edit.text():
            self.search_edit.clear()
            self.apply_filters()

    def _sort_indicator(self) -> tuple[int, Qt.SortOrder]:
        order = (
            Qt.SortOrder.AscendingOrder
            if self.sort_order.ascending
            else Qt.SortOrder.DescendingOrder
        )
        return self.model.column_of(self.sort_order.column), order

    def _show_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self._sort_indicator())
        header.blockSignals(False)
