"""Evidence is stored in the database by content, size-limited, logged, never run."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

from app.services.attachments import (
    MAX_ATTACHMENT_BYTES,
    AttachmentRefused,
    AttachmentService,
    AttachmentTooLarge,
    is_executable_name,
)
from app.services.record_history import RecordHistory


@pytest.fixture
def evidence(ws):  # type: ignore[no-untyped-def]
    return AttachmentService(ws.ctx)


def test_a_file_is_stored_once_by_content_and_read_back_exactly(ws, make, evidence, tmp_path):
    finding = make.finding()
    letter = tmp_path / "CC letter 2024-017.pdf"
    letter.write_bytes(b"%PDF-1.7 the Chief Constable's letter")
    first = evidence.add_file(finding.id, letter, description="Signed CC letter")
    again = evidence.add_bytes(finding.id, "copy.pdf", letter.read_bytes())

    assert first.sha256 == again.sha256 == hashlib.sha256(letter.read_bytes()).hexdigest()
    assert first.media_type == "application/pdf"
    assert first.added_by == "Test Officer"
    assert [a.filename for a in evidence.for_finding(finding.id)] == [
        "CC letter 2024-017.pdf",
        "copy.pdf",
    ]
    assert evidence.content(first.id) == letter.read_bytes()
    letter.unlink()  # the database holds the file, not a path to it
    out = evidence.save_copy(first.id, tmp_path / "saved.pdf")
    assert out.read_bytes() == b"%PDF-1.7 the Chief Constable's letter"


def test_over_the_limit_is_refused_with_a_clear_message_and_nothing_stored(
    ws, make, evidence, tmp_path
):
    finding = make.finding()
    big = tmp_path / "presentation.pptx"
    with open(big, "wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    before = ws.history.count()
    with pytest.raises(AttachmentTooLarge) as refused:
        evidence.add_file(finding.id, big)
    assert "“presentation.pptx” is 25.0 MB" in refused.value.message
    assert "at most 25.0 MB each" in refused.value.message
    assert evidence.for_finding(finding.id) == []
    assert ws.history.count() == before
    exactly = evidence.add_bytes(finding.id, "limit.bin", bytes(MAX_ATTACHMENT_BYTES))
    assert exactly.size == MAX_ATTACHMENT_BYTES


def test_viewing_copy_is_read_only_and_executables_are_refused(ws, make, evidence, tmp_path):
    finding = make.finding()
    policy = evidence.add_bytes(finding.id, "policy.docx", b"PK\x03\x04 policy")
    copy = evidence.copy_for_viewing(policy.id, tmp_path)
    assert copy.read_bytes() == b"PK\x03\x04 policy"
    assert not os.stat(copy).st_mode & (stat.S_IWUSR | stat.S_IXUSR)

    for name in ("update.exe", "run.BAT", "letter.pdf.js", "macro.vbs", "shortcut.lnk", "app.hta"):
        item = evidence.add_bytes(finding.id, name, b"MZ\x90\x00")
        assert not item.can_open
        with pytest.raises(AttachmentRefused) as refused:
            evidence.copy_for_viewing(item.id, tmp_path)
        assert "will not open it" in refused.value.message
        assert "Save a copy" in refused.value.message
        # Saving it out is allowed: saving runs nothing.
        assert evidence.save_copy(item.id, tmp_path / f"saved-{name}").exists()
    hidden = evidence.add_bytes(finding.id, "README", b"MZ\x90\x00 a program without a suffix")
    with pytest.raises(AttachmentRefused):
        evidence.copy_for_viewing(hidden.id, tmp_path)


@pytest.mark.parametrize(
    ("name", "runs"),
    [
        ("a.exe", True),
        ("a.MSI", True),
        ("a.ps1", True),
        ("a.jar", True),
        ("a.scr", True),
        ("a.cmd", True),
        ("a.com", True),
        ("a.exe.", True),
        ("a.pdf", False),
        ("a.docx", False),
        ("a.xlsx", False),
        ("exe", False),
        ("a.exe.pdf", False),
    ],
)
def test_executable_names(name, runs):
    assert is_executable_name(name) is runs


def test_attach_and_remove_are_in_the_findings_history_and_restorable(ws, make, evidence):
    finding = make.finding()
    item = evidence.add_bytes(finding.id, "minutes.pdf", b"%PDF minutes")
    evidence.remove(item.id)
    assert evidence.for_finding(finding.id) == []
    evidence.restore(item.id)
    assert [a.id for a in evidence.for_finding(finding.id)] == [item.id]
    events = RecordHistory(ws.ctx).for_finding(finding.id)
    whats = [e.what for e in events]
    assert whats[:3] == ["Evidence put back", "Evidence removed", "Evidence attached"]
    attached = events[2]
    assert ("File", "—", "minutes.pdf") in [(c.field, c.old, c.new) for c in attached.changes]
    assert ("Size", "—", "12 bytes") in [(c.field, c.old, c.new) for c in attached.changes]


def test_cannot_attach_to_a_deleted_finding(ws, make, evidence):
    from app.domain.errors import NotFound

    finding = make.finding()
    ws.findings.delete(finding.id)
    with pytest.raises(NotFound):
        evidence.add_bytes(finding.id, "x.pdf", b"x")
