"""Entry points to every form, for menus, registers and detail panels to call.

Each function takes the window (any QWidget; when it has ``refresh()`` it is refreshed after a
change, and when it has ``undo_history`` the change can be undone with Ctrl+Z) and the
Workspace, runs the dialog modally and returns what was saved (None when cancelled).

    open_finding_form(window, ws, finding_id)            # edit; None → new
    open_finding_form(window, ws, None, report_id=rid)   # new finding in a report
    open_progress_update(window, ws, finding_id)         # straight to a new update (Ctrl+U)
    open_report_form / open_inspection_form / open_meeting_form(window, ws, id or None)
    open_inspection_form(window, ws, None, start=day)    # new, fieldwork from a calendar day
    open_paste_findings(window, ws, report_id)           # add a report's findings from text
    open_bulk_edit(window, ws, [finding ids])
    delete_record(window, ws, "finding" | "report" | "inspection" | "meeting", id)
    open_recently_deleted(window, ws)
    undo_last(window, ws)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QWidget

from app.domain.values import Finding, Inspection, Meeting, Report
from app.formatting import long_date
from app.services.deletion import ENTITY_LABELS, DeletionService
from app.services.undo import CREATE, DELETE, EDIT, UndoService, UndoStep
from app.workspace import Workspace
from ui.forms.bulk_edit_dialog import BulkEditDialog
from ui.forms.deleted_dialog import RecentlyDeletedDialog
from ui.forms.finding_form import FindingDialog
from ui.forms.inspection_form import InspectionDialog
from ui.forms.meeting_form import MeetingDialog
from ui.forms.paste_dialog import PasteFindingsDialog
from ui.forms.report_form import ReportDialog


def open_finding_form(
    window: QWidget,
    ws: Workspace,
    finding_id: str | None = None,
    report_id: str | None = None,
    *,
    progress: bool = False,
) -> Finding | None:
    """The finding form (new when ``finding_id`` is None); returns the finding as it ends."""
    dialog = FindingDialog(ws, finding_id, report_id=report_id, parent=window)
    if progress:
        dialog.start_progress_update()
    _run(dialog)
    _after(window, dialog.undo_steps)
    if dialog.deleted:
        return None
    return dialog.current


def open_progress_update(window: QWidget, ws: Workspace, finding_id: str) -> Finding | None:
    """The finding form, with the cursor in a new progress update."""
    return open_finding_form(window, ws, finding_id, progress=True)


def open_report_form(window: QWidget, ws: Workspace, report_id: str | None = None) -> Report | None:
    """The report form; "Save and add findings from text…" goes on to the paste dialog."""
    dialog = ReportDialog(ws, report_id, window)
    if not _run(dialog) or dialog.saved is None:
        return None
    saved = dialog.saved
    _after(window, [_saved_step("report", dialog.before, saved, saved.title)])
    if dialog.wants_paste:
        open_paste_findings(window, ws, saved.id)
    return saved


def open_inspection_form(
    window: QWidget, ws: Workspace, inspection_id: str | None = None, *, start: date | None = None
) -> Inspection | None:
    """The inspection form; a new one may start with fieldwork on ``start`` (a calendar day)."""
    dialog = InspectionDialog(ws, inspection_id, window, start=start)
    if not _run(dialog) or dialog.saved is None:
        return None
    _after(window, [_saved_step("inspection", dialog.before, dialog.saved, dialog.saved.title)])
    return dialog.saved


def open_meeting_form(
    window: QWidget, ws: Workspace, meeting_id: str | None = None
) -> Meeting | None:
    """The committee meeting form (new when ``meeting_id`` is None)."""
    dialog = MeetingDialog(ws, meeting_id, window)
    if not _run(dialog) or dialog.saved is None:
        return None
    _after(window, [_saved_step("meeting", dialog.before, dialog.saved, dialog.saved.committee)])
    return dialog.saved


def open_paste_findings(
    window: QWidget, ws: Workspace, report_id: str | None = None
) -> list[Finding]:
    """Paste a report's findings as published; returns those saved."""
    dialog = PasteFindingsDialog(ws, report_id, window)
    _run(dialog)
    _after(
        window,
        dialog.undo_steps,
        window.tr("{n} findings added.").format(n=len(dialog.saved)) if dialog.saved else "",
    )
    return dialog.saved


def open_bulk_edit(window: QWidget, ws: Workspace, finding_ids: Iterable[str]) -> Any:
    """Change many findings at once; returns the BulkResult (None when cancelled)."""
    ids = list(finding_ids)
    if not ids:
        QMessageBox.information(
            window, window.tr("Bulk edit"), window.tr("Select the findings to change first.")
        )
        return None
    dialog = BulkEditDialog(ws, ids, window)
    _run(dialog)
    _after(window, dialog.undo_steps)
    return dialog.result_


def delete_record(window: QWidget, ws: Workspace, entity: str, record_id: str) -> bool:
    """Ask, then delete (recorded, restorable from Recently deleted, undoable)."""
    label = ENTITY_LABELS[entity].lower()
    name = _name(ws, entity, record_id)
    extra = ""
    if entity == "report":
        n = len(ws.findings.for_report(record_id))
        if n:
            extra = window.tr("\n\nIts {n} findings will be deleted with it.").format(n=n)
    answer = QMessageBox.question(
        window,
        window.tr("Delete {what}").format(what=label),
        window.tr(
            "Delete the {what} “{name}”?{extra}\n\nThe deletion is recorded; you can undo it "
            "(Ctrl+Z) or restore it from Edit → Recently deleted."
        ).format(what=label, name=name, extra=extra),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    DeletionService(ws.ctx).delete(entity, record_id)
    step = UndoStep(window.tr("Delete {name}").format(name=name), entity, DELETE, ids=(record_id,))
    _after(window, [step], window.tr("Deleted {name}.").format(name=name))
    return True


def open_recently_deleted(window: QWidget, ws: Workspace) -> int:
    """Edit → Recently deleted; returns how many records were restored."""
    dialog = RecentlyDeletedDialog(ws, window)
    _run(dialog)
    if dialog.restored:
        _after(window, [], window.tr("{n} restored.").format(n=dialog.restored))
    return dialog.restored


def undo_last(window: QWidget, ws: Workspace) -> UndoStep | None:
    """Edit → Undo: take back the last change made in this window."""
    history = getattr(window, "undo_history", None)
    step = history.pop() if history is not None else None
    if step is None:
        _message(window, window.tr("Nothing to undo."))
        return None
    outcome = UndoService(ws).undo(step)
    if outcome.skipped:
        QMessageBox.information(
            window,
            window.tr("Undo"),
            window.tr("Undone for {n}; not for these:\n\n{list}").format(
                n=outcome.undone, list="\n".join(outcome.skipped)
            ),
        )
    _after(window, [], window.tr("Undone: {what}.").format(what=step.description))
    return step


# --- helpers ----------------------------------------------------------------------------
def _run(dialog: QDialog) -> bool:
    """Run a dialog modally, then let it go: a form kept as a hidden child of the window
    would hold its data (and the keyboard focus) for the rest of the session."""
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()


def _saved_step(entity: str, before: Any, after: Any, name: str) -> UndoStep:
    if before is None:
        return UndoStep(f"New {entity} {name}", entity, CREATE, ids=(after.id,))
    return UndoStep(f"Edit {name}", entity, EDIT, ((before, after),))


def _after(window: QWidget, steps: list[UndoStep], message: str = "") -> None:
    history = getattr(window, "undo_history", None)
    if history is not None:
        for step in steps:
            history.push(step)
    refresh = getattr(window, "refresh", None)
    if callable(refresh) and (steps or message):
        refresh()
    updated = getattr(window, "update_undo_action", None)
    if callable(updated):
        updated()
    if message:
        _message(window, message)


def _message(window: QWidget, text: str) -> None:
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 6000)


def _name(ws: Workspace, entity: str, record_id: str) -> str:
    if entity == "finding":
        return ws.findings.get(record_id).reference
    if entity == "meeting":
        meeting = ws.meetings.get(record_id)
        return f"{meeting.committee}, {long_date(meeting.meets_on)}"
    service = ws.reports if entity == "report" else ws.inspections
    return str(service.get(record_id).title)
