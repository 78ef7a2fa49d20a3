"""The tables of a Liaison Desk database, as typed SQLAlchemy records."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SharedColumns


class SettingRecord(Base):
    """One force-wide setting (force name, committee, contact officer…) as a JSON value."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PersonRecord(SharedColumns, Base):
    """An owner, lead or author."""

    __tablename__ = "person"
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")


class MonitoringPeriodRecord(SharedColumns, Base):
    """A period of the force's HMICFRS monitoring stage (Scan or Engage)."""

    __tablename__ = "monitoring_period"
    stage: Mapped[str] = mapped_column(String(16))
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class InspectionRecord(SharedColumns, Base):
    """An inspection activity: a visit or programme with fieldwork dates."""

    __tablename__ = "inspection"
    type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(500))
    partners: Mapped[str] = mapped_column(String(500), default="")
    fieldwork_start: Mapped[date | None] = mapped_column(Date)
    fieldwork_end: Mapped[date | None] = mapped_column(Date)
    hot_debrief_on: Mapped[date | None] = mapped_column(Date)
    expected_publication_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24))
    force_lead_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class ReportRecord(SharedColumns, Base):
    """A publication by HMICFRS (or a joint inspectorate)."""

    __tablename__ = "report"
    title: Mapped[str] = mapped_column(String(500))
    published_on: Mapped[date | None] = mapped_column(Date, index=True)
    scope: Mapped[str] = mapped_column(String(16))
    inspection_id: Mapped[str | None] = mapped_column(
        ForeignKey("inspection.id", ondelete="SET NULL"), index=True
    )
    summary: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str] = mapped_column(String(200), default="")
    url: Mapped[str] = mapped_column(String(1000), default="")
    response_published_on: Mapped[date | None] = mapped_column(Date)


class GradingRecord(SharedColumns, Base):
    """A graded judgement in a report (area → grade)."""

    __tablename__ = "grading"
    report_id: Mapped[str] = mapped_column(ForeignKey("report.id"), index=True)
    area: Mapped[str] = mapped_column(String(300))
    grade: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer, default=0)


class FindingRecord(SharedColumns, Base):
    """A Cause of Concern, Recommendation or Area for Improvement."""

    __tablename__ = "finding"
    __table_args__ = (
        CheckConstraint("level IS NULL OR (level BETWEEN 0 AND 4)", name="level_range"),
        Index("ix_finding_kind_level_status", "kind", "level", "status"),
    )
    report_id: Mapped[str] = mapped_column(ForeignKey("report.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    addressee: Mapped[str] = mapped_column(String(300), default="")
    applies_to_force: Mapped[bool] = mapped_column(Boolean, default=True)
    not_applicable_reason: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("finding.id", ondelete="SET NULL"), index=True
    )
    level: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(24), index=True)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    due_immediate: Mapped[bool] = mapped_column(Boolean, default=False)
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    department: Mapped[str] = mapped_column(String(200), default="")
    chief_officer_lead: Mapped[str] = mapped_column(String(200), default="")
    rag: Mapped[str | None] = mapped_column(String(8))
    cc_letter_ref: Mapped[str] = mapped_column(String(200), default="")
    cc_letter_on: Mapped[date | None] = mapped_column(Date)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by: Mapped[str | None] = mapped_column(String(16))


class ProgressUpdateRecord(SharedColumns, Base):
    """A dated, authored progress note on a finding. Never overwritten."""

    __tablename__ = "progress_update"
    finding_id: Mapped[str] = mapped_column(ForeignKey("finding.id"), index=True)
    written_on: Mapped[date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)


class MeetingRecord(SharedColumns, Base):
    """A committee meeting that receives the HMICFRS Update paper."""

    __tablename__ = "meeting"
    meets_on: Mapped[date] = mapped_column(Date, index=True)
    committee: Mapped[str] = mapped_column(String(200))
    agenda_item: Mapped[str] = mapped_column(String(20), default="")
    # The officer's words for this meeting's paper, by section key (JSON object).
    narrative: Mapped[str] = mapped_column(Text, default="{}")
    # Set when the officer overrides the automatically found previous meeting.
    previous_meeting_id: Mapped[str | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL")
    )


class BlobRecord(Base):
    """File content, stored once by its SHA-256 (evidence, archived papers)."""

    __tablename__ = "blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AttachmentRecord(SharedColumns, Base):
    """Evidence attached to a finding (a CC letter, a policy…); the content lives in blob."""

    __tablename__ = "attachment"
    finding_id: Mapped[str] = mapped_column(ForeignKey("finding.id"), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")


class PaperRecord(SharedColumns, Base):
    """A committee paper as produced: the file and the figures it showed, kept for good."""

    __tablename__ = "paper"
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    format: Mapped[str] = mapped_column(String(8))
    filename: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"))
    figures: Mapped[str] = mapped_column(Text, default="{}")
    produced_by: Mapped[str] = mapped_column(String(200), default="")


class FindingStateRecord(Base):
    """When each finding was in each counting state (kind, level, status, applies, deleted).

    A projection of the change log kept by triggers on ``finding`` (see the first migration),
    so that figures as at any date are one grouped scan, whoever wrote the finding.
    """

    __tablename__ = "finding_state"
    # Covering indexes: as-at lookups never touch the table itself.
    __table_args__ = (
        Index(
            "ix_finding_state_finding",
            "finding_id",
            "valid_from",
            "valid_to",
            "kind",
            "level",
            "status",
            "applies_to_force",
            "deleted",
        ),
        Index("ix_finding_state_status", "status", "valid_from", "finding_id"),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    finding_id: Mapped[str] = mapped_column(String(36))
    valid_from: Mapped[datetime] = mapped_column(DateTime)
    valid_to: Mapped[datetime | None] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(16))
    level: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(24))
    applies_to_force: Mapped[bool] = mapped_column(Boolean)
    deleted: Mapped[bool] = mapped_column(Boolean)


class ChangeRecord(Base):
    """One entry of the append-only change log: who changed which field of what, when."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_entity_at", "entity", "at"),
        Index("ix_change_log_entity_id", "entity_id", "seq"),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(16))
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")


class FindingRegisterRecord(Base):
    """A narrow copy of what the findings register filters and sorts on, one row per finding.

    Kept by triggers on ``finding`` and ``progress_update`` (db/triggers.py), so a register
    query scans 50,000 short rows instead of 50,000 findings with their full text. ``doc`` is
    also the row id of the finding in the full-text index (db/search.py).
    """

    __tablename__ = "finding_register"
    # The register's default order (newest report first, then published order) read straight
    # from an index: the first page of any filter costs almost nothing.
    __table_args__ = (
        Index(
            "ix_finding_register_default_order",
            "deleted",
            "report_rank",
            "report_id",
            "kind_rank",
            "reference_key",
            "doc",
        ),
        # The triggers copying a person's name or a report's date find rows by these.
        Index("ix_finding_register_owner_id", "owner_id"),
        Index("ix_finding_register_report_id", "report_id"),
    )
    doc: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[str] = mapped_column(String(36), unique=True)
    # 0 live, 1 deleted (recoverable), 2 removed from the database (until the index catches up)
    deleted: Mapped[int] = mapped_column(Integer, default=0)
    report_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(16))
    kind_rank: Mapped[int] = mapped_column(Integer)  # published order: CoC 0, Rec 1, AFI 2
    level: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(24))
    rag: Mapped[str | None] = mapped_column(String(8))
    applies_to_force: Mapped[bool] = mapped_column(Boolean)
    due_on: Mapped[date | None] = mapped_column(Date)
    due_immediate: Mapped[bool] = mapped_column(Boolean)
    owner_id: Mapped[str | None] = mapped_column(String(36))
    department: Mapped[str] = mapped_column(String(200))
    chief_officer_lead: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str] = mapped_column(String(200))
    # The reference with its trailing number zero-padded ("Recommendation 0000000002"), so
    # that "Recommendation 2" sorts before "Recommendation 10".
    reference_key: Mapped[str] = mapped_column(String(220))
    addressee: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_update_on: Mapped[date | None] = mapped_column(Date)
    # Copied from the owner and the report, so sorting by them needs no join.
    owner_name: Mapped[str] = mapped_column(String(200))
    report_published_on: Mapped[date | None] = mapped_column(Date)
    # -YYYYMMDD of the report's publication (unpublished last): ascending is newest first.
    report_rank: Mapped[int] = mapped_column(Integer)


class SearchQueueRecord(Base):
    """Findings whose searchable words changed since the full-text index was last updated."""

    __tablename__ = "search_queue"
    finding_id: Mapped[str] = mapped_column(String(36), primary_key=True)
