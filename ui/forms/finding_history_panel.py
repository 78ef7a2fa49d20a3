"""A finding's history tab: every change from the change log, as a person reads it."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.services.record_history import HistoryEvent, RecordHistory
from app.workspace import Workspace


class HistoryPanel(QWidget):
    """Newest first: when, who, what, and under each event the fields with old → new."""

    COLUMNS = ("When", "Who", "What", "Before", "After")

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = RecordHistory(ws.ctx)
        self.tree = QTreeWidget()
        self.tree.setObjectName("historyTree")
        self.tree.setAccessibleName(self.tr("History of this finding, newest first"))
        self.tree.setHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.tree.setColumnWidth(0, 205)
        self.tree.setColumnWidth(1, 195)
        self.tree.setColumnWidth(2, 165)
        self.tree.setColumnWidth(3, 150)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        self.events: list[HistoryEvent] = []

    def set_finding(self, finding_id: str | None) -> None:
        self.tree.clear()
        self.events = self.history.for_finding(finding_id) if finding_id else []
        for event in self.events:
            top = QTreeWidgetItem([event.when, event.who, self.tr(event.what), "", ""])
            top.setToolTip(1, event.who)
            if event.note:
                note = QTreeWidgetItem([self.tr("Note: “{note}”").format(note=event.note)])
                note.setToolTip(0, event.note)
                top.addChild(note)
            for change in event.changes:
                child = QTreeWidgetItem(["", "", self.tr(change.field), change.old, change.new])
                for column in (3, 4):
                    child.setToolTip(column, child.text(column))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            if event.note:
                top.child(0).setFirstColumnSpanned(True)  # only works once in the tree
            # A creation lists every field: keep it folded; later changes are shown open.
            top.setExpanded(event.what != "Created")
        for column in (0, 1):  # dates and names in full; long values have tooltips
            self.tree.resizeColumnToContents(column)

    def lines(self) -> list[str]:
        """Every row as text ("When | Who | What | Before | After"), for tests and copying."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.append(" | ".join(top.text(c) for c in range(3)))
            for j in range(top.childCount()):
                child = top.child(j)
                if child.isFirstColumnSpanned():
                    out.append(f"    {child.text(0)}")
                else:
                    out.append(f"    {child.text(2)}: {child.text(3)} → {child.text(4)}")
        return out
