"""The committee paper ("HMICFRS Update"): one model from the data, drawn as PDF and Word."""

from app.paper.service import FORMATS, PaperError, PaperService, Produced

__all__ = ["FORMATS", "PaperError", "PaperService", "Produced"]
