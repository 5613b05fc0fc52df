"""The shapes the open-data API answers with (pydantic, via django-ninja)."""

from datetime import date, datetime

from ninja import Schema

from core.open_data import Error, InvalidInput, Page

__all__ = ["Error", "InvalidInput", "Page"]  # shared with the apps' contributed operations


class HearingOut(Schema):
    id: int
    speaker: str
    affiliation: str
    topic: str


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    description: str
    hearings: list[HearingOut]


class MaterialOut(Schema):
    id: int
    number: str
    title: str
    file_name: str | None
    content_type: str | None
    size: int | None
    sha256: str | None
    updated_at: datetime | None
    download_url: str | None


class MinutesOut(Schema):
    meeting_id: int
    meeting_number: int
    body: str
    published_at: datetime | None
    url: str


class MeetingOut(Schema):
    id: int
    number: int
    title: str
    status: str
    starts_at: datetime | None
    ends_at: datetime | None
    period_start: date | None
    period_end: date | None
    place: str
    is_online: bool
    url: str


class MeetingDetailOut(MeetingOut):
    agenda_items: list[AgendaItemOut]
    materials: list[MaterialOut]
    minutes: MinutesOut | None


class CommentOut(Schema):
    id: int
    question_id: int
    question_title: str
    parent_id: int | None
    author: str
    stance: str
    body: str
    created_at: datetime
    edited_at: datetime | None
    url: str


class SeriesPoint(Schema):
    fiscal_year: int
    researchers: int


class SeriesOut(Schema):
    direction: str
    term: str
    source_name: str
    source_url: str
    derived: bool
    values: list[SeriesPoint]


class SchemeOut(Schema):
    slug: str
    kind: str
    country: str
    name_ja: str
    name_en: str
    agency: str
    target: str
    duration: str
    support_content: str
    url: str


class MeetingPage(Page):
    items: list[MeetingOut]


class MinutesPage(Page):
    items: list[MinutesOut]


class CommentPage(Page):
    items: list[CommentOut]


class SchemePage(Page):
    items: list[SchemeOut]
