"""Screens of the forms for scripts/screenshots.py (each function: window -> widget to grab)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from app.domain.enums import Kind, Level, Status
from app.domain.values import Finding
from app.lifecycle import steps_for
from app.services.attachments import AttachmentService
from app.services.bulk_edit import BulkEditService
from app.services.deletion import DeletionService

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"


def _finding(window: Any, level: Level, status: Status, kind: Kind | None = None) -> Finding:
    for finding in window.ws.findings.list():
        if finding.level is level and finding.status is status and kind in (None, finding.kind):
            return finding
    raise LookupError(f"no {level.label} {status.label} finding in the demo data")


def inspection_form(window: Any) -> QWidget:
    from ui.forms.inspection_form import InspectionDialog

    inspection = window.ws.inspections.list()[-3]
    dialog = InspectionDialog(window.ws, inspection.id, window)
    dialog.adjustSize()
    return dialog


def inspection_form_errors(window: Any) -> QWidget:
    from ui.forms.inspection_form import InspectionDialog

    dialog = InspectionDialog(window.ws, None, window)
    dialog.fields["fieldwork_start"].edit.setText("14/07/2025")  # type: ignore[attr-defined]
    dialog.fields["fieldwork_end"].edit.setText("11/07/2025")  # type: ignore[attr-defined]
    dialog.fields["hot_debrief_on"].edit.setText("31/09/2025")  # type: ignore[attr-defined]
    dialog.buttons.accepted.emit()
    dialog.adjustSize()
    return dialog


def report_form(window: Any) -> QWidget:
    from ui.forms.report_form import ReportDialog

    report = next(r for r in window.ws.reports.list() if len(r.gradings) >= 4)
    dialog = ReportDialog(window.ws, report.id, window)
    dialog.adjustSize()
    return dialog


def _finding_dialog(window: Any, tab: int) -> QWidget:
    from ui.forms.finding_form import FindingDialog

    finding = _finding(window, Level.L2, Status.IN_PROGRESS, Kind.RECOMMENDATION)
    evidence = AttachmentService(window.ws.ctx)
    if not evidence.for_finding(finding.id):
        evidence.add_bytes(finding.id, "CC letter CC-2024-017.pdf", b"%PDF-1.7 " * 9000)
        evidence.add_bytes(finding.id, "Custody QA framework v3.docx", b"PK" * 40000)
        evidence.add_bytes(finding.id, "install-helper.exe", b"MZ" * 100)
    dialog = FindingDialog(window.ws, finding.id, parent=window)
    dialog.tabs.setCurrentIndex(tab)
    return dialog


def finding_details(window: Any) -> QWidget:
    return _finding_dialog(window, 0)


def finding_progress(window: Any) -> QWidget:
    dialog = _finding_dialog(window, 1)
    dialog.progress.text_edit.setPlainText("Audit of custody records booked for July.")  # type: ignore[attr-defined]
    return dialog


def finding_evidence(window: Any) -> QWidget:
    return _finding_dialog(window, 2)


def finding_history(window: Any) -> QWidget:
    return _finding_dialog(window, 3)


def _status_dialog(window: Any, level: Level, status: Status, target: Status) -> QWidget:
    from ui.forms.finding_lifecycle import StatusChangeDialog

    finding = _finding(window, level, status)
    step = next(s for s in steps_for(finding) if s.target is target)
    dialog = StatusChangeDialog(window.ws, finding, step, window)
    dialog.adjustSize()
    return dialog


def submit_for_closure(window: Any) -> QWidget:
    return _status_dialog(window, Level.L2, Status.INTERNAL_REVIEW, Status.SUBMITTED)


def close_level_4(window: Any) -> QWidget:
    finding = _finding(window, Level.L4, Status.IN_PROGRESS)
    ws = window.ws
    ws.findings.change_status(finding.id, Status.INTERNAL_REVIEW)
    ws.findings.change_status(finding.id, Status.SUBMITTED)
    return _status_dialog(window, Level.L4, Status.SUBMITTED, Status.CLOSED)


def reject_submission(window: Any) -> QWidget:
    dialog = _status_dialog(window, Level.L4, Status.SUBMITTED, Status.IN_PROGRESS)
    dialog.buttons.accepted.emit()  # type: ignore[attr-defined]  (no reason: the error shows)
    return dialog


def meeting_form(window: Any) -> QWidget:
    from ui.forms.meeting_form import MeetingDialog

    meeting = window.ws.meetings.list()[-1]
    dialog = MeetingDialog(window.ws, meeting.id, window)
    dialog.adjustSize()
    return dialog


def paste_findings(window: Any) -> QWidget:
    from ui.forms.paste_dialog import PasteFindingsDialog

    text = (SEEDS / "001_898095e53ae935dc.txt").read_text(encoding="utf-8")
    start = text.index("Recommendations for Chief Officers")
    block = text[start : text.index("A. Homicide prevention")]
    report = window.ws.reports.list()[-1]
    dialog = PasteFindingsDialog(window.ws, report.id, window)
    dialog.text_edit.setPlainText(block)
    dialog.read_text()
    return dialog


def bulk_edit(window: Any) -> QWidget:
    from ui.forms.bulk_edit_dialog import BulkEditDialog

    ws = window.ws
    ids = [f.id for f in ws.findings.list() if f.status is Status.INTERNAL_REVIEW][:3]
    ids.append(_finding(window, Level.L2, Status.IN_PROGRESS).id)
    dialog = BulkEditDialog(ws, ids, window)
    dialog.ticks["status"].setChecked(True)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.index_of(Status.SUBMITTED))
    dialog.letter_ref.setText("CC/2026/088")
    dialog.letter_on.edit.setText("12/11/2026")
    dialog.note_edit.setPlainText("Agreed at the DCC's panel, 10 November 2026")
    result = BulkEditService(ws.findings).apply(
        dialog.finding_ids,
        dialog.values(),
        note=dialog.note_edit.toPlainText(),
        cc_letter_ref="CC/2026/088",
        cc_letter_on=dialog.letter_on.value(),
    )
    dialog.show_result(result)
    dialog.adjustSize()
    return dialog


def recently_deleted(window: Any) -> QWidget:
    from ui.forms.deleted_dialog import RecentlyDeletedDialog

    ws = window.ws
    deletion = DeletionService(ws.ctx)
    deletion.delete("finding", ws.findings.list()[5].id, note="Entered twice")
    deletion.delete("report", ws.reports.list()[2].id)
    return RecentlyDeletedDialog(ws, window)


def your_name(window: Any) -> QWidget:
    from ui.identity import NameDialog

    dialog = NameDialog("Insp Rachel Jones-Burns", window)
    dialog.adjustSize()
    return dialog


FORM_SHOTS: list[tuple[str, Callable[[Any], QWidget]]] = [
    ("form-inspection", inspection_form),
    ("form-inspection-errors", inspection_form_errors),
    ("form-report", report_form),
    ("form-finding-details", finding_details),
    ("form-finding-progress", finding_progress),
    ("form-finding-evidence", finding_evidence),
    ("form-finding-history", finding_history),
    ("form-submit-for-closure", submit_for_closure),
    ("form-close-level-4", close_level_4),
    ("form-reject-needs-reason", reject_submission),
    ("form-meeting", meeting_form),
    ("form-paste-findings", paste_findings),
    ("form-bulk-edit-result", bulk_edit),
    ("form-recently-deleted", recently_deleted),
    ("form-your-name", your_name),
]
