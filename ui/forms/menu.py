"""The menu actions for forms: File → New…, Edit → Undo, Recently deleted, Your name."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from app.services.undo import UndoHistory
from ui.forms import launch
from ui.identity import change_name


def install_form_actions(window: Any) -> None:
    """Add the form actions to a MainWindow's File and Edit menus (``file_menu``/``edit_menu``).

    The window gains ``undo_history``, ``undo_action`` and ``update_undo_action()``.
    """
    ws = window.ws
    window.undo_history = UndoHistory()

    new_actions = [
        _action(
            window,
            window.tr("New &report…"),
            "Ctrl+Shift+R",
            lambda: launch.open_report_form(window, ws),
        ),
        _action(
            window,
            window.tr("New &finding…"),
            QKeySequence.StandardKey.New,
            lambda: launch.open_finding_form(window, ws, None, report_id=_current_report(window)),
        ),
        _action(
            window,
            window.tr("Add findings from &text…"),
            "Ctrl+Shift+V",
            lambda: launch.open_paste_findings(window, ws, _current_report(window)),
        ),
        _action(
            window,
            window.tr("New &inspection…"),
            "Ctrl+Shift+I",
            lambda: launch.open_inspection_form(window, ws),
        ),
        _action(
            window,
            window.tr("New &meeting…"),
            "Ctrl+Shift+M",
            lambda: launch.open_meeting_form(window, ws),
        ),
    ]
    first = window.file_menu.actions()[0] if window.file_menu.actions() else None
    window.file_menu.insertActions(first, new_actions)
    window.file_menu.insertSeparator(first)
    window.new_actions = new_actions

    undo = _action(
        window,
        window.tr("&Undo"),
        QKeySequence.StandardKey.Undo,
        lambda: launch.undo_last(window, ws),
    )
    deleted = _action(
        window,
        window.tr("Recently &deleted…"),
        "",
        lambda: launch.open_recently_deleted(window, ws),
    )
    name = _action(window, window.tr("Your &name…"), "", lambda: _change_name(window))
    first_edit = window.edit_menu.actions()[0] if window.edit_menu.actions() else None
    window.edit_menu.insertActions(first_edit, [undo])
    window.edit_menu.insertSeparator(first_edit)
    window.edit_menu.addSeparator()
    window.edit_menu.addActions([deleted, name])
    window.undo_action = undo
    window.recently_deleted_action = deleted
    window.your_name_action = name

    def update_undo_action() -> None:
        step = window.undo_history.peek()
        undo.setEnabled(step is not None)
        undo.setText(
            window.tr("&Undo {what}").format(what=step.description) if step else window.tr("&Undo")
        )

    window.update_undo_action = update_undo_action
    update_undo_action()


def _action(window: QMainWindow, text: str, keys: Any, slot: Any) -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _current_report(window: Any) -> str | None:
    """The report the current page has selected, when it says (``selected_report_id()``)."""
    page = window.current_page() if hasattr(window, "current_page") else None
    getter = getattr(page, "selected_report_id", None)
    return getter() if callable(getter) else None


def _change_name(window: Any) -> None:
    if change_name(window, window.ws):
        window.statusBar().showMessage(
            window.tr("Changes are now recorded as made by {name}.").format(name=window.ws.actor),
            6000,
        )
