"""The meeting record's part of the open-data API (mounted under /api/ by api/urls.py, see
core.open_data): published 議事要旨 and 議事録 with their statements by agenda item, exactly
as an anonymous reader sees them, through proceedings.access (the one visibility rule)."""

from datetime import datetime

from django.urls import reverse
from ninja import Router, Schema

from committee.access import visible_agenda_items
from core import open_data
from proceedings.access import access_record, visible_records
from proceedings.selectors import record_sections

router = Router(tags=["proceedings"])


class StatementOut(Schema):
    position: int
    speaker: str
    text: str

    @staticmethod
    def resolve_speaker(statement) -> str:
        return statement.speaker_label


class ItemStatementsOut(Schema):
    """The statements under one agenda item (proceedings.selectors.ItemSection)."""

    agenda_item_id: int | None
    agenda_item_title: str | None
    statements: list[StatementOut]

    @staticmethod
    def resolve_agenda_item_id(section) -> int | None:
        return section.item.pk if section.item else None

    @staticmethod
    def resolve_agenda_item_title(section) -> str | None:
        return section.item.title if section.public_item else None


class RecordOut(Schema):
    id: int
    meeting_id: int
    meeting_number: int
    kind: str
    kind_label: str
    published_at: datetime | None
    published_basis: str
    url: str

    @staticmethod
    def resolve_meeting_number(record) -> int:
        return record.meeting.number

    @staticmethod
    def resolve_kind_label(record) -> str:
        return str(record.get_kind_display())

    @staticmethod
    def resolve_url(record, context) -> str:
        path = reverse("proceedings:record-detail", args=[record.pk])
        return context["request"].build_absolute_uri(path)


class RecordDetailOut(RecordOut):
    sections: list[ItemStatementsOut]

    @staticmethod
    def resolve_sections(record) -> list:
        return _sections(record)


class RecordPage(open_data.Page):
    items: list[RecordOut]


def _sections(record) -> list:
    """record_sections, each marked whether its agenda item is one the pages show everyone
    (only those are named)."""
    shown = visible_agenda_items(open_data.ANONYMOUS).filter(meeting=record.meeting_id)
    public = set(shown.values_list("pk", flat=True))
    sections = record_sections(record)
    for section in sections:
        section.public_item = section.item is not None and section.item.pk in public
    return sections


@router.get("/proceedings/records", response=open_data.pages(RecordPage), url_name="record-list")
def record_list(request, page: int = open_data.PageNumber):
    """Published 議事要旨 and 議事録, by meeting number."""
    records = visible_records(open_data.ANONYMOUS).order_by("meeting__number", "kind", "id")
    return open_data.page_of(records, page, lambda record: record)


@router.get(
    "/proceedings/records/{pk}", response=open_data.one(RecordDetailOut), url_name="record-detail"
)
def record_detail(request, pk: int = open_data.Pk):
    """One published record with its statements, grouped by agenda item in agenda order."""
    return open_data.found_or_404(
        lambda: access_record(open_data.ANONYMOUS, pk), lambda record: record
    )


open_data.register("", router)
