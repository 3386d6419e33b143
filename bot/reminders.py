"""Reminders to officers who have not reported, and the non-submitter lists for managers.

Each quarter has a reporting deadline: :attr:`Schedule.deadline_days` days before the
quarter's last day (``SDGBOT_DEADLINE_DAYS``, default 7).  On the reminder days
(``SDGBOT_REMIND_DAYS`` days before the deadline, default 7, 3 and 1) from
``SDGBOT_REMIND_HOUR`` (default 9, Asia/Bangkok), officers lacking an update for a
project they report for get one reminder a day on their platform; after the deadline
each manager gets the list for their scope once.  Nothing automatic is pushed during
the quiet hours (``SDGBOT_QUIET_HOURS``, default ``20-8``; ``off`` for none), nor to a
user who said ``/remind off``; a user who blocked the bot (HTTP 403) is logged and
skipped.

Exactly once, however many processes run it at the same moment: every reminder is a
:class:`~knowledge.models.ReminderLog` row whose unique key (kind, user, quarter, day)
is claimed by an insert in its own transaction before anything is sent; only the
process whose insert commits sends.  ``sdgbot scheduler`` runs :func:`tick` every few
minutes with APScheduler and its SQLAlchemy job store (the schedule survives
restarts); the claims, not the scheduler, make it exactly-once.  In the production
topology the scheduler does not send: each claimed reminder is stored as a queue job
in its claim's transaction and a queue worker sends it, retried and dead-lettered
like any job (:mod:`bot.queue.pushes`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.conversation.lang import plural, remembered_english
from bot.field import missing_text
from bot.push import Blocked, Pusher, PushItem, record_push
from knowledge.assignments import Missing, missing_for_quarter, scope_of
from knowledge.db import Database
from knowledge.models import ReminderLog, User
from knowledge.outbox import claim_reminder, reminder_taken
from knowledge.textcut import shorten
from knowledge.thai import (
    FiscalQuarter,
    fiscal_quarter_of,
    format_english_date,
    format_thai_date,
)

__all__ = [
    "MANAGER_SLOT",
    "Planned",
    "QueuePush",
    "RunReport",
    "Schedule",
    "plan",
    "reminder_buttons",
    "run_reminders",
]

log = logging.getLogger(__name__)
BANGKOK = ZoneInfo("Asia/Bangkok")
#: The slot of the managers' non-submitter list: once per quarter, after the deadline.
MANAGER_SLOT = "after-deadline"
#: How long after a deadline the scheduler still sends that quarter's lists.
LIST_WINDOW = dt.timedelta(days=14)
#: Stores a claimed reminder's push as a queue job, in the claim's transaction.
QueuePush = Callable[[Session, PushItem], None]


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


def day_slot(now: dt.datetime) -> str:
    """An officer's reminder slot: the Bangkok day (one reminder a day at most)."""
    return now.astimezone(BANGKOK).date().isoformat()


@dataclass(frozen=True)
class Planned:
    """One reminder of a run: to whom, for which projects, and whether it goes (and why)."""

    kind: str  # officer | manager
    platform: str
    external_id: str
    text: str
    projects: tuple[int, ...]
    send: bool
    why: str
    missing: tuple[Missing, ...] = ()
    #: The user's remembered language (:func:`bot.conversation.lang.remembered_english`):
    #: that of the text and the buttons.
    english: bool = False

    @property
    def ref(self) -> str:
        """``platform:id``."""
        return f"{self.platform}:{self.external_id}"

    def to_json(self) -> dict[str, object]:
        """For ``sdgbot remind --dry-run --json``."""
        return {"kind": self.kind, "user": self.ref, "send": self.send, "why": self.why,
                "projects": list(self.projects)}


def _officer_text(m: Missing, quarter: FiscalQuarter, deadline: dt.date,
                  english: bool = False) -> str:
    """An officer's reminder, in their language (``english``) or Thai."""
    if english:
        lines = [f"🔔 Reminder: progress report for Q{quarter.quarter} FY{quarter.fiscal_year} "
                 f"(due {format_english_date(deadline)})",
                 "Projects with no report this quarter:"]
    else:
        lines = [f"🔔 เตือนส่งรายงานความคืบหน้า ไตรมาส {quarter.quarter}/{quarter.fiscal_year} "
                 f"(กำหนดส่ง {format_thai_date(deadline, short=True)})",
                 "โครงการที่ยังไม่มีรายงานในไตรมาสนี้:"]
    lines += [f"• [{pid}] {shorten(name, 70)}" for pid, name, _ in m.projects[:20]]
    if len(m.projects) > 20:
        more = len(m.projects) - 20
        lines.append(f"… and {plural(more, 'more project', 'more projects')}" if english
                     else f"… และอีก {more} โครงการ")
    lines.append("Type /update to report, or /remind off to stop reminders." if english
                 else "พิมพ์ /update เพื่อรายงาน หรือ /remind off เพื่อปิดการแจ้งเตือน")
    return "\n".join(lines)


def reminder_buttons(kind: str, quarter: FiscalQuarter,
                     english: bool = False) -> list[tuple[str, str]]:
    """A reminder's button: report now (an officer's), see the list (a manager's)."""
    if kind == "officer":
        return [("📝 Report now" if english else "📝 รายงานเลย", "/update")]
    return [("📋 See the list" if english else "📋 ดูรายชื่อ",
             f"/missing {quarter.quarter}/{quarter.fiscal_year}")]


def plan(db: Database, quarter: FiscalQuarter, now: dt.datetime, schedule: Schedule,
         *, platforms: Sequence[str] | None = None, officers: bool = True,
         managers: bool = False) -> list[Planned]:
    """Who would be reminded now for ``quarter``, and why (or why not).

    Officers lacking an update for a project they report for, each with those
    projects; with ``managers``, also each manager's list for their scope.  A user
    is planned but not sent to when they opted out, were reminded already today (or,
    a manager, this quarter), or are on a platform without credentials
    (``platforms``: those with a pusher; None: all).
    """
    deadline = schedule.deadline(quarter)
    slot = day_slot(now)
    out: list[Planned] = []
    with db.read() as s:
        rows = missing_for_quarter(s, quarter) if officers else []
        for m in rows:
            why = (f"ไม่มีรายงานไตรมาส {quarter.quarter}/{quarter.fiscal_year} สำหรับ "
                   f"{len(m.projects)} โครงการ (กำหนดส่ง {deadline.isoformat()})")
            send, reason = True, why
            if m.reminders_off:
                send, reason = False, "ปิดการแจ้งเตือน (/remind off)"
            elif m.platform == "console":
                send, reason = False, "console ส่งข้อความถึงไม่ได้ (no push on console)"
            elif platforms is not None and m.platform not in platforms:
                send, reason = False, f"ไม่มีข้อมูลเข้าระบบ {m.platform} (no {m.platform} credentials)"
            elif reminder_taken(s, "officer", m.platform, m.external_id, quarter.fiscal_year,
                                quarter.quarter, slot) is not None:
                send, reason = False, "เตือนไปแล้ววันนี้ (already reminded today)"
            en = remembered_english(s, m.platform, m.external_id)
            out.append(Planned("officer", m.platform, m.external_id,
                               _officer_text(m, quarter, deadline, en),
                               tuple(p for p, _, _ in m.projects), send, reason, (m,), en))
        if managers:
            for u in s.scalars(select(User).where(User.role == "manager")
                               .order_by(User.platform, User.external_id)):
                scope = scope_of(u)
                mine = missing_for_quarter(s, quarter, scope)
                if not mine:
                    continue
                en = remembered_english(s, u.platform, u.external_id)
                text = ((f"📋 Who has not reported, after the due date "
                         f"{format_english_date(deadline)}\n" if en else
                         "📋 รายชื่อผู้ที่ยังไม่ส่งรายงาน หลังกำหนดส่ง "
                         f"{format_thai_date(deadline, short=True)}\n")
                        + missing_text(mine, quarter, scope.describe(en), english=en))
                send, reason = True, f"หลังกำหนดส่ง มีผู้ยังไม่ส่ง {len(mine)} คนในขอบเขต"
                if u.reminders_off:
                    send, reason = False, "ปิดการแจ้งเตือน (/remind off)"
                elif u.platform == "console":
                    send, reason = False, "console ส่งข้อความถึงไม่ได้ (no push on console)"
                elif platforms is not None and u.platform not in platforms:
                    send, reason = False, f"ไม่มีข้อมูลเข้าระบบ {u.platform}"
                elif reminder_taken(s, "manager", u.platform, u.external_id,
                                    quarter.fiscal_year, quarter.quarter,
                                    MANAGER_SLOT) is not None:
                    send, reason = False, "ส่งรายชื่อไตรมาสนี้ไปแล้ว (already sent)"
                ids = tuple(sorted({p for m in mine for p, _, _ in m.projects}))
                out.append(Planned("manager", u.platform, u.external_id, text, ids, send,
                                   reason, tuple(mine), en))
    return out


@dataclass
class RunReport:
    """What a reminder run did."""

    sent: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)


async def run_reminders(
    db: Database,
    quarter: FiscalQuarter,
    now: dt.datetime,
    schedule: Schedule,
    pushers: dict[str, Pusher],
    *,
    officers: bool = True,
    managers: bool,
    enqueue: QueuePush | None = None,
) -> RunReport:
    """Send the planned reminders, each claimed once (see the module docstring).

    With ``enqueue`` (the production topology), a claimed reminder is not sent here:
    ``enqueue(session, push)`` stores it as a queue job in the claim's transaction
    (:class:`bot.queue.pushes.PushQueue`), and a queue worker sends it.
    """
    report = RunReport()
    for p in plan(db, quarter, now, schedule, platforms=list(pushers), officers=officers,
                  managers=managers):
        if not p.send:
            report.skipped.append(f"{p.ref}: {p.why}")
            continue
        slot = MANAGER_SLOT if p.kind == "manager" else day_slot(now)
        buttons = reminder_buttons(p.kind, quarter, p.english)
        try:
            with db.write() as s:
                row = claim_reminder(s, p.kind, p.platform, p.external_id,
                                     quarter.fiscal_year, quarter.quarter, slot,
                                     p.projects, now)
                row_id = row.id
                if enqueue is not None:  # the push is a queue job, stored with the claim
                    row.status = "queued"
                    enqueue(s, PushItem("reminder", row_id, p.platform, p.external_id,
                                        p.text, tuple(buttons)))
        except IntegrityError:
            report.skipped.append(f"{p.ref}: ส่งโดยอีกกระบวนการแล้ว (claimed by another run)")
            continue
        if enqueue is not None:
            report.queued.append(p.ref)
            continue
        status, detail = "sent", None
        try:
            await pushers[p.platform].push(p.external_id, p.text, buttons,
                                           key=f"reminder-{row_id}")
            record_push(db, p.platform, now)
            report.sent.append(p.ref)
        except Blocked as exc:
            log.info("reminder to %s skipped: the user blocked the bot", p.ref)
            status, detail = "blocked", str(exc)[:200]
            report.blocked.append(p.ref)
        except Exception as exc:
            log.warning("reminder to %s failed: %s", p.ref, type(exc).__name__)
            status, detail = "failed", type(exc).__name__
            report.failed.append(p.ref)
        with db.write() as s:
            done = s.get(ReminderLog, row_id)
            if done is not None:
                done.status = status
                done.detail = detail
                if status == "sent":
                    done.sent_at = now
    return report


def current_quarter(now: dt.datetime) -> FiscalQuarter:
    """The fiscal quarter of ``now`` in Asia/Bangkok."""
    return fiscal_quarter_of(now.astimezone(BANGKOK).date())


def previous_quarter(quarter: FiscalQuarter) -> FiscalQuarter:
    """The quarter before ``quarter``."""
    if quarter.quarter == 1:
        return FiscalQuarter(quarter.fiscal_year - 1, 4)
    return FiscalQuarter(quarter.fiscal_year, quarter.quarter - 1)


async def tick(db: Database, schedule: Schedule, pushers: dict[str, Pusher],
               clock: Callable[[], dt.datetime], *,
               enqueue: QueuePush | None = None) -> RunReport:
    """One scheduled run: due reminders and manager lists, unless it is quiet.

    Officers are reminded on the reminder days of the current quarter; managers get
    the list once the deadline of the current quarter (or of the one before, whose
    deadline fell in its last week) is over.  ``enqueue``: see :func:`run_reminders`.
    """
    now = clock()
    if schedule.is_quiet(now):
        return RunReport()
    quarter = current_quarter(now)
    report = RunReport()
    if schedule.reminder_due(now, quarter):
        report = await run_reminders(db, quarter, now, schedule, pushers, managers=False,
                                     enqueue=enqueue)
    if now.astimezone(BANGKOK).hour < schedule.remind_hour:
        return report
    for q in (previous_quarter(quarter), quarter):
        if schedule.lists_due(now, q):
            lists = await run_reminders(db, q, now, schedule, pushers, officers=False,
                                        managers=True, enqueue=enqueue)
            report.sent += lists.sent
            report.queued += lists.queued
            report.blocked += lists.blocked
            report.failed += lists.failed
            report.skipped += lists.skipped
    return report
