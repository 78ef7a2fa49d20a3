"""Create or change an inspection activity."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from app.domain.enums import InspectionStatus, InspectionType
from app.domain.values import Inspection
from app.services.checks import problems_for
from app.services.lookups import LookupService
from app.workspace import Workspace
from ui.forms.base import FormDialog
from ui.forms.fields import DateField, combo_with

DATES = ("fieldwork_start", "fieldwork_end", "hot_debrief_on", "expected_publication_on")


class InspectionDialog(FormDialog):
    """Type, title, status, partners, fieldwork dates, hot debrief, publication, lead, notes."""

    def __init__(
        self,
        ws: Workspace,
        inspection_id: str | None = None,
        parent: QWidget | None = None,
        *,
        start: date | None = None,
    ) -> None:
        self.ws = ws
        self.before = ws.inspections.get(inspection_id) if inspection_id else None
        super().__init__(
            self.tr("Edit inspection") if self.before else self.tr("New inspection"), parent
        )
        self.saved: Inspection | None = None
        value = self.before or Inspection(
            InspectionType.PEEL, "", fieldwork_start=start, fieldwork_end=start
        )
        self.type_combo = self.add_field(
            "type",
            self.tr("&Type"),
            combo_with([(t, self.tr(t.label)) for t in InspectionType], value.type),
        )
        self.title_edit = self.add_field("title", self.tr("T&itle"), QLineEdit(value.title))  # type: ignore[assignment]
        self.title_edit.setMinimumWidth(420)
        self.status_combo = self.add_field(
            "status",
            self.tr("&Status"),
            combo_with([(s, self.tr(s.label)) for s in InspectionStatus], value.status),
        )
        self.partners_edit = self.add_field(
            "partners", self.tr("&Partner inspectorates"), QLineEdit("; ".join(value.partners))
        )
        self.partners_edit.setPlaceholderText(self.tr("e.g. CQC; HMIP (separate with ;)"))
        labels = {
            "fieldwork_start": self.tr("Fieldwork &starts"),
            "fieldwork_end": self.tr("Fieldwork &ends"),
            "hot_debrief_on": self.tr("&Hot debrief"),
            "expected_publication_on": self.tr("Expected p&ublication"),
        }
        for name in DATES:
            self.add_field(name, labels[name], DateField(getattr(value, name)))
        people = LookupService(ws.ctx).people()
        self.lead_combo = self.add_field(
            "force_lead_id",
            self.tr("Force &lead"),
            combo_with(
                [(None, self.tr("— none —")), *((p.id, p.label) for p in people)],
                value.force_lead_id,
            ),
        )
        self.notes_edit = self.add_field("notes", self.tr("&Notes"), QPlainTextEdit(value.notes))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(90)
        self.finish_layout()

    def save(self) -> bool:
        dates, problems = self.read_dates(*DATES)
        partners = tuple(p.strip() for p in self.partners_edit.text().split(";") if p.strip())
        value = Inspection(
            type=self.type_combo.value(),
            title=self.title_edit.text().strip(),
            status=self.status_combo.value(),
            partners=partners,
            force_lead_id=self.lead_combo.value(),
            notes=self.notes_edit.toPlainText().strip(),
            **dates,  # type: ignore[arg-type]
        )
        if problems:  # show what else is wrong too, not one problem at a time
            self.show_problems({**problems_for(self.ws.inspections, value), **problems})
            return False
        if self.before is None:
            self.saved = self.ws.inspections.create(value)
        else:
            self.saved = self.ws.inspections.update(replace(value, id=self.before.id))
        return True
