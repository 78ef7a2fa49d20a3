"""Dates typed the British way."""

from __future__ import annotations

from datetime import date

import pytest

from app.date_input import parse_typed_date


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("27/06/2024", date(2024, 6, 27)),
        ("7/6/24", date(2024, 6, 7)),
        ("27.06.2024", date(2024, 6, 27)),
        ("27-6-2024", date(2024, 6, 27)),
        ("27 June 2024", date(2024, 6, 27)),
        ("27 jun 2024", date(2024, 6, 27)),
        ("1st Sept 2023", date(2023, 9, 1)),
        ("  31   July 2024 ", date(2024, 7, 31)),
        ("2024-06-27", date(2024, 6, 27)),
        ("", None),
        ("   ", None),
    ],
)
def test_typed_dates(typed, expected):
    assert parse_typed_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2024", "“31/02/2024” is not a real date"),
        ("06/27/2024", "“06/27/2024” is not a real date"),
        ("next Tuesday", "“next Tuesday” is not a date; write it like 27/06/2024 or 27 June 2024"),
        ("27 Juni 2024", "“27 Juni 2024” is not a date; write it like 27/06/2024 or 27 June 2024"),
    ],
)
def test_what_is_not_a_date_says_how_to_write_one(typed, message):
    with pytest.raises(ValueError) as refused:
        parse_typed_date(typed)
    assert str(refused.value) == message
