"""Time, as the services see it: injectable so history can be replayed and tested."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class Clock:
    """The real clock. Times are stored as naive UTC; days are London days."""

    def now(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)

    def today(self) -> date:
        return datetime.now(LONDON).date()


class FixedClock(Clock):
    """A clock that stands still until moved: for tests and for replaying the demo history."""

    def __init__(self, moment: datetime) -> None:
        self._moment = moment

    def set(self, moment: datetime) -> None:
        self._moment = moment

    def set_day(self, day: date, hour: int = 10) -> None:
        """Move to ``hour``:00 London time on ``day``."""
        self._moment = london_to_utc(datetime.combine(day, time(hour)))

    def now(self) -> datetime:
        return self._moment

    def today(self) -> date:
        return self._moment.replace(tzinfo=UTC).astimezone(LONDON).date()


def london_to_utc(moment: datetime) -> datetime:
    """A naive London wall-clock time as naive UTC."""
    return moment.replace(tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)


def end_of_day_utc(day: date) -> datetime:
    """The first instant after ``day`` ends in London, as naive UTC: the as-at boundary."""
    return london_to_utc(datetime.combine(day + timedelta(days=1), time()))


def utc_to_london(moment: datetime) -> datetime:
    """A stored naive UTC time as a London wall-clock time."""
    return moment.replace(tzinfo=UTC).astimezone(LONDON).replace(tzinfo=None)
