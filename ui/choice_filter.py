"""A filter button opening a checkable list ("Level: L2, L3"); long lists get a search box."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

SEARCH_FROM = 10  # choices before the list gets a search box
POSITION = Qt.ItemDataRole.UserRole  # index into _values: Qt would turn enums into str/int


class ChoiceFilterButton(QToolButton):
    """Pick any number of values; none picked means "any". Changes apply as they are made."""

    sig_changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAccessibleName(self.tr("Filter by {label}").format(label=label.lower()))
        self._labels: dict[Hashable, str] = {}
        self._values: list[Hashable] = []

        panel = QWidget()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Type to narrow the list"))
        self.search_edit.setAccessibleName(self.tr("Narrow the {label} list").format(label=label))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("{label} choices").format(label=label))
        self.list.itemClicked.connect(self._on_list_item_clicked)
        self.list.installEventFilter(self)
        self.search_edit.installEventFilter(self)
        clear = QPushButton(self.tr("Any {label}").format(label=label.lower()))
        clear.setAccessibleName(self.tr("Clear the {label} filter").format(label=label.lower()))
        clear.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(clear)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.menu = QMenu(self)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(panel)
        self.menu.addAction(action)
        self.menu.aboutToShow.connect(self._on_menu_about_to_show)
        self.setMenu(self.menu)
        self._update_text()

    # --- values ---------------------------------------------------------------------------
    def set_choices(self, choices: Iterable[tuple[Hashable, str]]) -> None:
        """Offer these (value, label) pairs; values still offered stay checked."""
        keep = self.checked()
        self.list.blockSignals(True)
        self.list.clear()
        self._labels = {}
        self._values = []
        for value, text in choices:
            item = QListWidgetItem(text, self.list)
            item.setData(POSITION, len(self._values))
            self._values.append(value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if value in keep else Qt.CheckState.Unchecked)
            self._labels[value] = text
        self.list.blockSignals(False)
        self.search_edit.setVisible(self.list.count() >= SEARCH_FROM)
        rows = min(max(self.list.count(), 1), 12)
        self.list.setFixedHeight(
            rows * self.list.sizeHintForRow(0) + 6 if self.list.count() else 40
        )
        self.list.setMinimumWidth(min(max(self.list.sizeHintForColumn(0) + 40, 200), 460))
        self._update_text()

    def checked(self) -> frozenset[Hashable]:
        """The values picked."""
        return frozenset(
            self._value(self.list.item(i))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        )

    def _value(self, item: QListWidgetItem) -> Hashable:
        return self._values[item.data(POSITION)]

    def set_checked(self, values: Iterable[Hashable]) -> None:
        """Pick exactly these values (without announcing a change)."""
        wanted = set(values)
        for i in range(self.list.count()):
            item = self.list.item(i)
            checked = self._value(item) in wanted
            state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self._update_text()

    def clear(self) -> None:
        """Back to "any"."""
        if self.checked():
            self.set_checked(())
            self.sig_changed.emit()

    def toggle(self, value: Hashable) -> None:
        """Pick or unpick one value, as a click does."""
        for i in range(self.list.count()):
            if self._value(self.list.item(i)) == value:
                self._toggle_item(self.list.item(i))
                return
        raise KeyError(value)

    # --- behaviour ------------------------------------------------------------------------
    def _toggle_item(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self._update_text()
        self.sig_changed.emit()

    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        self._toggle_item(item)

    def _on_search_edit_text_changed(self, text: str) -> None:
        needle = text.casefold().strip()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _on_menu_about_to_show(self) -> None:
        target = self.search_edit if self.search_edit.isVisible() else self.list
        QTimer.singleShot(0, target.setFocus)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.list and key in (
                Qt.Key.Key_Space,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                item = self.list.currentItem()
                if item is not None:
                    self._toggle_item(item)
                return True
            if watched is self.search_edit and key == Qt.Key.Key_Down:
                self.list.setFocus()
                return True
        return super().eventFilter(watched, event)

    def _update_text(self) -> None:
        picked = [self._labels[v] for v in self._ordered(self.checked())]
        if not picked:
            summary = self.tr("any")
        elif len(picked) == 1:
            summary = _elide(picked[0])
        else:
            summary = self.tr("{first} +{more}").format(
                first=_elide(picked[0], 18), more=len(picked) - 1
            )
        self.setText(f"{self.label}: {summary}")
        self.setToolTip(
            "\n".join(picked) if picked else self.tr("Any {label}").format(label=self.label.lower())
        )
        self.setAccessibleDescription(", ".join(picked) if picked else self.tr("any"))
        font = self.font()
        font.setBold(bool(picked))
        self.setFont(font)

    def _ordered(self, values: frozenset[Hashable]) -> list[Hashable]:
        return [v for v in self._labels if v in values]


def _elide(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
