"""What proceedings declares searchable: statements of published records (議事録・議事要旨).

The simplest form of a searchable kind, for the site-wide registry the architecture work is
building: a key, a label, the queryset of what a user may find, and how one hit is shown.
Until that registry is merged, proceedings' own search page (views/search.py) uses it.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_secretariat
from proceedings.models import Record, Statement


def visible_statements(user):
    """Statements of published records of published meetings; every statement for the
    secretariat. The same rule as access.access_record."""
    qs = Statement.objects.select_related("record__meeting", "agenda_item")
    if not is_secretariat(user):
        qs = qs.filter(record__status=Record.Status.PUBLISHED, record__meeting__is_published=True)
    return qs


def statement_hit(statement) -> dict:
    record = statement.record
    return {
        "url": reverse("proceedings:record-detail", args=[record.pk]) + f"#st-{statement.pk}",
        "title": f"{record.meeting} {record.get_kind_display()}",
        "speaker": statement.speaker_label,
        "text": statement.text,
    }


SEARCHABLES = [
    {
        "key": "statements",
        "label": _("Statements in the minutes"),
        "queryset": visible_statements,
        "hit": statement_hit,
    }
]
