"""The read-only finding panel: full text, the cause of concern it addresses, progress updates."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ClosedBy, Kind
from app.domain.errors import NotFound
from app.domain.values import Finding
from app.formatting import long_date
from app.services.finding_detail import FindingDetail, FindingDetailService
from app.workspace import Workspace


class FindingDetailPanel(QWidget):
    """Shows one finding; links to its cause of concern or its recommendations open those."""

    sig_closed = Signal()
    sig_open_requested = Signal(str)  # finding id: open its form

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingDetail")
        self.details = FindingDetailService(ws)
        self.finding_id: str | None = None
        self.title_label = QLabel(self.tr("Finding"))
        self.title_label.setObjectName("detailTitle")
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close the finding panel (Esc)"))
        close.setAccessibleName(self.tr("Close the finding panel"))
        close.clicked.connect(self.close_panel)
        self.open_button = QToolButton()
        self.open_button.setText(self.tr("&Open…"))
        self.open_button.setToolTip(self.tr("Open the finding's form to change it (Enter)"))
        self.open_button.clicked.connect(self._on_open_button_clicked)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.open_button)
        top.addWidget(close)
        self.browser = QTextBrowser()
        self.browser.setObjectName("detailBrowser")
        self.browser.setAccessibleName(self.tr("Finding details"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)

    def show_finding(self, finding_id: str) -> None:
        """Load and show a finding."""
        try:
            detail = self.details.get(finding_id)
        except NotFound:
            self.finding_id = None
            self.open_button.setEnabled(False)
            self.title_label.setText(self.tr("Finding"))
            self.browser.setHtml(self.tr("<p>This finding no longer exists.</p>"))
            return
        self.finding_id = finding_id
        self.open_button.setEnabled(True)
        self.title_label.setText(f"<b>{escape(detail.finding.reference)}</b>")
        self.browser.setHtml(self._html(detail))
        self.setVisible(True)

    def close_panel(self) -> None:
        self.setVisible(False)
        self.sig_closed.emit()

    def _on_open_button_clicked(self) -> None:
        if self.finding_id:
            self.sig_open_requested.emit(self.finding_id)

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "finding":
            self.show_finding(url.path())

    # --- content --------------------------------------------------------------------------
    def _html(self, d: FindingDetail) -> str:
        f = d.finding
        facts = [
            (self.tr("Kind"), f.kind.label),
            (self.tr("Level"), f.level.label if f.level is not None else self.tr("Not set")),
            (self.tr("Status"), f.status.label),
            (self.tr("RAG"), f.rag.label if f.rag else self.tr("None")),
            (self.tr("Report"), _report(d)),
            (self.tr("Owner"), _owner(d)),
            (self.tr("Chief officer lead"), f.chief_officer_lead),
            (self.tr("Due"), self._due(d)),
            (self.tr("Addressee"), f.addressee),
            (self.tr("Applies to the force"), self._applies(f)),
            (self.tr("CC letter"), _letter(f)),
            (self.tr("Submitted"), long_date(f.submitted_on)),
            (self.tr("Closed"), _closed(f)),
        ]
        rows = "".join(
            f"<tr><td style='padding-right:10px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
            for k, v in facts
            if v
        )
        parts = [
            f"<table cellspacing='2'>{rows}</table>",
            f"<h4>{self.tr('Text')}</h4>{_paragraphs(f.text)}",
        ]
        if d.parent is not None:
            parts.append(
                f"<h4>{self.tr('Addresses the cause of concern')}</h4>"
                f"<p><a href='finding:{d.parent.id}'>{escape(d.parent.reference)}</a></p>"
                f"{_paragraphs(d.parent.text)}"
            )
        if f.kind is Kind.COC:
            parts.append(f"<h4>{self.tr('Findings addressing it')}</h4>")
            parts.append(
                "<ul>"
                + "".join(
                    f"<li><a href='finding:{c.id}'>{escape(c.reference)}</a> — "
                    f"{escape(c.status.label)}</li>"
                    for c in d.children
                )
                + "</ul>"
                if d.children
                else f"<p>{self.tr('None recorded.')}</p>"
            )
        parts.append(f"<h4>{self.tr('Progress updates')}</h4>")
        if d.updates:
            parts += [
                f"<p><b>{escape(long_date(u.written_on))}</b> — {escape(u.author)}</p>"
                f"{_paragraphs(u.text)}"
                for u in d.updates
            ]
        else:
            parts.append(f"<p>{self.tr('No progress updates yet.')}</p>")
        return "".join(parts)

    def _due(self, d: FindingDetail) -> str:
        f = d.finding
        if f.due_on is None:
            return self.tr("Immediately") if f.due_immediate else ""
        if d.days_overdue:
            return self.tr("{date} — overdue by {n} days").format(
                date=long_date(f.due_on), n=d.days_overdue
            )
        return long_date(f.due_on)

    def _applies(self, f: Finding) -> str:
        if f.applies_to_force:
            return self.tr("Yes")
        reason = f.not_applicable_reason
        return self.tr("No — {reason}").format(reason=reason) if reason else self.tr("No")


def _report(d: FindingDetail) -> str:
    published = d.report.published_on
    return f"{d.report.title} ({long_date(published)})" if published else d.report.title


def _owner(d: FindingDetail) -> str:
    department = d.finding.department or (d.owner.department if d.owner else "")
    name = d.owner.name if d.owner else ""
    return " — ".join(p for p in (name, department) if p)


def _letter(f: Finding) -> str:
    return ", ".join(p for p in (f.cc_letter_ref, long_date(f.cc_letter_on)) if p)


def _closed(f: Finding) -> str:
    if f.closed_on is None:
        return ""
    by = {ClosedBy.FORCE: " by the force", ClosedBy.HMICFRS: " by HMICFRS"}.get(f.closed_by, "")  # type: ignore[arg-type]
    return f"{long_date(f.closed_on)}{by}"


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return "".join(f"<p>{escape(b).replace(chr(10), '<br>')}</p>" for b in blocks)
