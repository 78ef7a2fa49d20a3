"""Create or change a committee meeting (the paper's narrative is written elsewhere)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.domain.values import Meeting
from app.services.checks import problems_for
from app.services.lookups import LookupService
from app.workspace import Workspace
from ui.forms.base import FormDialog
from ui.forms.fields import DateField, combo_with


class MeetingDialog(FormDialog):
    """Date, committee, agenda item, and which meeting the paper reports "since"."""

    def __init__(
        self, ws: Workspace, meeting_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        self.ws = ws
        self.before = ws.meetings.get(meeting_id) if meeting_id else None
        super().__init__(
            self.tr("Edit committee meeting") if self.before else self.tr("New committee meeting"),
            parent,
        )
        self.saved: Meeting | None = None
        lookups = LookupService(ws.ctx)
        committee = self.before.committee if self.before else ws.settings.get().committee_name
        self.date_field = self.add_field(
            "meets_on",
            self.tr("Meeting &date"),
            DateField(self.before.meets_on if self.before else None),
        )
        self.committee_combo = self.add_field("committee", self.tr("&Committee"), QComboBox())
        self.committee_combo.setEditable(True)
        self.committee_combo.addItems(sorted({committee, *lookups.committees()} - {""}))
        self.committee_combo.setCurrentText(committee)
        self.committee_combo.setMinimumWidth(360)
        self.agenda_edit = self.add_field(
            "agenda_item",
            self.tr("&Agenda item"),
            QLineEdit(self.before.agenda_item if self.before else ""),
        )
        self.agenda_edit.setPlaceholderText(self.tr("e.g. 06"))
        self.agenda_edit.setMaxLength(20)
        others = [m for m in lookups.meetings() if not self.before or m.id != self.before.id]
        self.previous_combo = self.add_field(
            "previous_meeting_id",
            self.tr("Reports since &meeting"),
            combo_with(
                [
                    (None, self.tr("Automatic: this committee's meeting before it")),
                    *((m.id, m.label) for m in others),
                ],
                self.before.previous_meeting_id if self.before else None,
            ),
        )
        self.finish_layout()

    def save(self) -> bool:
        dates, problems = self.read_dates("meets_on")
        if dates.get("meets_on") is None and not problems:
            problems["meets_on"] = self.tr("enter the date of the meeting")
        value = Meeting(
            meets_on=dates.get("meets_on"),  # type: ignore[arg-type]
            committee=self.committee_combo.currentText().strip(),
            agenda_item=self.agenda_edit.text().strip(),
            previous_meeting_id=self.previous_combo.value(),
        )
        if problems:  # show what else is wrong too, not one problem at a time
            self.show_problems({**problems_for(self.ws.meetings, value), **problems})
            return False
        if self.before is None:
            self.saved = self.ws.meetings.create(value)
        else:
            # The narrative belongs to the paper; keep whatever the officer wrote there.
            self.saved = self.ws.meetings.update(
                replace(value, id=self.before.id, narrative=self.before.narrative)
            )
        return True
