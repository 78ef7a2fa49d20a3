"""The inspection calendar: every date that matters, as plain events, and as iCalendar."""
