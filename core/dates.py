"""Moments as the exports, mails and lists write them: in the current time zone (the site's,
Asia/Tokyo, unless a request activated another) and in the ISO order whatever the language
("2026-03-30 10:00"). Pages that follow the language use Django's DATETIME_FORMAT instead."""

from datetime import datetime

from django.utils import timezone


def _local(moment: datetime | None, pattern: str) -> str:
    return timezone.localtime(moment).strftime(pattern) if moment else ""


def local_minute(moment: datetime | None) -> str:
    """ "2026-03-30 10:00"; "" for no moment."""
    return _local(moment, "%Y-%m-%d %H:%M")


def local_second(moment: datetime | None) -> str:
    """ "2026-03-30 10:00:05" (the audit log, where the order of entries within a minute
    matters); "" for no moment."""
    return _local(moment, "%Y-%m-%d %H:%M:%S")


def local_day(moment: datetime | None) -> str:
    """ "2026-03-30", the day in the current time zone; "" for no moment."""
    return _local(moment, "%Y-%m-%d")
