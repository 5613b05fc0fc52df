"""Display helpers for meetings: dates or tentative periods, in the active language."""

import re

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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


FIELD_LABELS = {
    "number": _lazy("number"),
    "title": _lazy("title"),
    "starts_at": _lazy("starts at"),
    "ends_at": _lazy("ends at"),
    "period_start": _lazy("tentative period from"),
    "period_end": _lazy("tentative period to"),
    "place": _lazy("place"),
    "is_online": _lazy("online"),
    "status": _lazy("status"),
    "is_published": _lazy("published"),
    "internal_note": _lazy("internal note"),
    "position": _lazy("position"),
    "description": _lazy("description"),
    "speaker": _lazy("speaker"),
    "affiliation": _lazy("affiliation"),
    "topic": _lazy("topic"),
    "agenda_item_id": _lazy("agenda item"),
    "file": _lazy("file"),
    "size": _lazy("size"),
    "sha256": _lazy("SHA-256"),
    "body": _lazy("minutes"),
}


@register.filter
def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


@register.filter
def history_value(value) -> str:
    """A logged value for people: booleans as yes/no, empty as a dash, long text shortened."""
    if value is None or value == "":
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


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
