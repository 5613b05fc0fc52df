"""The report's part of the open-data API (mounted under /api/ by api/urls.py, see
core.open_data): published editions with their outline, exactly as an anonymous reader of the
edition page sees them, through reports.access (the one visibility rule)."""

from django.urls import reverse
from ninja import Router, Schema

from core import open_data
from reports.access import access_edition, visible_editions
from reports.selectors import edition_outline

router = Router(tags=["reports"])


class ParagraphOut(Schema):
    label: str
    number: int
    body: str


class SectionOut(Schema):
    number: str
    level: int
    title: str
    paragraphs: list[ParagraphOut]


class EditionOut(Schema):
    id: int
    report_title: str
    kind: str
    kind_label: str
    meeting_number: int
    updated_at: str
    url: str
    docx_url: str


class EditionDetailOut(EditionOut):
    sections: list[SectionOut]


class EditionPage(open_data.Page):
    items: list[EditionOut]


def _edition(request, e) -> dict:
    def absolute(name):
        return request.build_absolute_uri(reverse(name, args=[e.pk]))

    return {
        "id": e.pk,
        "report_title": e.report.title,
        "kind": e.kind,
        "kind_label": str(e.get_kind_display()),
        "meeting_number": e.meeting.number,
        "updated_at": e.updated_at.isoformat(),
        "url": absolute("reports:edition-detail"),
        "docx_url": absolute("reports:edition-docx"),
    }


def _sections(edition) -> list[dict]:
    return [
        {
            "number": view.number,
            "level": view.section.level,
            "title": view.section.title,
            "paragraphs": [
                {"label": p.label, "number": p.number, "body": p.body} for p in view.paragraphs
            ],
        }
        for view in edition_outline(edition)
    ]


@router.get("/reports/editions", response=open_data.pages(EditionPage), url_name="edition-list")
def edition_list(request, page: int = open_data.PageNumber):
    """Published report editions (とりまとめ), newest first."""
    editions = (
        visible_editions(open_data.ANONYMOUS)
        .select_related("report", "meeting")
        .order_by("-updated_at", "-id")
    )
    return open_data.page_of(editions, page, lambda e: _edition(request, e))


@router.get(
    "/reports/editions/{pk}", response=open_data.one(EditionDetailOut), url_name="edition-detail"
)
def edition_detail(request, pk: int = open_data.Pk):
    """One published edition with its chapters, sections and numbered paragraphs."""
    return open_data.found_or_404(
        lambda: access_edition(open_data.ANONYMOUS, pk),
        lambda edition: {**_edition(request, edition), "sections": _sections(edition)},
    )


open_data.register("", router)
