"""The import wizard: File → Import from Excel."""
