"""The windows: PySide6 lives here and only here."""
