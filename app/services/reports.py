"""Reports and their graded judgements."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain.enums import Grade, ReportScope
from app.domain.errors import InvalidValues
from app.domain.values import Grading, Report
from app.services.codec import Codec
from app.services.context import new_id
from app.services.entity import EntityService
from db.records import GradingRecord, ReportRecord


class ReportService(EntityService[Report]):
    """Publications by HMICFRS and partner inspectorates."""

    entity = "report"
    record_type = ReportRecord
    codec = Codec(
        Report,
        enums={"scope": ReportScope},
        skip=frozenset({"gradings"}),
    )

    def _validate(self, session: Session, value: Report, before: Report | None, note: str) -> None:
        problems = {}
        if not value.title.strip():
            problems["title"] = "enter the report's title"
        published, responded = value.published_on, value.response_published_on
        if published and responded and responded < published:
            problems["response_published_on"] = "the response is dated before the report"
        if any(not g.area.strip() for g in value.gradings):
            problems["gradings"] = "every grading needs an area"
        if problems:
            raise InvalidValues(problems)

    def _to_value(self, session: Session, record: Any) -> Report:
        rows = session.scalars(
            select(GradingRecord)
            .where(GradingRecord.report_id == record.id)
            .order_by(GradingRecord.position)
        )
        gradings = tuple(Grading(row.area, Grade(row.grade)) for row in rows)
        return self.codec.to_value(record, gradings=gradings)

    def _extra_changes(
        self, session: Session, before: Report | None, value: Report
    ) -> dict[str, tuple[object, object]]:
        old = [] if before is None else _gradings_text(before.gradings)
        new = _gradings_text(value.gradings)
        return {} if old == new else {"gradings": (old or None, new or None)}

    def _after_write(self, session: Session, record: Any, value: Report) -> None:
        session.execute(delete(GradingRecord).where(GradingRecord.report_id == record.id))
        now = self.ctx.clock.now()
        session.add_all(
            GradingRecord(
                id=new_id(),
                report_id=record.id,
                area=g.area,
                grade=g.grade.value,
                position=i,
                created_at=now,
                updated_at=now,
            )
            for i, g in enumerate(value.gradings)
        )

    def _order(self) -> tuple[Any, ...]:
        return (ReportRecord.published_on, ReportRecord.title)


def _gradings_text(gradings: tuple[Grading, ...]) -> list[str]:
    return [f"{g.area}: {g.grade.label}" for g in gradings]
