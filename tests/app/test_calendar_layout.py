"""Month grids start on Mondays; bars keep one lane across a week; full days say "+N more"."""

from __future__ import annotations

from datetime import date

from app.calendar.events import CalendarEvent, EventType
from app.calendar.layout import add_months, day_overflow, month_grid, place_week


def _event(title, start, end=None, etype=EventType.FINDING_DUE):
    return CalendarEvent(f"{etype}:{title}", etype, title, start, end or start, "x", title)


def test_month_grid_is_six_weeks_from_the_monday_before_the_first():
    grid = month_grid(2024, 6)  # 1 June 2024 is a Saturday
    assert grid[0] == date(2024, 5, 27) and grid[0].weekday() == 0
    assert grid[-1] == date(2024, 7, 7) and len(grid) == 42
    assert month_grid(2024, 4)[0] == date(2024, 4, 1)  # a month starting on a Monday


def test_add_months_clamps_to_shorter_months():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2023, 12, 15), 1) == date(2024, 1, 15)
    assert add_months(date(2024, 1, 15), -1) == date(2023, 12, 15)


def test_a_bar_keeps_its_lane_and_continues_into_the_next_week():
    week = date(2024, 3, 25)  # Monday; fieldwork runs over the month end into April
    fieldwork = _event("PEEL", date(2024, 3, 27), date(2024, 4, 2), EventType.FIELDWORK)
    single = _event("Rec 1", date(2024, 3, 28))
    placed = {p.event.title: p for p in place_week([single, fieldwork], week)}
    assert placed["PEEL"].lane == 0  # multi-day items first, whatever the input order
    assert (placed["PEEL"].first_col, placed["PEEL"].last_col) == (2, 6)
    assert placed["PEEL"].continues_after and not placed["PEEL"].continues_before
    assert placed["Rec 1"].lane == 1
    (next_week,) = place_week([fieldwork, single], date(2024, 4, 1))
    assert (next_week.first_col, next_week.last_col) == (0, 1)
    assert next_week.continues_before and not next_week.continues_after


def test_single_day_items_fill_free_lanes():
    week = date(2024, 6, 3)
    bar = _event("Fieldwork", date(2024, 6, 4), date(2024, 6, 5), EventType.FIELDWORK)
    monday = _event("Monday item", date(2024, 6, 3))
    placed = {p.event.title: p.lane for p in place_week([bar, monday], week)}
    assert placed == {"Fieldwork": 0, "Monday item": 0}


def test_a_full_day_hides_the_rest_behind_more():
    week = date(2024, 6, 24)
    items = [_event(f"Rec {n}", date(2024, 6, 28)) for n in range(5)]
    placed = place_week(items, week)
    friday = day_overflow(placed, 4, capacity=3)
    assert friday.visible_lanes == 2
    assert [e.title for e in friday.hidden] == ["Rec 2", "Rec 3", "Rec 4"]
    assert day_overflow(placed, 4, capacity=5).hidden == ()
    assert day_overflow(placed, 0, capacity=3).hidden == ()
