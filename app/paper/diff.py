"""What changed between two papers for the same meeting, from the figures each one showed."""

from __future__ import annotations

from typing import Any

from app.paper.wording import signed


def figures_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Lines a person reads: "Recommendation Level 2, open: 55 → 53 (−2)"; empty when the two
    papers show the same figures."""
    lines: list[str] = []
    if old.get("previous_meeting") != new.get("previous_meeting"):
        lines.append(
            f"Previous meeting: {old.get('previous_meeting') or 'none'} → "
            f"{new.get('previous_meeting') or 'none'}"
        )
    lines += _table(old.get("summary", []), new.get("summary", []), ("open", "closed", "total"))
    lines += _pair(
        "Total", old.get("summary_total"), new.get("summary_total"), ("open", "closed", "total")
    )
    lines += _table(old.get("submissions", []), new.get("submissions", []), ("count",), "submitted")
    lines += _pair(
        "Total submitted", old.get("submissions_total"), new.get("submissions_total"), ("count",)
    )
    lines += _pair(
        "RAG", old.get("rag") or {}, new.get("rag") or {}, ("red", "amber", "green", "unrated")
    )
    lines += _listed("Report", old.get("reports", []), new.get("reports", []))
    lines += _report_findings(old.get("reports", []), new.get("reports", []))
    lines += _listed("Activity hosted", old.get("activity", []), new.get("activity", []))
    lines += _listed("Forthcoming activity", old.get("forthcoming", []), new.get("forthcoming", []))
    if old.get("monitoring_stage") != new.get("monitoring_stage"):
        lines.append(
            f"Monitoring stage: {old.get('monitoring_stage') or 'not recorded'} → "
            f"{new.get('monitoring_stage') or 'not recorded'}"
        )
    return lines


def _table(
    old: list[dict[str, Any]], new: list[dict[str, Any]], keys: tuple[str, ...], word: str = ""
) -> list[str]:
    before = {row["row"]: row for row in old}
    after = {row["row"]: row for row in new}
    lines = []
    for name in list(after) + [n for n in before if n not in after]:
        label = f"{name} {word}".strip()
        lines += _pair(label, before.get(name, {}), after.get(name, {}), keys)
    return lines


def _pair(
    label: str, old: dict[str, Any] | None, new: dict[str, Any] | None, keys: tuple[str, ...]
) -> list[str]:
    old, new = old or {}, new or {}
    lines = []
    for key in keys:
        a, b = old.get(key) or 0, new.get(key) or 0
        if a != b:
            suffix = "" if len(keys) == 1 else f", {key}"
            lines.append(f"{label}{suffix}: {a} → {b} ({signed(b - a)})")
    return lines


def _listed(label: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    before = [item["title"] for item in old]
    after = [item["title"] for item in new]
    lines = [f"{label} added: {t}" for t in after if t not in before]
    lines += [f"{label} no longer shown: {t}" for t in before if t not in after]
    return lines


def _report_findings(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    before = {r["title"]: r for r in old}
    lines = []
    for report in new:
        was = before.get(report["title"])
        if was is None:
            continue
        added = [f for f in report["findings"] if f not in was["findings"]]
        gone = [f for f in was["findings"] if f not in report["findings"]]
        if added:
            lines.append(f"{report['title']}: now also shows {', '.join(added)}")
        if gone:
            lines.append(f"{report['title']}: no longer shows {', '.join(gone)}")
    return lines
