"""Bulk edit with a rule failure listed; evidence attached, reopened, refused when too big or
a program — through the dialogs, with file dialogs and the system viewer stood in for."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from app.domain.enums import Level, Status
from app.services.attachments import MAX_ATTACHMENT_BYTES
from ui.forms import finding_evidence
from ui.forms.bulk_edit_dialog import BulkEditDialog
from ui.forms.finding_form import EVIDENCE, FindingDialog


def press(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_bulk_status_change_lists_the_finding_the_rules_refuse(qtbot, ws, make):
    report = make.report()
    ready = []
    for n in (1, 2):
        finding = make.finding(report, level=Level.L2, reference=f"Recommendation {n}")
        ws.findings.change_status(finding.id, Status.INTERNAL_REVIEW)
        ready.append(finding)
    early = make.finding(report, level=Level.L2, reference="Recommendation 3")
    dialog = BulkEditDialog(ws, [f.id for f in (*ready, early)])
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    assert dialog.windowTitle() == "Change 3 findings"
    assert not dialog.status_combo.isEnabled()
    dialog.ticks["status"].setFocus()
    qtbot.keyClick(dialog.ticks["status"], Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.status_combo, "Sub")
    assert dialog.letter_ref.isEnabled() and not dialog.closed_by.isEnabled()
    qtbot.keyClicks(dialog.letter_ref, "CC/2024/031")
    qtbot.keyClicks(dialog.letter_on.edit, "4/4/2024")
    press(qtbot, dialog)
    assert dialog.errors["note"].text() == "⚠ Say why these findings are changing."
    assert ws.findings.get(ready[0].id).status is Status.INTERNAL_REVIEW

    qtbot.keyClicks(dialog.note_edit, "Signed off at the DCC's panel")
    press(qtbot, dialog)
    assert dialog.isVisible()  # stays open to show what happened
    assert dialog.results_label.text() == "Done: 2 changed, 1 not changed."
    assert [dialog.failures.item(i).text() for i in range(dialog.failures.count())] == [
        "Recommendation 3: Status: a finding that is open cannot move to submitted for closure"
    ]
    for finding in ready:
        stored = ws.findings.get(finding.id)
        assert (stored.status, stored.cc_letter_ref, stored.cc_letter_on) == (
            Status.SUBMITTED,
            "CC/2024/031",
            date(2024, 4, 4),
        )
        assert ws.history.for_record(finding.id)[-1].note == "Signed off at the DCC's panel"
    assert ws.findings.get(early.id).status is Status.OPEN
    assert len(dialog.undo_steps[0].edits) == 2
    press(qtbot, dialog)  # now "Close"
    assert not dialog.isVisible()


def test_bulk_owner_and_due_date(qtbot, ws, make):
    owner = make.person("Supt Kaur", "Custody")
    findings = [make.finding() for _ in range(3)]
    dialog = BulkEditDialog(ws, [f.id for f in findings])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ticks["owner_id"].setChecked(True)
    qtbot.keyClicks(dialog.owner_combo, "Supt")
    dialog.ticks["due_on"].setChecked(True)
    qtbot.keyClicks(dialog.due_field.edit, "30 September 2024")
    qtbot.keyClicks(dialog.note_edit, "Reallocated")
    press(qtbot, dialog)
    assert dialog.results_label.text() == "Done: 3 changed."
    assert {(ws.findings.get(f.id).owner_id, ws.findings.get(f.id).due_on) for f in findings} == {
        (owner.id, date(2024, 9, 30))
    }


def open_evidence(qtbot, ws, finding_id):  # type: ignore[no-untyped-def]
    dialog = FindingDialog(ws, finding_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(EVIDENCE)
    return dialog, dialog.evidence  # keep the dialog: the panel lives only as long as it


def choose_files(monkeypatch, *paths: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *a, **k: ([str(p) for p in paths], "")),
    )


def test_attach_reopen_and_save_a_copy(qtbot, ws, make, monkeypatch, tmp_path, boxes):
    finding = make.finding()
    letter = tmp_path / "CC letter.pdf"
    letter.write_bytes(b"%PDF-1.7 signed letter")
    _dialog, panel = open_evidence(qtbot, ws, finding.id)
    choose_files(monkeypatch, letter)
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 0).text() == "CC letter.pdf"
    assert panel.table.item(0, 3).text() == "Test Officer"
    letter.unlink()  # the file lives in the database now

    opened: list[Path] = []
    monkeypatch.setattr(
        finding_evidence, "open_with_system_viewer", lambda p: opened.append(p) or True
    )
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened[0].name == "CC letter.pdf"
    assert opened[0].read_bytes() == b"%PDF-1.7 signed letter"
    assert not os.stat(opened[0]).st_mode & stat.S_IWUSR

    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == b"%PDF-1.7 signed letter"
    assert boxes.shown == []


def test_over_the_limit_and_programs(qtbot, ws, make, monkeypatch, tmp_path, boxes):
    finding = make.finding()
    big = tmp_path / "briefing.pptx"
    with open(big, "wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ\x90\x00")
    _dialog, panel = open_evidence(qtbot, ws, finding.id)
    choose_files(monkeypatch, big, program)
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    kind, title, text = boxes.shown[-1]
    assert (kind, title) == ("warning", "Not attached")
    assert "“briefing.pptx” is 25.0 MB; evidence files can be at most 25.0 MB each." in text
    assert [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())] == ["setup.exe ⚠"]

    opened: list[Path] = []
    monkeypatch.setattr(
        finding_evidence, "open_with_system_viewer", lambda p: opened.append(p) or True
    )
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened == []
    kind, title, text = boxes.shown[-1]
    assert (kind, title) == ("warning", "Not opened")
    assert text.startswith("“setup.exe” is a type of file that runs when opened")


def test_remove_asks_and_is_undoable(qtbot, ws, make, boxes):
    finding = make.finding()
    dialog, panel = open_evidence(qtbot, ws, finding.id)
    panel.service.add_bytes(finding.id, "minutes.docx", b"PK minutes")
    panel.refresh()
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert boxes.shown[-1][1] == "Remove evidence"
    assert panel.table.rowCount() == 0
    assert dialog.undo_steps[-1].kind == "delete"
    assert dialog.history.lines()[0].endswith("Test Officer | Evidence removed")
