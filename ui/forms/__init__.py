"""Dialogs that create and change records: forms, lifecycle, evidence, bulk edit, deletion."""
