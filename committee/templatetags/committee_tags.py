"""Display helpers for meetings: dates or tentative periods, in the active language."""

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def meeting_when(meeting) -> str:
    """「2026年3月30日 10:00」 or 「4月～5月頃」 for a tentative period."""
    if meeting.starts_at:
        local = timezone.localtime(meeting.starts_at)
        return formats.date_format(local, "DATETIME_FORMAT")
    if meeting.period_start and meeting.period_end:
        if meeting.period_start.month == meeting.period_end.month:
            return _("around %(month)s") % {"month": _month(meeting.period_start)}
        return _("around %(start)s to %(end)s") % {
            "start": _month(meeting.period_start),
            "end": _month(meeting.period_end),
        }
    return _("to be decided")


def _month(day) -> str:
    return formats.date_format(day, "F")
