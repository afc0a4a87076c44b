"""Calendar arithmetic in the person's time zone: local days, ISO weeks and streaks.

Timestamps are stored in UTC; what counts as "today" or "this week" depends on where the person
is. Every function takes ``tz``: a ``tzinfo``, an IANA name such as ``"Europe/Berlin"``, or None
for this machine's local zone (with its daylight-saving rules at each instant).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coach_engine.errors import ValidationError
from coach_engine.inputs import clip

TZ = tzinfo | str | None


def resolve_tz(tz: TZ) -> tzinfo | None:
    """A ``tzinfo`` for ``tz`` (None stays None: the machine's local zone).

    Raises:
        ValidationError: ``tz`` names no known time zone.
    """
    if tz is None or isinstance(tz, tzinfo):
        return tz
    unknown = ValidationError(
        f"unknown time zone {clip(tz, 60)}; use an IANA name such as Europe/Berlin or UTC",
        title="Invalid time zone",
    )
    if len(tz) > 100:  # the longest IANA name has 32 characters
        raise unknown
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name the FS refuses
        raise unknown from None


def tz_name(tz: tzinfo | None, now: datetime) -> str:
    """A readable name for ``tz`` (the local zone's abbreviation when None)."""
    if tz is None:
        return now.astimezone().tzname() or "local"
    return str(getattr(tz, "key", None) or tz.tzname(now) or tz)


def local(dt: datetime, tz: tzinfo | None) -> datetime:
    """``dt`` (timezone-aware) in the person's zone."""
    return dt.astimezone(tz) if tz is not None else dt.astimezone()


def local_day(dt: datetime, tz: tzinfo | None) -> date:
    """The calendar day ``dt`` falls on where the person is."""
    return local(dt, tz).date()


def iso_week(day: date) -> tuple[int, int]:
    """``(ISO year, ISO week number)`` of ``day``; weeks start on Monday."""
    year, week, _ = day.isocalendar()
    return year, week


def week_label(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


def week_start(year: int, week: int) -> date:
    """The Monday of ISO week ``week`` of ``year``."""
    return date.fromisocalendar(year, week, 1)


def in_week(dt: datetime, year: int, week: int, tz: tzinfo | None) -> bool:
    return iso_week(local_day(dt, tz)) == (year, week)


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive active days ending today, or ending yesterday when today has no activity yet
    (a streak is not broken until the day is over). 0 when neither day was active."""
    active = set(days)
    day = today if today in active else today - timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= timedelta(days=1)
    return count
