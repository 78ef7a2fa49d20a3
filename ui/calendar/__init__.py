"""The calendar's widgets: the month view, the agenda, their style and dialogs."""
