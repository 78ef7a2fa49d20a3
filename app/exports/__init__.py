"""Taking data out: tables to Excel and CSV (and, later, other formats)."""
