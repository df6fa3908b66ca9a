"""Working hours: Mon–Fri 07:00–11:30 and 13:30–17:00 local time, minus public holidays.

Follow-up and escalation delays count working time only: a request made on Friday at 16:30
is followed up on Monday morning, not at 18:30 when nobody is in the office.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

WINDOWS = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))


@dataclass(frozen=True)
class WorkCalendar:
    """Office windows per working day, the holidays, the local time zone."""

    tz: tzinfo
    holidays: frozenset[date] = field(default_factory=frozenset)
    windows: tuple[tuple[time, time], ...] = WINDOWS
    workdays: frozenset[int] = frozenset(range(5))  # Monday = 0

    def working_day(self, day: date) -> bool:
        """A weekday that is not a holiday."""
        return day.weekday() in self.workdays and day not in self.holidays

    def add(self, start: datetime, hours: float) -> datetime:
        """The moment `hours` of working time after `start`."""
        left = timedelta(hours=hours)
        local = start.astimezone(self.tz)
        day = local.date()
        for _ in range(800):  # bounded: two years of calendar days
            if self.working_day(day):
                for begin, end in self.windows:
                    lo = datetime.combine(day, begin, self.tz)
                    hi = datetime.combine(day, end, self.tz)
                    lo = max(lo, local)
                    if lo >= hi:
                        continue
                    if lo + left <= hi:
                        return lo + left
                    left -= hi - lo
            day += timedelta(days=1)
        raise ValueError("no working time in the next two years (check data/holidays.yaml)")
