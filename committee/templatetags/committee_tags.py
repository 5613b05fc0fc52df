"""Display helpers for meetings: dates or tentative periods, in the active language."""

import re

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


SPEAKER_RE = re.compile(r"^\s*(【[^】]{1,40}】)\s*")


@register.filter
def minutes_paragraphs(body: str) -> list[dict]:
    """Split plain-text minutes into paragraphs, each with its speaker (【主査】) if it has one.

    Returns plain strings; the template escapes them, so minutes can never inject markup.
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n|\r\n\s*\r\n", (body or "").strip()):
        block = block.strip()
        if not block:
            continue
        match = SPEAKER_RE.match(block)
        speaker = match.group(1) if match else ""
        text = block[match.end() :] if match else block
        paragraphs.append({"speaker": speaker, "lines": text.splitlines()})
    return paragraphs


@register.filter
def file_kind(content_type: str) -> str:
    kinds = {
        "application/pdf": "PDF",
        "text/csv": "CSV",
        "application/msword": "Word",
        "application/vnd.ms-excel": "Excel",
        "application/vnd.ms-powerpoint": "PowerPoint",
    }
    if content_type in kinds:
        return kinds[content_type]
    if "wordprocessingml" in content_type:
        return "Word"
    if "spreadsheetml" in content_type:
        return "Excel"
    if "presentationml" in content_type:
        return "PowerPoint"
    return content_type
