"""The open-data API's operations: exactly what an anonymous reader of the pages may see.

Every read goes through the pages' own visibility functions, called with AnonymousUser: a
draft meeting, unpublished minutes or a members-only comment can only appear here if it
appears on the public pages too. Nothing here checks `is_published` itself.
"""

from ninja import Query, Router

from api import schemas, serialise
from committee.access import access_meeting, visible_meetings
from committee.selectors import meeting_page, minutes_for
from core.open_data import ANONYMOUS, INVALID, PageNumber, Pk, found_or_404, page_of
from dispatch_stats.selectors import chart_series
from policies.access import visible_comments
from schemes.access import access_scheme
from schemes.models import Scheme

router = Router()


def _meetings():
    return visible_meetings(ANONYMOUS).order_by("number")


@router.get("/meetings", response={200: schemas.MeetingPage, **INVALID}, url_name="meeting-list")
def meeting_list(request, page: int = PageNumber):
    """Published meetings in number order."""
    return page_of(_meetings(), page, lambda m: serialise.meeting(request, m))


@router.get(
    "/meetings/{pk}",
    response={200: schemas.MeetingDetailOut, 404: schemas.Error, **INVALID},
    url_name="meeting-detail",
)
def meeting_detail(request, pk: int = Pk):
    """One published meeting with its published agenda items (and their hearings), its
    published materials (metadata and download link) and its minutes once published."""
    return found_or_404(lambda: access_meeting(ANONYMOUS, pk), lambda m: _detail(request, m))


def _detail(request, meeting) -> dict:
    shown = meeting_page(ANONYMOUS, meeting)
    minutes = shown["minutes"]
    return {
        **serialise.meeting(request, meeting),
        "agenda_items": [serialise.agenda_item(item) for item in shown["items"]],
        "materials": [serialise.material(request, m) for m in shown["materials"]],
        "minutes": serialise.minutes(request, minutes, meeting) if minutes else None,
    }


@router.get("/minutes", response={200: schemas.MinutesPage, **INVALID}, url_name="minutes-list")
def minutes_list(request, page: int = PageNumber):
    """Published minutes, one entry per meeting, in meeting number order."""
    published = []
    for meeting in _meetings().select_related("minutes"):
        minutes = minutes_for(ANONYMOUS, meeting)
        if minutes is not None:
            published.append((minutes, meeting))
    return page_of(published, page, lambda pair: serialise.minutes(request, *pair))


@router.get("/comments", response={200: schemas.CommentPage, **INVALID}, url_name="comment-list")
def comment_list(request, page: int = PageNumber, question: int | None = Query(None, ge=1)):
    """Published comments, oldest first; ?question= narrows to one question. Hidden and
    deleted comments are left out, as the question page leaves out their bodies."""
    comments = (
        visible_comments(ANONYMOUS)
        .shown()
        .select_related("question", "author")
        .order_by("created_at", "id")
    )
    if question is not None:
        comments = comments.filter(question_id=min(question, 2**31 - 1))
    return page_of(comments, page, lambda c: serialise.comment(request, c))


@router.get("/statistics/series", response=list[schemas.SeriesOut], url_name="series-list")
def series_list(request):
    """Researchers dispatched and received per fiscal year, each series with its source."""
    return [serialise.series(s) for s in chart_series(user=ANONYMOUS).values()]


@router.get("/schemes", response={200: schemas.SchemePage, **INVALID}, url_name="scheme-list")
def scheme_list(request, page: int = PageNumber):
    """Support schemes (public reference data), foreign first."""
    schemes = Scheme.objects.order_by("-kind", "country", "name_ja")
    return page_of(schemes, page, lambda s: serialise.scheme(request, s))


@router.get(
    "/schemes/{slug}",
    response={200: schemas.SchemeOut, 404: schemas.Error, **INVALID},
    url_name="scheme-detail",
)
def scheme_detail(request, slug: str):
    return found_or_404(
        lambda: access_scheme(ANONYMOUS, slug), lambda s: serialise.scheme(request, s)
    )
