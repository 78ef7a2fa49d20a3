"""Acting on the record chosen in the current page: open its form, add a progress update,
bulk edit, delete — from the Edit menu, the keyboard and the registers' context menus.

A page takes part by answering ``selected_record()`` with ``(entity, id)`` or None, and the
findings page also ``selected_finding_ids()``. The actions stay enabled so their shortcuts
always answer: with nothing chosen they say so in the status bar. While the Edit menu is
open they show what they would act on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from app.domain.errors import NotFound
from ui.forms import launch

Selection = tuple[str, str]  # (entity, record id)
FORMS = ("finding", "report", "inspection", "meeting")


class RecordActions(QObject):
    """Open, progress update, bulk edit and delete for whatever the current page has chosen."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.menu = menu
        self.open_action = self._action(self.tr("&Open selected…"), "Ctrl+O", self.open_selected)
        self.open_action.setStatusTip(self.tr("Open the chosen record's form (Enter in a list)"))
        self.progress_action = self._action(
            self.tr("Add progress &update…"), "Ctrl+U", self.add_progress_update
        )
        self.bulk_action = self._action(
            self.tr("&Bulk edit selected findings…"), "Ctrl+B", self.bulk_edit
        )
        self.bulk_action.setStatusTip(
            self.tr("Change owner, status, level, due date or RAG of every chosen finding")
        )
        self.delete_action = self._action(
            self.tr("&Delete selected…"), QKeySequence.StandardKey.Delete, self.delete_selected
        )
        self.actions = [
            self.open_action,
            self.progress_action,
            self.bulk_action,
            self.delete_action,
        ]
        menu.aboutToShow.connect(self._on_menu_about_to_show)
        menu.aboutToHide.connect(self._on_menu_about_to_hide)

    # --- what is chosen -------------------------------------------------------------------
    def selection(self) -> Selection | None:
        """The record the current page has chosen, if any."""
        getter = getattr(self._page(), "selected_record", None)
        return getter() if callable(getter) else None

    def selected_finding_ids(self) -> list[str]:
        getter = getattr(self._page(), "selected_finding_ids", None)
        return list(getter()) if callable(getter) else []

    # --- the actions ----------------------------------------------------------------------
    def open_selected(self) -> None:
        chosen = self.selection()
        if chosen is None:
            self._say(self.tr("Choose a finding, report, inspection or meeting first."))
            return
        self.open_record(*chosen)

    def open_record(self, entity: str, record_id: str) -> Any:
        """The form of one record (modal); returns what was saved, or None."""
        opener: dict[str, Callable[[QWidget, Any, str], Any]] = {
            "finding": launch.open_finding_form,
            "report": launch.open_report_form,
            "inspection": launch.open_inspection_form,
            "meeting": launch.open_meeting_form,
        }
        if entity not in opener:
            return None
        ws = self.window.ws  # type: ignore[attr-defined]
        try:
            return opener[entity](self.window, ws, record_id)
        except NotFound:
            self._gone(entity)
            return None

    def add_progress_update(self) -> None:
        chosen = self.selection()
        if chosen is None or chosen[0] != "finding":
            self._say(self.tr("Choose a finding first: progress updates belong to findings."))
            return
        ws = self.window.ws  # type: ignore[attr-defined]
        try:
            launch.open_progress_update(self.window, ws, chosen[1])
        except NotFound:
            self._gone("finding")

    def bulk_edit(self) -> None:
        ids = self.selected_finding_ids()
        if not ids:
            self._say(self.tr("Choose findings in the findings list first (Shift or Ctrl+click)."))
            return
        launch.open_bulk_edit(self.window, self.window.ws, ids)  # type: ignore[attr-defined]

    def delete_selected(self) -> None:
        ids = self.selected_finding_ids()
        if len(ids) > 1:
            QMessageBox.information(
                self.window,
                self.tr("Delete"),
                self.tr(
                    "{n} findings are chosen. Delete them one at a time, so each is confirmed; "
                    "to close or supersede many at once, use Bulk edit (Ctrl+B)."
                ).format(n=len(ids)),
            )
            return
        chosen = self.selection()
        if chosen is None:
            self._say(self.tr("Choose a finding, report, inspection or meeting first."))
            return
        ws = self.window.ws  # type: ignore[attr-defined]
        try:
            launch.delete_record(self.window, ws, *chosen)
        except NotFound:
            self._gone(chosen[0])

    # --- context menus --------------------------------------------------------------------
    def show_context_menu(self, widget: QWidget, point: QPoint, extra: list[QAction]) -> None:
        """The registers' right-click menu: the page's own actions, then these."""
        chosen = self.selection()
        if chosen is None:
            return
        menu = QMenu(widget)
        for action in extra:
            menu.addAction(action)
        if extra:
            menu.addSeparator()
        self._label_actions(chosen)
        menu.addAction(self.open_action)
        if chosen[0] == "finding":
            menu.addAction(self.progress_action)
            menu.addAction(self.bulk_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(widget.mapToGlobal(point))
        self._on_menu_about_to_hide()

    # --- internals ------------------------------------------------------------------------
    def _action(self, text: str, keys: Any, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _page(self) -> Any:
        current = getattr(self.window, "current_page", None)
        return current() if callable(current) else None

    def _on_menu_about_to_show(self) -> None:
        chosen = self.selection()
        self._label_actions(chosen)
        finding = chosen is not None and chosen[0] == "finding"
        self.open_action.setEnabled(chosen is not None and chosen[0] in FORMS)
        self.progress_action.setEnabled(finding)
        self.bulk_action.setEnabled(bool(self.selected_finding_ids()))
        self.delete_action.setEnabled(chosen is not None)

    def _on_menu_about_to_hide(self) -> None:
        for action in self.actions:  # shortcuts answer whatever is chosen when pressed
            action.setEnabled(True)
        self._label_actions(None)

    def _label_actions(self, chosen: Selection | None) -> None:
        noun = {
            "finding": self.tr("finding"),
            "report": self.tr("report"),
            "inspection": self.tr("inspection"),
            "meeting": self.tr("meeting"),
        }.get(chosen[0] if chosen else "", self.tr("selected"))
        self.open_action.setText(self.tr("&Open {noun}…").format(noun=noun))
        self.delete_action.setText(self.tr("&Delete {noun}…").format(noun=noun))
        n = len(self.selected_finding_ids()) if chosen else 0
        self.bulk_action.setText(
            self.tr("&Bulk edit {n} findings…").format(n=n)
            if n > 1
            else self.tr("&Bulk edit selected findings…")
        )

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)

    def _gone(self, entity: str) -> None:
        QMessageBox.information(
            self.window,
            self.tr("Not found"),
            self.tr("That {entity} no longer exists: it may have been deleted.").format(
                entity=entity
            ),
        )
        refresh = getattr(self.window, "refresh", None)
        if callable(refresh):
            refresh()
