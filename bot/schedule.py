"""When a quarter's reporting is due and followed up: the reminder schedule's dates.

Pure date arithmetic over :class:`~knowledge.thai.FiscalQuarter` (Asia/Bangkok), kept
apart from the sending in :mod:`bot.reminders` so that the chat core can ask how long
a quarter stays open for updates (:meth:`Schedule.open_from`) without importing the
pushers.  The settings are ``SDGBOT_DEADLINE_DAYS``, ``SDGBOT_REMIND_DAYS``,
``SDGBOT_REMIND_HOUR`` and ``SDGBOT_QUIET_HOURS``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.config import Settings
from knowledge.thai import FiscalQuarter, fiscal_quarter_of

__all__ = ["BANGKOK", "LIST_WINDOW", "Schedule", "current_quarter", "previous_quarter"]

BANGKOK = ZoneInfo("Asia/Bangkok")
#: How long after a deadline the scheduler still sends that quarter's lists.
LIST_WINDOW = dt.timedelta(days=14)


@dataclass(frozen=True)
class Schedule:
    """When reminders go out (all in Asia/Bangkok)."""

    deadline_days: int = 7
    remind_days: tuple[int, ...] = (7, 3, 1)
    remind_hour: int = 9
    quiet: tuple[int, int] | None = (20, 8)

    @classmethod
    def from_settings(cls, settings: Settings) -> Schedule:
        """Read the ``SDGBOT_*`` reminder settings; ``ValueError`` saying which is wrong."""

        def number(raw: str | None, name: str, low: int, high: int, default: int) -> int:
            if raw is None:
                return default
            if not raw.strip().isdigit() or not low <= int(raw) <= high:
                raise ValueError(f"{name} ต้องเป็นตัวเลข {low}–{high} ({name} must be a number "
                                 f"from {low} to {high})")
            return int(raw)

        days = cls.remind_days
        if settings.remind_days is not None:
            parts = [p for p in re.split(r"[,\s]+", settings.remind_days) if p]
            if not parts or not all(p.isdigit() and int(p) <= 80 for p in parts):
                raise ValueError("SDGBOT_REMIND_DAYS ต้องเป็นตัวเลขคั่นด้วยจุลภาค เช่น 7,3,1 "
                                 "(SDGBOT_REMIND_DAYS: numbers such as 7,3,1)")
            days = tuple(sorted({int(p) for p in parts}, reverse=True))
        quiet: tuple[int, int] | None = cls.quiet
        raw = (settings.quiet_hours or "").strip().casefold()
        if raw in ("off", "none", "no"):
            quiet = None
        elif raw:
            m = re.fullmatch(r"(\d{1,2})\s*-\s*(\d{1,2})", raw)
            if not m or int(m.group(1)) > 23 or int(m.group(2)) > 23:
                raise ValueError("SDGBOT_QUIET_HOURS ต้องเป็นช่วงชั่วโมง เช่น 20-8 หรือ off "
                                 "(SDGBOT_QUIET_HOURS: hours such as 20-8, or off)")
            quiet = (int(m.group(1)), int(m.group(2)))
        return cls(deadline_days=number(settings.deadline_days, "SDGBOT_DEADLINE_DAYS", 0, 80,
                                        cls.deadline_days),
                   remind_days=days,
                   remind_hour=number(settings.remind_hour, "SDGBOT_REMIND_HOUR", 0, 23,
                                      cls.remind_hour),
                   quiet=quiet)

    def deadline(self, quarter: FiscalQuarter) -> dt.date:
        """The quarter's reporting deadline (a Bangkok calendar day)."""
        return quarter.end - dt.timedelta(days=self.deadline_days)

    def is_quiet(self, now: dt.datetime) -> bool:
        """Whether ``now`` is in the quiet hours (no automatic pushes)."""
        if self.quiet is None:
            return False
        start, end = self.quiet
        hour = now.astimezone(BANGKOK).hour
        return start <= hour or hour < end if start > end else start <= hour < end

    def quiet_end(self, now: dt.datetime) -> dt.datetime | None:
        """When the quiet hours ``now`` is in end (UTC), or None when it is not quiet."""
        if self.quiet is None or not self.is_quiet(now):
            return None
        local = now.astimezone(BANGKOK)
        end = local.replace(hour=self.quiet[1], minute=0, second=0, microsecond=0)
        if end <= local:
            end += dt.timedelta(days=1)
        return end.astimezone(dt.UTC)

    def reminder_due(self, now: dt.datetime, quarter: FiscalQuarter) -> bool:
        """Whether ``now`` is on a reminder day of ``quarter``, at or after the hour."""
        local = now.astimezone(BANGKOK)
        days_left = (self.deadline(quarter) - local.date()).days
        return days_left in self.remind_days and local.hour >= self.remind_hour

    def past_deadline(self, now: dt.datetime, quarter: FiscalQuarter) -> bool:
        """Whether the deadline of ``quarter`` is over (from the next day, Bangkok)."""
        return now.astimezone(BANGKOK).date() > self.deadline(quarter)

    def lists_due(self, now: dt.datetime, quarter: FiscalQuarter) -> bool:
        """Whether the managers' lists of ``quarter`` go out now (automatically).

        From the day after the deadline, for :data:`LIST_WINDOW`: a scheduler started
        long after a quarter does not send that quarter's lists out of the blue.
        """
        return 0 < self._days_late(now, quarter) <= LIST_WINDOW.days

    def lists_over(self, now: dt.datetime, quarter: FiscalQuarter) -> bool:
        """Whether managers no longer get ``quarter``'s lists (its :data:`LIST_WINDOW` is over)."""
        return self._days_late(now, quarter) > LIST_WINDOW.days

    def open_from(self, now: dt.datetime) -> FiscalQuarter:
        """The earliest quarter an update may be filed under at ``now`` without a warning.

        The current quarter (Asia/Bangkok); the one before it too while its reporting
        is still followed up: until managers stop getting its non-submitter lists
        (:meth:`lists_over`: its deadline plus :data:`LIST_WINDOW`).  An update for an
        earlier quarter changes a summary already sent, so it is saved only once confirmed.
        """
        quarter = current_quarter(now)
        before = previous_quarter(quarter)
        return quarter if self.lists_over(now, before) else before

    def _days_late(self, now: dt.datetime, quarter: FiscalQuarter) -> int:
        """Days from ``quarter``'s deadline to ``now``'s Bangkok day (0 on the deadline)."""
        return (now.astimezone(BANGKOK).date() - self.deadline(quarter)).days


def current_quarter(now: dt.datetime) -> FiscalQuarter:
    """The fiscal quarter of ``now`` in Asia/Bangkok."""
    return fiscal_quarter_of(now.astimezone(BANGKOK).date())


def previous_quarter(quarter: FiscalQuarter) -> FiscalQuarter:
    """The quarter before ``quarter``."""
    if quarter.quarter == 1:
        return FiscalQuarter(quarter.fiscal_year - 1, 4)
    return FiscalQuarter(quarter.fiscal_year, quarter.quarter - 1)
