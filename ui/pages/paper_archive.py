"""The archive of a meeting's papers: reopen what the committee saw, compare with the data now."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import utc_to_london
from app.domain.values import Meeting
from app.formatting import long_date
from app.paper import PaperError, PaperService, Produced
from app.paper.archive import ArchivedPaper
from app.workspace import Workspace
from ui import desktop, worker


class ArchiveTable(QTableWidget):
    """The papers produced for the selected meeting, newest first."""

    HEADERS = ("Produced", "Format", "File", "By", "Size")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.setAccessibleName(self.tr("Papers produced for this meeting"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.papers: list[ArchivedPaper] = []

    def set_papers(self, papers: list[ArchivedPaper]) -> None:
        self.papers = papers
        self.setRowCount(len(papers))
        for row, paper in enumerate(papers):
            when = utc_to_london(paper.produced_at)
            cells = (
                f"{long_date(when.date())} {when:%H:%M}",
                paper.format.upper(),
                paper.filename,
                paper.produced_by,
                f"{max(1, round(paper.size / 1024)):,} KB",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(row, column, item)
        if papers:
            self.selectRow(0)

    def selected(self) -> ArchivedPaper | None:
        rows = self.selectionModel().selectedRows()
        return self.papers[rows[0].row()] if rows else None


class ArchivePanel(QWidget):
    """The archive tab: the table, its actions, and what changed between papers."""

    def __init__(self, ws: Workspace, papers: PaperService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.papers = papers
        self.meeting: Meeting | None = None
        self._job: worker.Job | None = None
        self._comparing: ArchivedPaper | None = None
        self.table = ArchiveTable()
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        open_button = QPushButton(self.tr("&Open"))
        open_button.setAccessibleName(self.tr("Open the selected archived paper"))
        open_button.clicked.connect(self.open_selected)
        copy_button = QPushButton(self.tr("Save a &copy…"))
        copy_button.clicked.connect(self.save_copy)
        compare_button = QPushButton(self.tr("Compare with the &data now"))
        compare_button.clicked.connect(self.compare)
        self.note = QLabel()
        self.note.setObjectName("archiveNote")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for button in (open_button, copy_button, compare_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.note)

    def set_meeting(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        self.note.clear()
        self.refresh()

    def refresh(self) -> None:
        meeting = self.meeting
        self.table.set_papers(self.papers.archive.for_meeting(meeting.id) if meeting else [])

    def show_changes(self, produced: Produced) -> bool:
        """Say what changed since the paper produced before; True when something did."""
        earlier = produced.earlier
        if earlier is None:
            self.note.setText(self.tr("The first paper produced for this meeting."))
            return False
        if not produced.changes:
            self.note.setText(
                self.tr("Same figures as the paper produced on {when}.").format(when=_when(earlier))
            )
            return False
        self.note.setText(
            self.tr("Changed since the paper produced on {when}:").format(when=_when(earlier))
            + _bullets(produced.changes)
        )
        return True

    def open_selected(self) -> None:
        """Open what the committee saw, exactly as it was produced."""
        paper = self.table.selected()
        if paper is None:
            return
        folder = self.ws.folder / "papers" / "archived"
        when = utc_to_london(paper.produced_at)
        path = folder / f"{when:%Y-%m-%d %H%M%S} {paper.filename}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                self.papers.export_archived(paper.id, path)
        except (OSError, PaperError) as exc:
            self._warn(str(exc))
            return
        desktop.open_path(path)

    def save_copy(self) -> None:
        paper = self.table.selected()
        if paper is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy of the archived paper"), str(Path(folder) / paper.filename)
        )
        if not path:
            return
        try:
            self.papers.export_archived(paper.id, Path(path))
        except PaperError as exc:
            self._warn(str(exc))
            return
        self.note.setText(self.tr("Saved a copy: {file}").format(file=path))

    def compare(self) -> None:
        """What a paper produced now would show differently from the selected archived one."""
        paper = self.table.selected()
        if paper is None or self.meeting is None or self._job is not None:
            return
        meeting = self.meeting
        papers = self.papers

        def work() -> Any:
            from app.paper.diff import figures_changes

            return figures_changes(paper.figures, papers.build(meeting).figures)

        job = worker.Job(work)
        self._comparing = paper
        job.signals.sig_finished.connect(self._on_compared)
        job.signals.sig_failed.connect(self._on_job_failed)
        self._job = worker.start(job)

    def _on_compared(self, changes: list[str]) -> None:
        self._job = None
        paper = self._comparing
        if paper is None:
            return
        if not changes:
            self.note.setText(
                self.tr("The data now gives the same figures as the paper of {when}.").format(
                    when=_when(paper)
                )
            )
            return
        self.note.setText(
            self.tr("A paper produced now would differ from the paper of {when}:").format(
                when=_when(paper)
            )
            + _bullets(changes)
        )

    def _on_job_failed(self, exc: Exception, _trace: str) -> None:
        self._job = None
        self._warn(str(exc))

    def _warn(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Archived paper"), text)


def _when(paper: ArchivedPaper) -> str:
    moment = utc_to_london(paper.produced_at)
    return f"{long_date(moment.date())} {moment:%H:%M}"


def _bullets(lines: Any) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"
