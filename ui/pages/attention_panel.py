"""The Overview's "needs attention" counts; each opens the register listing what it counts."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCommandLinkButton, QGroupBox, QLabel, QVBoxLayout, QWidget

from app.services.attention import AttentionItem, AttentionService
from app.workspace import Workspace


class AttentionPanel(QGroupBox):
    """Overdue, due soon, no recent update, forthcoming inspections, PCC responses due."""

    sig_item_activated = Signal(object)  # the AttentionItem

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Needs attention today"))
        self.setObjectName("attentionPanel")
        self.service = AttentionService(ws)
        self.buttons: dict[str, QCommandLinkButton] = {}
        self._items: dict[str, AttentionItem] = {}
        layout = QVBoxLayout(self)
        self.date_label = QLabel()
        layout.addWidget(self.date_label)
        for key in ("overdue", "due_soon", "stale", "forthcoming", "pcc_responses"):
            button = QCommandLinkButton()
            button.setObjectName(f"attention_{key}")
            button.clicked.connect(lambda _c=False, k=key: self._on_button_clicked(k))
            self.buttons[key] = button
            layout.addWidget(button)
        layout.addStretch(1)

    def refresh(self, today_text: str) -> None:
        """Count everything again."""
        self.date_label.setText(
            self.tr("As at {day}; each number opens the list.").format(day=today_text)
        )
        for item in self.service.items():
            self._items[item.key] = item
            button = self.buttons[item.key]
            button.setText(f"{item.count:,}  {self.tr(item.label)}")
            button.setDescription(self.tr(item.description))
            button.setAccessibleName(f"{item.count} {self.tr(item.label)}")
            button.setAccessibleDescription(self.tr("Opens the register with this filter"))

    def count(self, key: str) -> int:
        return self._items[key].count

    def _on_button_clicked(self, key: str) -> None:
        if key in self._items:
            self.sig_item_activated.emit(self._items[key])
