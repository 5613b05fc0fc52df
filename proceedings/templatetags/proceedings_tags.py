"""The meeting record on committee's meeting page ({% meeting_record meeting %}), and the
display helpers of the proceedings templates."""

from django import template

from accounts.roles import is_member, is_secretariat
from proceedings import diffs, selectors
from proceedings.access import visible_deliberations
from proceedings.exports import attendance_label
from proceedings.models import Record

register = template.Library()


@register.inclusion_tag("proceedings/includes/meeting_record.html", takes_context=True)
def meeting_record(context, meeting):
    """Attendance (once a record is published), the records, the 書面審議 of the meeting."""
    user = context["request"].user
    records = selectors.records_for(user, meeting)
    published = any(r.status == Record.Status.PUBLISHED for r in records)
    staff = is_secretariat(user)
    member = is_member(user)
    return {
        "request": context["request"],
        "meeting": meeting,
        "records": records,
        "kinds": {r.kind for r in records},
        "summary": selectors.attendance_summary(meeting) if published or staff else None,
        "show_attendance": published,
        "deliberations": list(visible_deliberations(user).filter(meeting=meeting)),
        "staff": staff,
        "to_confirm": list(selectors.records_to_confirm(user, meeting)) if member else [],
        "recusable_items": list(meeting.agenda_items.filter(is_published=True)) if member else [],
        "Kind": Record.Kind,
    }


@register.filter
def tracked(correction) -> list[tuple[str, str]]:
    """A correction's tracked changes: (del|ins|same, text) pieces."""
    return diffs.tracked_changes(correction.original_text, correction.proposed_text)


@register.filter
def attendance_text(row) -> str:
    return attendance_label(row)
