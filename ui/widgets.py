"""Small shared widget helpers: British date editors, the locale they use."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget

# Dates are shown the British way whatever the process locale is.
BRITISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def british_date_edit(day: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A date editor showing "27 June 2024", with a calendar popup."""
    edit = QDateEdit(parent)
    edit.setLocale(BRITISH)
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setCalendarPopup(True)
    if day is not None:
        edit.setDate(to_qdate(day))
    return edit


def to_qdate(day: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)
