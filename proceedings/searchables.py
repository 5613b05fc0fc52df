"""What the site search finds in proceedings: statements of published records (議事録・議事要旨),
by speaker and text; the secretariat also finds those of records not yet published."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.search import highlight
from core.searchables import Hit, SearchKind, register
from proceedings.access import visible_records
from proceedings.models import Statement

SNIPPET_CHARS = 120


def visible_statements(user):
    """Statements of the records the user may read (access.visible_records)."""
    return Statement.objects.filter(record__in=visible_records(user)).select_related(
        "record__meeting", "agenda_item"
    )


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
