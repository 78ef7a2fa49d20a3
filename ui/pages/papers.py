"""Committee papers: pick a meeting, write its narrative, check the data, one click to the PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.values import Meeting
from app.formatting import long_date
from app.paper import PaperService, Produced
from app.workspace import Workspace
from ui import desktop, worker
from ui.pages.paper_archive import ArchivePanel
from ui.pages.paper_widgets import NarrativeEditor, PreflightTree


class PapersPage(QWidget):
    """The quarterly HMICFRS Update, produced from the data as it stood at the meeting."""

    key = "papers"
    title = "Committee papers"

    def __init__(self, ws: Workspace, window: QWidget | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.window_ = window
        self.papers = PaperService(ws)
        self.meeting: Meeting | None = None
        self._dirty = False
        self._stale = True
        self._job: worker.Job | None = None
        self._preflight_job: worker.Job | None = None
        self._preflight_run = 0
        self._done: Callable[[Produced], None] = self._on_pdf_produced
        self.setObjectName("papersPage")

        # --- meetings ----------------------------------------------------------------------
        self.meeting_list = QListWidget()
        self.meeting_list.setObjectName("meetingList")
        self.meeting_list.setAccessibleName(self.tr("Committee meetings"))
        self.meeting_list.currentItemChanged.connect(self._on_meeting_list_current_item_changed)
        meetings_label = QLabel(self.tr("&Meetings"))
        meetings_label.setBuddy(self.meeting_list)
        self.new_button = QPushButton(self.tr("&New meeting…"))
        self.new_button.setAccessibleName(self.tr("Add a committee meeting"))
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.edit_button = QPushButton(self.tr("&Edit meeting…"))
        self.edit_button.setAccessibleName(self.tr("Change the meeting's date or committee"))
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        left = QVBoxLayout()
        left.addWidget(meetings_label)
        left.addWidget(self.meeting_list, 1)
        meeting_buttons = QHBoxLayout()
        meeting_buttons.addWidget(self.new_button)
        meeting_buttons.addWidget(self.edit_button)
        left.addLayout(meeting_buttons)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setFixedWidth(250)

        # --- the selected meeting ------------------------------------------------------------
        self.heading = QLabel()
        self.heading.setObjectName("paperHeading")
        self.agenda_edit = QLineEdit()
        self.agenda_edit.setAccessibleName(self.tr("Agenda item"))
        self.agenda_edit.setMaximumWidth(90)
        self.agenda_edit.textEdited.connect(self._on_narrative_edited)
        self.previous_combo = QComboBox()
        self.previous_combo.setAccessibleName(self.tr("Report since the meeting of"))
        self.previous_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.previous_combo.activated.connect(self._on_previous_combo_activated)
        details = QFormLayout()
        agenda_label = QLabel(self.tr("A&genda item"))
        agenda_label.setBuddy(self.agenda_edit)
        previous_label = QLabel(self.tr("Report &since"))
        previous_label.setBuddy(self.previous_combo)
        details.addRow(agenda_label, self.agenda_edit)
        details.addRow(previous_label, self.previous_combo)

        self.narrative = NarrativeEditor()
        self.narrative.sig_edited.connect(self._on_narrative_edited)
        self.save_button = QPushButton(self.tr("Sa&ve narrative"))
        self.save_button.setToolTip(self.tr("Keep the text with the meeting (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_narrative)
        narrative_tab = QWidget()
        narrative_layout = QVBoxLayout(narrative_tab)
        narrative_layout.addWidget(self.narrative, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        narrative_layout.addLayout(save_row)

        self.preflight = PreflightTree()
        recheck = QPushButton(self.tr("&Check again"))
        recheck.clicked.connect(self._refresh_preflight)
        preflight_tab = QWidget()
        preflight_layout = QVBoxLayout(preflight_tab)
        intro = QLabel(
            self.tr(
                "Problems in the data worth fixing before the paper goes to committee. The "
                "paper can be produced anyway."
            )
        )
        intro.setWordWrap(True)
        preflight_layout.addWidget(intro)
        preflight_layout.addWidget(self.preflight, 1)
        preflight_layout.addWidget(recheck, 0, Qt.AlignmentFlag.AlignRight)

        self.archive_panel = ArchivePanel(ws, self.papers)
        self.archive = self.archive_panel.table
        self.archive_note = self.archive_panel.note

        self.tabs = QTabWidget()
        self.tabs.addTab(narrative_tab, self.tr("Narrative"))
        self.tabs.addTab(preflight_tab, self.tr("Pre-flight"))
        self.tabs.addTab(self.archive_panel, self.tr("Archive"))

        # --- actions -----------------------------------------------------------------------
        self.produce_button = QPushButton(self.tr("&Produce PDF"))
        self.produce_button.setObjectName("produceButton")
        self.produce_button.setDefault(True)
        self.produce_button.setToolTip(self.tr("Produce the paper and open it (Ctrl+Enter)"))
        self.produce_button.clicked.connect(self.produce_pdf)
        self.print_button = QPushButton(self.tr("P&rint…"))
        self.print_button.setToolTip(self.tr("Produce the paper and print it (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_paper)
        self.word_button = QPushButton(self.tr("Save as &Word…"))
        self.word_button.setToolTip(
            self.tr("The same paper as an editable, accessible .docx (Ctrl+Shift+S)")
        )
        self.word_button.clicked.connect(self.save_word)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName(self.tr("Producing the paper"))
        self.busy.hide()
        self.status = QLabel()
        self.status.setObjectName("paperStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        for button in (self.produce_button, self.print_button, self.word_button):
            actions.addWidget(button)
        actions.addWidget(self.busy)
        actions.addWidget(self.status, 1)

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addLayout(details)
        right.addWidget(self.tabs, 1)
        right.addLayout(actions)
        layout = QHBoxLayout(self)
        layout.addWidget(left_box)
        layout.addLayout(right, 1)

        for keys, slot in (
            ("Ctrl+Return", self.produce_pdf),
            ("Ctrl+Enter", self.produce_pdf),
            (QKeySequence.StandardKey.Print, self.print_paper),
            ("Ctrl+Shift+S", self.save_word),
            (QKeySequence.StandardKey.Save, self.save_narrative),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._show_meeting(None)

    # --- reading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the meetings, keeping the selection and any unsaved words. Hidden, the page
        only notes that it is out of date: the window refreshes every page at start-up, and
        the pre-flight reads the whole register."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        keep = self.meeting.id if self.meeting else None
        meetings = sorted(self.ws.meetings.list(), key=lambda m: m.meets_on, reverse=True)
        self.meeting_list.blockSignals(True)
        self.meeting_list.clear()
        ours = self.ws.settings.get().committee_name
        produced = self.papers.archive.counts()
        for m in meetings:
            text = long_date(m.meets_on)
            if m.committee != ours:
                text += f" — {m.committee}"
            if produced.get(m.id):
                text += "  " + self.tr("({n} produced)").format(n=produced[m.id])
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setToolTip(
                self.tr("{committee}, agenda item {n}").format(
                    committee=m.committee, n=m.agenda_item or "—"
                )
            )
            self.meeting_list.addItem(item)
        self.meeting_list.blockSignals(False)
        target = keep or _next_meeting_id(meetings, self.ws.ctx.clock.today())
        self.select_meeting(target)

    def selected_record(self) -> tuple[str, str] | None:
        """("meeting", id) of the meeting shown (Edit → Open, Delete…)."""
        return ("meeting", self.meeting.id) if self.meeting is not None else None

    def select_meeting(self, meeting_id: str | None) -> None:
        """Select a meeting in the list (and show it)."""
        for row in range(self.meeting_list.count()):
            if self.meeting_list.item(row).data(Qt.ItemDataRole.UserRole) == meeting_id:
                if self.meeting_list.currentRow() == row:
                    self._load(meeting_id)
                else:
                    self.meeting_list.setCurrentRow(row)
                return
        self._show_meeting(None)

    def _load(self, meeting_id: str | None) -> None:
        if self._dirty and self.meeting and self.meeting.id == meeting_id:
            return  # the officer's unsaved words win over a refresh
        self._show_meeting(self.ws.meetings.get(meeting_id) if meeting_id else None)

    def _show_meeting(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        self._dirty = False
        for widget in (
            self.produce_button,
            self.print_button,
            self.word_button,
            self.save_button,
            self.agenda_edit,
            self.previous_combo,
            self.edit_button,
        ):
            widget.setEnabled(meeting is not None)
        self.narrative.set_meeting(meeting)
        self.status.clear()
        self.archive_panel.set_meeting(meeting)
        if meeting is None:
            self.heading.setText(
                self.tr("<h2>Committee papers</h2><p>Add a meeting to write its paper.</p>")
            )
            self.agenda_edit.clear()
            self.previous_combo.clear()
            self.preflight.set_problems([])
            self._update_tabs()
            return
        self.heading.setText(
            f"<h2>{self.tr('HMICFRS Update')} — {meeting.committee}, "
            f"{long_date(meeting.meets_on)}</h2>"
        )
        self.agenda_edit.setText(meeting.agenda_item)
        self._fill_previous(meeting)
        self._refresh_preflight()
        self._refresh_archive()

    def _fill_previous(self, meeting: Meeting) -> None:
        combo = self.previous_combo
        combo.clear()
        earlier = sorted(
            (m for m in self.ws.meetings.list() if m.meets_on < meeting.meets_on),
            key=lambda m: m.meets_on,
            reverse=True,
        )
        automatic = self.ws.meetings.previous(replace(meeting, previous_meeting_id=None))
        label = (
            self.tr("Automatic: the meeting of {day}").format(day=long_date(automatic.meets_on))
            if automatic
            else self.tr("Automatic: the three months before (no earlier meeting)")
        )
        combo.addItem(label, None)
        for m in earlier:
            combo.addItem(f"{long_date(m.meets_on)} — {m.committee}", m.id)
        index = combo.findData(meeting.previous_meeting_id) if meeting.previous_meeting_id else 0
        combo.setCurrentIndex(max(index, 0))

    def _refresh_list_counts(self) -> None:
        keep_dirty = self._dirty
        self.refresh()
        self._dirty = keep_dirty

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _refresh_preflight(self) -> None:
        """Check the data off the GUI thread (it reads every finding); show it when done."""
        meeting = self.meeting
        if meeting is None:
            return
        self.preflight.set_checking()
        papers = self.papers
        # Bound-method slots: Qt drops them if the page goes away before the job ends.
        self._preflight_run += 1
        run = self._preflight_run
        job = worker.Job(lambda: (run, papers.preflight(meeting)))
        job.signals.sig_finished.connect(self._on_preflight_job_finished)
        job.signals.sig_failed.connect(self._on_preflight_job_failed)
        self._preflight_job = worker.start(job)
        self._update_tabs()

    def _on_preflight_job_finished(self, result: tuple[int, list[Any]]) -> None:
        run, problems = result
        if run != self._preflight_run:
            return  # a later check (another meeting, or "Check again") is on its way
        self._preflight_job = None
        self.preflight.set_problems(problems)
        self._update_tabs()

    def _on_preflight_job_failed(self, exc: Exception, _trace: str) -> None:
        self._preflight_job = None
        self.preflight.set_failed(str(exc))
        self._update_tabs()

    def _refresh_archive(self) -> None:
        self.archive_panel.refresh()
        self._update_tabs()

    def _update_tabs(self) -> None:
        problems = sum(
            1
            for i in range(self.preflight.topLevelItemCount())
            if self.preflight.topLevelItem(i).childCount()
        )
        count = "…" if self._preflight_job is not None else str(problems)
        self.tabs.setTabText(1, self.tr("Pre-flight ({n})").format(n=count))
        self.tabs.setTabText(2, self.tr("Archive ({n})").format(n=len(self.archive.papers)))

    # --- writing -----------------------------------------------------------------------------
    def save_narrative(self) -> bool:
        """Keep the narrative and agenda item with the meeting (logged by the service)."""
        if self.meeting is None:
            return False
        if not self._dirty:
            return True
        meeting = self.papers.save_narrative(self.meeting.id, self.narrative.narrative())
        agenda = self.agenda_edit.text().strip()
        if agenda != meeting.agenda_item:
            meeting = self.ws.meetings.update(replace(meeting, agenda_item=agenda))
        self.meeting = meeting
        self._dirty = False
        self.status.setText(self.tr("Narrative saved with the meeting."))
        return True

    def _on_narrative_edited(self, *_args: object) -> None:
        self._dirty = True

    def _on_previous_combo_activated(self, _index: int) -> None:
        if self.meeting is None:
            return
        chosen = self.previous_combo.currentData()
        if chosen != self.meeting.previous_meeting_id:
            self.meeting = self.ws.meetings.update(
                replace(self.meeting, previous_meeting_id=chosen), note="Paper reports since"
            )
            self._refresh_preflight()

    def _on_meeting_list_current_item_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if self._dirty and previous is not None:
            self.save_narrative()  # nothing typed is lost by moving to another meeting
        self._dirty = False
        self._load(current.data(Qt.ItemDataRole.UserRole) if current else None)

    def _on_new_button_clicked(self) -> None:
        self._open_meeting_form(None)

    def _on_edit_button_clicked(self) -> None:
        if self.meeting is not None:
            self._open_meeting_form(self.meeting.id)

    def _open_meeting_form(self, meeting_id: str | None) -> None:
        """The shared meeting form (date, committee, agenda item, reports since)."""
        from ui.forms import launch

        self.save_narrative()  # the form refreshes the window; nothing typed is lost
        saved = launch.open_meeting_form(self.window_ or self, self.ws, meeting_id)
        if saved is not None:
            self.meeting = None
            self.refresh()
            self.select_meeting(saved.id)

    # --- producing ---------------------------------------------------------------------------
    def produce_pdf(self) -> None:
        """One click: produce the PDF into the data folder, archive it and open it."""
        self._produce("pdf", None, self._on_pdf_produced)

    def print_paper(self) -> None:
        """Produce the PDF and send it to the printer (or the viewer, to print from there)."""
        self._produce("pdf", None, self._on_print_produced)

    def save_word(self) -> None:
        """Ask where, then produce the same paper as .docx."""
        if self.meeting is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = str(Path(folder) / self.papers.filename_for(self.meeting, "docx"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the paper as Word"), name, self.tr("Word documents (*.docx)")
        )
        if path:
            if not path.lower().endswith(".docx"):
                path += ".docx"
            self._produce("docx", Path(path), self._on_word_produced)

    def _produce(self, fmt: str, path: Path | None, done: Callable[[Produced], None]) -> None:
        if self.meeting is None or self._job is not None:
            return
        self.save_narrative()
        meeting = self.meeting
        papers = self.papers
        self._set_busy(True, self.tr("Producing the paper…"))
        self._done = done
        job = worker.Job(lambda: papers.produce(meeting, fmt, path))
        job.signals.sig_finished.connect(self._on_job_finished)
        job.signals.sig_failed.connect(self._on_job_failed)
        self._job = worker.start(job)

    def _on_job_finished(self, produced: Produced) -> None:
        done = self._done
        self._job = None
        self._set_busy(False)
        self._refresh_archive()
        self._refresh_list_counts()
        self._show_changes(produced)
        done(produced)

    def _on_job_failed(self, exc: Exception, _trace: str) -> None:
        self._job = None
        self._set_busy(False, self.tr("The paper was not produced."))
        QMessageBox.warning(
            self,
            self.tr("Committee paper"),
            self.tr("The paper could not be produced: {error}").format(error=exc),
        )

    def _on_pdf_produced(self, produced: Produced) -> None:
        opened = desktop.open_path(produced.path)
        text = self.tr("Produced {file} ({pages} pages).").format(
            file=produced.path, pages=produced.pages
        )
        if not opened:
            text += " " + self.tr("No PDF viewer could open it; find it in the folder above.")
        self.status.setText(text)

    def _on_print_produced(self, produced: Produced) -> None:
        if desktop.can_print_directly():
            answer = QMessageBox.question(
                self,
                self.tr("Print the paper"),
                self.tr("Print the {pages}-page paper on your default printer?").format(
                    pages=produced.pages
                ),
                QMessageBox.StandardButton.Yes
                | QMessageBox.StandardButton.Open
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Yes and desktop.print_pdf(produced.path):
                self.status.setText(
                    self.tr("Sent to the printer: {file}").format(file=produced.path.name)
                )
                return
        desktop.open_path(produced.path)
        self.status.setText(
            self.tr("The paper is open in your PDF viewer: print it from there (Ctrl+P).")
        )

    def _on_word_produced(self, produced: Produced) -> None:
        self.status.setText(self.tr("Saved the Word paper: {file}").format(file=produced.path))

    def _show_changes(self, produced: Produced) -> None:
        if self.archive_panel.show_changes(produced):
            self.tabs.setCurrentIndex(2)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy.setVisible(busy)
        for button in (self.produce_button, self.print_button, self.word_button):
            button.setEnabled(not busy and self.meeting is not None)
        if text:
            self.status.setText(text)

    def open_archived(self) -> None:
        """Open what the committee saw, exactly as it was produced."""
        self.archive_panel.open_selected()


def _next_meeting_id(meetings: list[Meeting], today: Any) -> str | None:
    """The next meeting to write for (the soonest from today), else the latest."""
    coming = [m for m in meetings if m.meets_on >= today]
    if coming:
        return min(coming, key=lambda m: m.meets_on).id
    return meetings[0].id if meetings else None
