"""The short lists forms choose from (reports, people, causes of concern…), one query each."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.domain.enums import Kind
from app.formatting import long_date
from app.services.context import ServiceContext
from db.records import (
    FindingRecord,
    InspectionRecord,
    MeetingRecord,
    PersonRecord,
    ReportRecord,
)


@dataclass(frozen=True, slots=True)
class Option:
    """One choice in a list: the id stored, the label shown."""

    id: str
    label: str


class LookupService:
    """Reads the choices a form offers; never writes."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def reports(self) -> list[Option]:
        """Live reports, newest first, labelled with their publication date."""
        with self.ctx.store.read() as session:
            rows = session.execute(
                select(ReportRecord.id, ReportRecord.title, ReportRecord.published_on)
                .where(ReportRecord.deleted_at.is_(None))
                .order_by(ReportRecord.published_on.desc(), ReportRecord.title)
            )
            return [
                Option(rid, f"{title} ({long_date(day)})" if day else title)
                for rid, title, day in rows
            ]

    def people(self) -> list[Option]:
        """Live people by name, with their title and department."""
        with self.ctx.store.read() as session:
            rows = session.execute(
                select(PersonRecord.id, PersonRecord.name, PersonRecord.department)
                .where(PersonRecord.deleted_at.is_(None))
                .order_by(PersonRecord.name)
            )
            return [Option(pid, f"{name} ({dept})" if dept else name) for pid, name, dept in rows]

    def inspections(self) -> list[Option]:
        """Live inspections, most recent fieldwork first."""
        with self.ctx.store.read() as session:
            rows = session.execute(
                select(
                    InspectionRecord.id, InspectionRecord.title, InspectionRecord.fieldwork_start
                )
                .where(InspectionRecord.deleted_at.is_(None))
                .order_by(InspectionRecord.fieldwork_start.desc(), InspectionRecord.title)
            )
            return [
                Option(iid, f"{title} ({long_date(day)})" if day else title)
                for iid, title, day in rows
            ]

    def meetings(self) -> list[Option]:
        """Live committee meetings, latest first."""
        with self.ctx.store.read() as session:
            rows = session.execute(
                select(MeetingRecord.id, MeetingRecord.committee, MeetingRecord.meets_on)
                .where(MeetingRecord.deleted_at.is_(None))
                .order_by(MeetingRecord.meets_on.desc())
            )
            return [Option(mid, f"{committee}, {long_date(day)}") for mid, committee, day in rows]

    def causes_of_concern(self, report_id: str | None = None) -> list[Option]:
        """Live causes of concern, the given report's first, then the rest by report."""
        with self.ctx.store.read() as session:
            rows = session.execute(
                select(
                    FindingRecord.id,
                    FindingRecord.reference,
                    FindingRecord.report_id,
                    ReportRecord.title,
                    ReportRecord.published_on,
                )
                .join(ReportRecord, ReportRecord.id == FindingRecord.report_id)
                .where(FindingRecord.kind == Kind.COC.value, FindingRecord.deleted_at.is_(None))
                .order_by(ReportRecord.published_on.desc(), FindingRecord.created_at)
            ).all()
        rows.sort(key=lambda row: row[2] != report_id)  # stable: keeps the date order
        return [Option(fid, f"{ref} — {title}") for fid, ref, _rid, title, _day in rows]

    def departments(self) -> list[str]:
        """Departments already used on findings and people, for completion."""
        return self._distinct(FindingRecord.department, PersonRecord.department)

    def chief_officer_leads(self) -> list[str]:
        """Chief officer leads already used on findings."""
        return self._distinct(FindingRecord.chief_officer_lead)

    def committees(self) -> list[str]:
        """Committee names already used on meetings."""
        return self._distinct(MeetingRecord.committee)

    def addressees(self) -> list[str]:
        """Addressees already used on findings."""
        return self._distinct(FindingRecord.addressee)

    def _distinct(self, *columns: object) -> list[str]:
        values: set[str] = set()
        with self.ctx.store.read() as session:
            for column in columns:
                values.update(v for v in session.scalars(select(column).distinct()) if v)  # type: ignore[call-overload]
        return sorted(values, key=str.casefold)
