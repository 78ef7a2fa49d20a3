"""Helpers for driving modal dialogs and message boxes without blocking."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


class ModalDriver:
    """Runs a handler on the next modal dialog, as a person would act on it."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.seen: list[QWidget] = []

    def next(
        self, handler: Callable[[Any], None], kind: type = QWidget, *, tries: int = 300
    ) -> None:
        """Call ``handler`` with the next modal dialog of type ``kind`` once it is open."""

        def check(left: int = tries) -> None:
            widget = QApplication.activeModalWidget()
            if widget is None or widget in self.seen or not isinstance(widget, kind):
                if left:
                    QTimer.singleShot(10, lambda: check(left - 1))
                return
            self.seen.append(widget)
            try:
                handler(widget)
            except BaseException as exc:  # close it, so the test fails instead of hanging
                self.errors.append(exc)
                widget.close()

        QTimer.singleShot(0, check)

    def raise_errors(self) -> None:
        if self.errors:
            raise self.errors[0]


@pytest.fixture
def modal(qtbot) -> Iterator[ModalDriver]:  # type: ignore[no-untyped-def]
    driver = ModalDriver()
    yield driver
    driver.raise_errors()


class Boxes:
    """Message boxes answered without showing them; what they said is kept."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def _record(self, kind: str) -> Callable[..., Any]:
        def box(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            self.shown.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return box


@pytest.fixture
def boxes(monkeypatch) -> Boxes:  # type: ignore[no-untyped-def]
    recorder = Boxes()
    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder._record(kind)))
    return recorder
