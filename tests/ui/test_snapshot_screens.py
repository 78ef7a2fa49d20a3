"""File → Export snapshot, Import snapshot (inspect, replace or merge), Restore from backup."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from app.snapshots.service import SnapshotService
from tests.app.snapshot_helpers import file_digest, open_workspace, populate
from ui.main_window import MainWindow
from ui.snapshots import controller as controller_module
from ui.snapshots.conflict_dialog import ConflictDialog
from ui.snapshots.export_dialog import ExportSnapshotDialog
from ui.snapshots.inspect_dialog import InspectSnapshotDialog
from ui.snapshots.restore_dialog import RestoreBackupDialog


@pytest.fixture
def messages(monkeypatch):
    """Every message box shown, as (kind, text); questions are answered Yes."""
    shown: list[tuple[str, str]] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _p, _t, text, *a, kind=kind: shown.append((kind, text))
        )
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a: shown.append(("question", text)) or QMessageBox.StandardButton.Yes,
    )
    return shown


@pytest.fixture
def window(qtbot, ws, clock):
    ids = populate(ws, clock)
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.ids = ids  # type: ignore[attr-defined]
    return win


def _wait(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.snapshots.busy, timeout=20000)


def test_the_file_menu_offers_export_import_and_restore(window):
    texts = [a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()]
    assert texts.index("Export snapshot…") < texts.index("Import snapshot…")
    assert "Restore from backup…" in texts
    assert texts[-1] == "Quit"
    assert window.snapshots.export_action.shortcut().toString() == "Ctrl+Shift+E"


def test_export_writes_an_encrypted_snapshot_off_the_gui_thread(
    qtbot, window, tmp_path, monkeypatch, messages
):
    target = tmp_path / "handover"

    def fill_in(dialog: ExportSnapshotDialog) -> int:
        dialog.path_edit.setText(str(target))
        dialog.protect.setChecked(True)
        dialog.passphrase.setText("short")
        dialog.confirm.setText("short")
        dialog.accept()
        assert "at least 8" in dialog.error_label.text()
        dialog.passphrase.setText("a long passphrase")
        dialog.confirm.setText("a long passphrase")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExportSnapshotDialog, "exec", fill_in)
    window.snapshots.export_snapshot()
    _wait(qtbot, window)
    assert (tmp_path / "handover.ldsnap").exists()
    assert messages[-1][0] == "information" and "encrypted" in messages[-1][1]
    assert SnapshotService.needs_passphrase(tmp_path / "handover.ldsnap")


def test_import_inspects_then_merges_with_conflicts_decided_on_screen(
    qtbot, window, ws, clock, tmp_path, monkeypatch, messages
):
    ids = window.ids
    snap = tmp_path / "base.ldsnap"
    SnapshotService(ws).export(snap, passphrase="a long passphrase")
    theirs = open_workspace(tmp_path / "theirs", clock, "Theo Theirs")
    with SnapshotService(theirs).open(snap, passphrase="a long passphrase") as session:
        session.replace()
    clock.set(datetime(2024, 2, 1, 10))
    afi = ws.findings.get(ids["afi"])
    theirs.findings.update(replace(afi, text="Their words.", department="Contact centre"))
    ws.findings.update(replace(afi, text="My words."))
    SnapshotService(theirs).export(snap, passphrase="a long passphrase")
    theirs.close()

    answers = iter([("wrong one", True), ("a long passphrase", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(snap), ""))
    seen = {}

    def inspect(dialog: InspectSnapshotDialog) -> int:
        qtbot.waitUntil(lambda: dialog.merge_button.isEnabled(), timeout=10000)
        row = [e.entity for e in dialog.session.plan.entities].index("finding")
        seen["conflicts"] = dialog.table.item(row, 9).text()
        seen["summary"] = dialog.summary.text()
        dialog.merge_button.click()
        return int(dialog.result())

    def decide(dialog: ConflictDialog) -> int:
        assert not dialog.merge_button.isEnabled()
        seen["theirs"] = dialog.table.item(0, 2).text()
        dialog.choose_all("theirs")
        assert dialog.merge_button.isEnabled()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(InspectSnapshotDialog, "exec", inspect)
    monkeypatch.setattr(ConflictDialog, "exec", decide)
    window.snapshots.import_snapshot()
    _wait(qtbot, window)
    _wait(qtbot, window)
    qtbot.waitUntil(lambda: bool(messages) and messages[-1][0] == "information", timeout=20000)
    assert seen["conflicts"] == "1"
    assert "Their words." in seen["theirs"] and "Theo Theirs" in seen["theirs"]
    merged = ws.findings.get(ids["afi"])
    assert (merged.text, merged.department) == ("Their words.", "Contact centre")
    assert "Merged" in messages[-1][1]


def test_a_bad_file_is_refused_with_one_message_and_nothing_changes(
    qtbot, window, ws, tmp_path, monkeypatch, messages
):
    bad = tmp_path / "minutes.pdf"
    bad.write_bytes(b"%PDF-1.7 committee minutes")
    before = file_digest(ws.database_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.snapshots.import_snapshot()
    _wait(qtbot, window)
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    kind, text = messages[-1]
    assert kind == "warning"
    assert text == "minutes.pdf cannot be used: it is not a Liaison Desk snapshot."
    assert file_digest(ws.database_path) == before


def test_replace_and_restore_from_backup(qtbot, window, ws, tmp_path, monkeypatch, messages):
    ids = window.ids
    snap = tmp_path / "base.ldsnap"
    SnapshotService(ws).export(snap)
    ws.findings.update(replace(ws.findings.get(ids["afi"]), department="Changed later"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(snap), ""))

    def choose_replace(dialog: InspectSnapshotDialog) -> int:
        qtbot.waitUntil(lambda: dialog.replace_button.isEnabled(), timeout=10000)
        dialog.replace_button.click()
        return int(dialog.result())

    monkeypatch.setattr(InspectSnapshotDialog, "exec", choose_replace)
    window.snapshots.import_snapshot()
    qtbot.waitUntil(lambda: bool(messages) and messages[-1][0] == "information", timeout=20000)
    assert ws.findings.get(ids["afi"]).department != "Changed later"
    assert "replaced" in messages[-1][1]

    def pick_newest(dialog: RestoreBackupDialog) -> int:
        assert dialog.table.rowCount() >= 1
        assert dialog.table.item(0, 1).text() == "Before replacing with a snapshot"
        dialog.restore_button.click()
        return int(dialog.result())

    monkeypatch.setattr(RestoreBackupDialog, "exec", pick_newest)
    window.snapshots.restore_backup()
    qtbot.waitUntil(lambda: "restored" in messages[-1][1] if messages else False, timeout=20000)
    assert ws.findings.get(ids["afi"]).department == "Changed later"
    assert window.status_label.text().startswith("3 findings")


def test_daily_backups_start_with_the_window(qtbot, window, ws):
    service = SnapshotService(ws)
    window.snapshots.start_daily_backups()
    qtbot.waitUntil(lambda: len(service.backups.list()) == 1, timeout=10000)
    assert controller_module.DAILY_CHECK_MS == 3_600_000
    assert Path(service.backups.list()[0].path).name.endswith("-daily.sqlite3")
