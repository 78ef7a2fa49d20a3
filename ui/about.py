"""Help → About: the version, what it is built on, and every shipped component's licence."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.diagnostics import environment_versions
from app.licences import APP_LICENCE, Component, bundled_components
from ui.resources import app_icon_path


def versions() -> dict[str, str]:
    """Versions of the app and the parts it is built on (for About, crashes, diagnostics)."""
    found = environment_versions()
    found["Qt"] = qVersion()
    found["PySide6"] = PySide6.__version__
    found["Operating system"] = f"{platform.system()} {platform.release()} ({platform.machine()})"
    return found


class AboutDialog(QDialog):
    """Two tabs: About (version, versions, data folder) and Licences (every component)."""

    def __init__(self, parent: QWidget | None = None, data_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Liaison Desk"))
        self.setObjectName("aboutDialog")
        self.versions = versions()
        self.components: list[Component] = bundled_components()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._about_tab(data_folder), self.tr("&About"))
        self.tabs.addTab(self._licences_tab(), self.tr("&Licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(720, 560)

    # --- About ----------------------------------------------------------------------------
    def _about_tab(self, data_folder: Path | None) -> QWidget:
        page = QWidget()
        icon = QLabel()
        icon.setPixmap(QIcon(str(app_icon_path())).pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(
            self.tr("<h2>Liaison Desk</h2><p>Version {version}</p>").format(version=__version__)
        )
        blurb = QLabel(
            self.tr(
                "HMICFRS inspections, findings and the committee paper, for a force's liaison "
                "office. Liaison Desk works offline: your data stays on this computer."
            )
        )
        blurb.setWordWrap(True)
        grid = QGridLayout()
        rows = {k: v for k, v in self.versions.items() if k != "Liaison Desk"}
        if data_folder is not None:
            rows[self.tr("Data folder")] = str(data_folder)
        for row, (name, value) in enumerate(rows.items()):
            label = QLabel(name)
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(shown, row, 1)
        grid.setColumnStretch(1, 1)
        self.copy_button = QPushButton(self.tr("&Copy versions"))
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(blurb)
        text.addSpacing(8)
        text.addLayout(grid)
        text.addStretch(1)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addStretch(1)
        text.addLayout(copy_row)
        layout = QHBoxLayout(page)
        layout.addWidget(icon)
        layout.addLayout(text, 1)
        return page

    def versions_text(self) -> str:
        """The versions as plain text, for support."""
        return "".join(f"{k}: {v}\n" for k, v in self.versions.items())

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.versions_text())

    # --- Licences -------------------------------------------------------------------------
    def _licences_tab(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Liaison Desk is released under the {licence} licence. It is built on the free "
                "and open-source software below; choose one to read its licence."
            ).format(licence=APP_LICENCE)
        )
        intro.setWordWrap(True)
        self.licence_table = QTableWidget(len(self.components), 3)
        self.licence_table.setObjectName("licenceTable")
        self.licence_table.setAccessibleName(self.tr("Components and their licences"))
        self.licence_table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        self.licence_table.verticalHeader().setVisible(False)
        self.licence_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.licence_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.licence_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.licence_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.licence_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, component in enumerate(self.components):
            kind = {"font": self.tr("font"), "native": self.tr("library")}.get(component.kind)
            name = f"{component.name} ({kind})" if component.kind == "font" else component.name
            for column, value in enumerate((name, component.version, component.licence)):
                self.licence_table.setItem(row, column, QTableWidgetItem(value))
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        self.licence_text.setObjectName("licenceText")
        self.licence_text.setAccessibleName(self.tr("Licence text"))
        self.licence_table.currentCellChanged.connect(self._on_licence_table_current_cell_changed)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.licence_table)
        splitter.addWidget(self.licence_text)
        splitter.setSizes([220, 260])
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        if self.components:
            self.licence_table.setCurrentCell(0, 0)
        return page

    def show_component(self, name: str) -> str:
        """Select a component by name; returns the licence text shown."""
        for row, component in enumerate(self.components):
            if component.name == name:
                self.tabs.setCurrentIndex(1)
                self.licence_table.setCurrentCell(row, 0)
                return self.licence_text.toPlainText()
        raise KeyError(name)

    def _on_licence_table_current_cell_changed(self, row: int, *_: int) -> None:
        if not 0 <= row < len(self.components):
            return
        component = self.components[row]
        parts = [f"{component.name} {component.version}".strip(), component.licence]
        if component.url:
            parts.append(component.url)
        for text in component.texts:
            parts.append(f"\n──── {text.source} ────\n\n{text.text.strip()}")
        if not component.texts:
            parts.append(self.tr("\nThe full licence text is published at the address above."))
        self.licence_text.setPlainText("\n".join(parts))


def show_about(parent: QWidget) -> None:
    """Help → About Liaison Desk."""
    ws = getattr(parent, "ws", None)
    dialog = AboutDialog(parent, getattr(ws, "folder", None))
    dialog.exec()
