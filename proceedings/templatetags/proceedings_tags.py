"""The meeting record on committee's meeting page ({% meeting_record meeting %}), and the
display helpers of the proceedings templates."""

from django import template

from accounts.roles import is_member, is_secretariat
from proceedings import diffs, selectors
from proceedings.exports import attendance_label
from proceedings.models import Record

register = template.Library()


@register.inclusion_tag("proceedings/includes/meeting_record.html", takes_context=True)
def meeting_record(context, meeting):
    """Attendance (once a record is published), the records, the 書面審議 of the meeting:
    one query, plus the attendance once a record is published."""
    user = context["request"].user
    section = selectors.meeting_record(user, meeting)
    published = any(r.status == Record.Status.PUBLISHED for r in section.records)
    member = is_member(user)
    # The agenda the meeting page already loaded (only what this user may see).
    items = [i for i in context.get("items", []) if i.is_published] if member else []
    return {
        "request": context["request"],
        "meeting": meeting,
        "records": section.records,
        "kinds": {r.kind for r in section.records},
        "summary": selectors.attendance_summary(meeting, recusals=False) if published else None,
        "show_attendance": published,
        "deliberations": section.deliberations,
        "staff": is_secretariat(user),
        "to_confirm": section.to_confirm,
        "recusable_items": items,
        "Kind": Record.Kind,
    }


@register.filter
def tracked(correction) -> list[tuple[str, str]]:
    """A correction's tracked changes: (del|ins|same, text) pieces."""
    return diffs.tracked_changes(correction.original_text, correction.proposed_text)


@register.filter
def attendance_text(row) -> str:
    return attendance_label(row)
