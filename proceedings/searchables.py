"""What the site search finds in proceedings: statements of published records (議事録・議事要旨),
by speaker and text; the secretariat also finds those of records not yet published."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_secretariat
from core.search import highlight
from core.searchables import Hit, SearchKind, register
from proceedings.models import Record, Statement

SNIPPET_CHARS = 120


def visible_statements(user):
    """Statements of published records of published meetings; every statement for the
    secretariat. The same rule as access.access_record."""
    qs = Statement.objects.select_related("record__meeting", "agenda_item")
    if not is_secretariat(user):
        qs = qs.filter(record__status=Record.Status.PUBLISHED, record__meeting__is_published=True)
    return qs


def statement_hit(statement) -> dict:
    """The plain fields of one hit (proceedings' own statement search page shows these)."""
    record = statement.record
    return {
        "url": reverse("proceedings:record-detail", args=[record.pk]) + f"#st-{statement.pk}",
        "title": f"{record.meeting} {record.get_kind_display()}",
        "speaker": statement.speaker_label,
        "text": statement.text,
    }


def _hit(statement, q: str) -> Hit:
    plain = statement_hit(statement)
    return Hit(
        url=plain["url"],
        title=plain["title"],
        snippet=highlight(plain["text"], q, width=SNIPPET_CHARS),
        context=plain["speaker"],
    )


register(
    SearchKind(
        key="statements",
        label=_("Statements in the minutes"),
        order=45,
        visible=visible_statements,
        hit=_hit,
        fields=("speaker_label", "text"),
    )
)
