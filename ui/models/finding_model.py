"""The findings register as a Qt model: a window of rows fetched from SQL as the view scrolls.

The model never holds all 50,000 findings: it knows how many match, and fetches pages of
rows (already filtered and sorted by the service) when the view asks for them.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from app.domain.filters import FindingFilter, SortOrder
from app.services.register import FindingRegister
from app.services.register_columns import FINDING_COLUMNS, Column, FindingRow
from ui import worker
from ui.icons import overdue_colour, overdue_icon, rag_icon

Index = QModelIndex | QPersistentModelIndex
PAGE = 100
NEAR = 5  # the first pages come straight from SQL (top-N); deeper ones through the key list
KEYS_AFTER_MS = 200
KEEP_PAGES = 60  # at most 6,000 rows held at once
FINDING_ID = Qt.ItemDataRole.UserRole
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        FINDING_ID,
    )
)


class FindingTableModel(QAbstractTableModel):
    """Rows of the findings register for a filter and a sort."""

    sig_sorted = Signal()

    def __init__(self, register: FindingRegister, parent: Any = None) -> None:
        super().__init__(parent)
        self.register = register
        self.columns: tuple[Column, ...] = FINDING_COLUMNS
        self.filter = FindingFilter()
        self.sort_order = SortOrder("report", ascending=False)
        self.count = 0
        self.total = 0
        self.loaded = False  # nothing is queried until the first set_query / reload
        # page number -> rows, each with its cell texts worked out once
        self._pages: dict[int, list[tuple[FindingRow, tuple[str, ...]]]] = {}
        self._keys: list[int] | None = None  # every matching row's key, read when scrolling deep
        self._keys_job: worker.Job | None = None
        self._generation = 0  # bumped by every new query, so late key lists are dropped
        # Once a query has settled, read its keys ahead, so that a deep scroll is a lookup.
        self._keys_timer = QTimer(self)
        self._keys_timer.setSingleShot(True)
        self._keys_timer.setInterval(KEYS_AFTER_MS)
        self._keys_timer.timeout.connect(self._load_keys)

    # --- the query ------------------------------------------------------------------------
    def set_query(self, flt: FindingFilter, sort: SortOrder | None = None) -> None:
        """Show the findings matching ``flt`` (in ``sort`` order, or the current one)."""
        self.filter = flt
        if sort is not None:
            self.sort_order = sort
        if not self.loaded:
            self.reload()
            return
        count = self.register.count(flt)  # the total only changes with the data: reload()
        self._restart(count, self.total)

    def reload(self) -> None:
        """Query again, total included (after data changed, or the date moved on)."""
        count, total = self.register.counts(self.filter)
        self.loaded = True
        self._restart(count, total)

    def _restart(self, count: int, total: int) -> None:
        first = self.register.page(self.filter, self.sort_order, 0, PAGE, counts=(count, total))
        self.beginResetModel()
        self.count, self.total = count, total
        self._keys, self._keys_job = None, None
        self._generation += 1
        if count > NEAR * PAGE:
            self._keys_timer.start()
        self._pages = {0: self._with_texts(first.rows)}
        self.endResetModel()

    def _with_texts(self, rows: tuple[FindingRow, ...] | list[FindingRow]) -> list[Any]:
        columns = self.columns
        return [(r, tuple(c.text(r) for c in columns)) for r in rows]

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by the column (the view calls this when a header is clicked)."""
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        wanted = SortOrder(self.columns[column].key, order == Qt.SortOrder.AscendingOrder)
        if wanted == self.sort_order:
            return
        self.sort_order = wanted
        if not self.loaded:  # a restored header announcing its sort before the first query
            return
        self._restart(self.count, self.total)
        self.sig_sorted.emit()

    # --- rows -----------------------------------------------------------------------------
    def row_at(self, row: int) -> FindingRow | None:
        """The finding on a row, fetching its page when needed."""
        cells = self._cells(row)
        return cells[0] if cells else None

    def _cells(self, row: int) -> tuple[FindingRow, tuple[str, ...]] | None:
        if not 0 <= row < self.count:
            return None
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._with_texts(self._fetch_page(page))
            if len(self._pages) >= KEEP_PAGES:
                far = max(self._pages, key=lambda p: abs(p - page))
                del self._pages[far]
            self._pages[page] = rows
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def _fetch_page(self, page: int) -> list[FindingRow] | tuple[FindingRow, ...]:
        if self._keys is not None:
            return self.register.rows_for_keys(self._keys[page * PAGE : (page + 1) * PAGE])
        if page >= NEAR:
            # Scrolling deep: read every key in the background; until then each page is a
            # top-N query from the nearer end, and afterwards any page is a lookup by key.
            self._load_keys()
        counts = (self.count, self.total)
        return self.register.page(
            self.filter, self.sort_order, page * PAGE, PAGE, counts=counts
        ).rows

    def _load_keys(self) -> None:
        self._keys_timer.stop()
        if self._keys_job is not None or self._keys is not None:
            return
        flt, sort, generation = self.filter, self.sort_order, self._generation
        job = worker.Job(lambda: self.register.keys(flt, sort))
        job.signals.sig_finished.connect(lambda keys: self._on_keys_loaded(generation, keys))
        job.signals.sig_failed.connect(lambda *_: self._on_keys_loaded(generation, None))
        self._keys_job = worker.start(job)

    def _on_keys_loaded(self, generation: int, keys: list[int] | None) -> None:
        if generation != self._generation:
            return  # the query changed meanwhile; a new load starts when needed
        self._keys_job = None
        if keys is not None and len(keys) == self.count:
            self._keys = keys

    def finding_id(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.id if found else None

    def row_of(self, finding_id: str) -> int | None:
        """The row of a finding among those fetched so far (None if not seen)."""
        for page, rows in self._pages.items():
            for offset, (found, _texts) in enumerate(rows):
                if found.id == finding_id:
                    return page * PAGE + offset
        return None

    # --- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(column.heading)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not column.sortable:
                return self.tr("{heading} (cannot be sorted)").format(heading=column.heading)
            return self.tr("Sort by {heading}").format(heading=column.heading.lower())
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every cell and role on each paint: the common cases go first and fast.
        if role not in _ROLES or not index.isValid():
            return None
        cells = self._cells(index.row())
        if cells is None:
            return None
        found, texts = cells
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[index.column()]
        column = self.columns[index.column()]
        key = column.key
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = texts[index.column()]
            if role == Qt.ItemDataRole.AccessibleTextRole and key == "days_overdue" and text:
                return self.tr("Overdue by {days}").format(days=text)
            return text
        if role == FINDING_ID:
            return found.id
        if role == Qt.ItemDataRole.DecorationRole:
            if key == "rag" and found.rag is not None:
                return rag_icon(found.rag)
            if key == "days_overdue" and found.is_overdue:
                return overdue_icon()
            return None
        if role == Qt.ItemDataRole.ForegroundRole and key in ("days_overdue", "due"):
            return overdue_colour() if found.is_overdue else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(found, key)
        return None

    def _tooltip(self, found: FindingRow, key: str) -> str | None:
        if key in ("reference", "text"):
            text = found.text if len(found.text) <= 900 else found.text[:900].rstrip() + "…"
            return f"<p><b>{escape(found.reference)}</b></p><p>{escape(text)}</p>"
        if key == "report":
            return found.report_title
        if key == "kind":
            return found.kind.label
        if key in ("days_overdue", "due") and found.is_overdue:
            return self.tr("Overdue by {days} days").format(days=found.days_overdue)
        return None
