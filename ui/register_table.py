"""The table of every register: fixed rows, a column chooser, remembered columns, an empty state.

Column choice, widths and order are this user's preference, kept in QSettings under the
register's name; saved views (in the database) may also choose columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.user_settings import user_settings


class RegisterTable(QTableView):
    """A QTableView set up for large SQL-backed registers."""

    sig_columns_changed = Signal()
    sig_empty_link_activated = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"{name}Table")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        rows = self.verticalHeader()
        rows.setVisible(False)
        # Fixed row heights: the view never measures 50,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu_requested)
        self.setSortingEnabled(True)

        self._keys: list[str] = []
        self._headings: list[str] = []
        self._default_hidden: set[str] = set()
        self._default_widths: dict[str, int] = {}
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save_columns)
        header.sectionResized.connect(lambda *_: self._save_timer.start())
        header.sectionMoved.connect(lambda *_: self._columns_changed())

        self.empty_label = QLabel(self.viewport())
        self.empty_label.setObjectName(f"{name}Empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.linkActivated.connect(self.sig_empty_link_activated.emit)
        overlay = QVBoxLayout(self.viewport())
        overlay.addWidget(self.empty_label)
        self.empty_label.hide()

    # --- columns --------------------------------------------------------------------------
    def set_columns(
        self,
        keys: Sequence[str],
        headings: Sequence[str],
        *,
        hidden: Sequence[str] = (),
        widths: dict[str, int] | None = None,
    ) -> None:
        """Describe the model's columns (call after setModel), then restore this user's layout."""
        self._keys, self._headings = list(keys), list(headings)
        self._default_hidden = set(hidden)
        self._default_widths = widths or {}
        if not self.restore_columns():
            self.reset_columns()

    def reset_columns(self) -> None:
        """The shipped column choice, order and widths."""
        header = self.horizontalHeader()
        for logical, key in enumerate(self._keys):
            header.moveSection(header.visualIndex(logical), logical)
            header.setSectionHidden(logical, key in self._default_hidden)
            header.resizeSection(logical, self._default_widths.get(key, 120))
        self._columns_changed()

    def visible_keys(self) -> tuple[str, ...]:
        """Shown columns, left to right."""
        header = self.horizontalHeader()
        ordered = sorted(range(len(self._keys)), key=header.visualIndex)
        return tuple(self._keys[i] for i in ordered if not header.isSectionHidden(i))

    def show_columns(self, keys: Sequence[str]) -> None:
        """Show exactly these columns, in this order (a saved view's choice)."""
        wanted = [k for k in keys if k in self._keys]
        if not wanted:
            return
        header = self.horizontalHeader()
        for logical, key in enumerate(self._keys):
            header.setSectionHidden(logical, key not in wanted)
        for position, key in enumerate(wanted):
            header.moveSection(header.visualIndex(self._keys.index(key)), position)
        self._columns_changed()

    def set_column_shown(self, key: str, shown: bool) -> None:
        logical = self._keys.index(key)
        if not shown and len(self.visible_keys()) <= 1:
            return  # always keep one column
        self.horizontalHeader().setSectionHidden(logical, not shown)
        if shown and self.horizontalHeader().sectionSize(logical) < 30:
            self.horizontalHeader().resizeSection(logical, self._default_widths.get(key, 120))
        self._columns_changed()

    def columns_menu(self, parent: QWidget | None = None) -> QMenu:
        """A menu to show or hide each column, and reset them."""
        menu = QMenu(parent or self)
        shown = set(self.visible_keys())
        for key, heading in zip(self._keys, self._headings, strict=True):
            action = menu.addAction(heading)
            action.setCheckable(True)
            action.setChecked(key in shown)
            action.toggled.connect(lambda on, k=key: self.set_column_shown(k, on))
        menu.addSeparator()
        menu.addAction(self.tr("&Reset columns"), self.reset_columns)
        return menu

    def fill_columns_menu(self, menu: QMenu) -> None:
        """Refill an existing menu (a toolbar button's) just before it shows."""
        menu.clear()
        for action in self.columns_menu(menu).actions():
            menu.addAction(action)

    # --- remembering ----------------------------------------------------------------------
    def save_columns(self) -> None:
        settings = user_settings()
        settings.setValue(f"registers/{self.name}/header", self.horizontalHeader().saveState())
        settings.setValue(f"registers/{self.name}/columns", ",".join(self._keys))

    def restore_columns(self) -> bool:
        """This user's last layout, if it was saved for the same columns."""
        settings = user_settings()
        if settings.value(f"registers/{self.name}/columns", "") != ",".join(self._keys):
            return False
        state = settings.value(f"registers/{self.name}/header")
        if not isinstance(state, QByteArray | bytes):
            return False
        header = self.horizontalHeader()
        if not header.restoreState(QByteArray(state)) or not self.visible_keys():
            return False
        header.setSortIndicatorShown(True)
        return True

    def _columns_changed(self) -> None:
        self._save_timer.start()
        self.sig_columns_changed.emit()

    def _on_header_context_menu_requested(self, point: QPoint) -> None:
        self.columns_menu().exec(self.horizontalHeader().mapToGlobal(point))

    # --- empty state ----------------------------------------------------------------------
    def set_empty_message(self, html: str | None) -> None:
        """Show a message over the empty table (None hides it)."""
        self.empty_label.setVisible(bool(html))
        self.empty_label.setText(html or "")

    def keep_sort_indicator(
        self, sortable: Callable[[int], bool], current: Callable[[], tuple[int, Qt.SortOrder]]
    ) -> None:
        """Put the sort arrow back when a column that cannot be sorted is clicked."""
        header = self.horizontalHeader()

        def _check(column: int, _order: Qt.SortOrder) -> None:
            if not sortable(column):
                header.blockSignals(True)
                header.setSortIndicator(*current())
                header.blockSignals(False)

        header.sortIndicatorChanged.connect(_check)
