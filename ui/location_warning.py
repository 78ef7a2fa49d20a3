"""Warn when the live database sits on a network share or in a synced folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from app import paths
from app.data_location import LocationRisk, RiskKind, current_location_risk

SETTINGS_FILE = "liaison-desk.ini"
DISMISSED_KEY = "warnings/location_dismissed_for"


def _tr(text: str) -> str:
    return QCoreApplication.translate("LocationWarning", text)


def _settings(folder: Path) -> QSettings:
    return QSettings(str(folder / SETTINGS_FILE), QSettings.Format.IniFormat)


def warning_text(risk: LocationRisk) -> tuple[str, str]:
    """(headline, explanation) for a risky data folder."""
    if risk.kind is RiskKind.NETWORK:
        headline = _tr("Your Liaison Desk data is on {where}.").format(where=risk.service)
        why = _tr(
            "The database can be damaged if the connection drops while Liaison Desk is "
            "saving, and two computers opening it at once can overwrite each other's work."
        )
    else:
        headline = _tr("Your Liaison Desk data is in a {service} folder.").format(
            service=risk.service
        )
        why = _tr(
            "{service} copies the database file while Liaison Desk is writing to it, which "
            "can damage it or bring back an older copy and lose recent work."
        ).format(service=risk.service)
    advice = _tr(
        "Keep the data folder on this computer (the usual place is {default}) and hand work "
        "over with a snapshot file instead."
    ).format(default=paths.default_data_dir())
    return headline, f"{why}\n\n{advice}\n\n{_tr('Data folder:')} {risk.path}"


def warning_box(parent: QWidget | None, risk: LocationRisk) -> QMessageBox:
    """The warning, with "Don't warn me again about this folder"."""
    headline, details = warning_text(risk)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Data folder location"))
    box.setText(headline)
    box.setInformativeText(details)
    # Parented to the box, so that Qt (not Python's garbage collector) owns it.
    box.setCheckBox(QCheckBox(_tr("&Don't warn me again about this folder"), box))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def warn_if_risky_location(parent: QWidget | None, folder: Path) -> LocationRisk | None:
    """Show the warning unless the folder is local or the warning was dismissed for it."""
    risk = current_location_risk(folder)
    if risk is None:
        return None
    settings = _settings(folder)
    if settings.value(DISMISSED_KEY, "") == risk.path:
        return risk
    box = warning_box(parent, risk)
    box.exec()
    if box.checkBox().isChecked():
        settings.setValue(DISMISSED_KEY, risk.path)
        settings.sync()
    return risk
