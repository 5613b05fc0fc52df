"""Who sees which edition, paragraph and disposition: the one place for the report's visibility.

Draft editions: the secretariat (and admins) only. Shared (委員限り): members and the
secretariat. Published: everyone, observers and anonymous visitors included. A disposition is
seen only where its edition is seen, and only for a comment the reader may see. Lookups answer
the same 404 for missing and forbidden.
"""

from django.db.models import QuerySet
from django.http import Http404

from accounts.roles import can_see_internal, is_secretariat
from committee.access import visible_meetings
from policies.access import visible_comments
from reports.models import Disposition, Edition, Paragraph, Report, Section


def visible_editions(user) -> QuerySet:
    """Editions the user may read."""
    qs = Edition.objects.all()
    if is_secretariat(user):
        return qs
    # Outside the secretariat an edition shows only once its meeting is public too.
    qs = qs.filter(meeting__in=visible_meetings(user))
    if can_see_internal(user):
        return qs.filter(status__in=[Edition.Status.SHARED, Edition.Status.PUBLISHED])
    return qs.filter(status=Edition.Status.PUBLISHED)


def visible_reports(user) -> QuerySet:
    """Reports with an edition the user may read (the secretariat: every report)."""
    if is_secretariat(user):
        return Report.objects.all()
    return Report.objects.filter(pk__in=visible_editions(user).values("report_id"))


def visible_dispositions(user) -> QuerySet:
    """Dispositions of visible editions, on comments the user may read. Outside the
    secretariat a hidden or deleted comment's disposition is not shown either."""
    comments = visible_comments(user)
    if not is_secretariat(user):
        comments = comments.shown()
    return Disposition.objects.filter(edition__in=visible_editions(user), comment__in=comments)


def visible_source_comments(user, comments: QuerySet) -> QuerySet:
    """The paragraph source comments the user may read (hidden and deleted ones only for the
    secretariat, who must see what it is warned about)."""
    qs = comments.filter(pk__in=visible_comments(user).values("pk"))
    if not is_secretariat(user):
        qs = qs.shown()
    return qs


def _get(qs, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_report(user, pk, *, for_write: bool = False) -> Report:
    """A report the user may see; for_write: the secretariat only (others 404)."""
    if for_write and not is_secretariat(user):
        raise Http404
    return _get(visible_reports(user), pk)


def access_edition(user, pk, *, for_write: bool = False) -> Edition:
    """An edition the user may read, with its report and meeting; for_write: the secretariat."""
    if for_write and not is_secretariat(user):
        raise Http404
    return _get(visible_editions(user).select_related("report", "meeting"), pk)


def access_section(user, pk, *, for_write: bool = False) -> Section:
    """A section of an edition the user may read; for_write: the secretariat."""
    if for_write and not is_secretariat(user):
        raise Http404
    qs = Section.objects.filter(edition__in=visible_editions(user))
    return _get(qs.select_related("edition__report", "edition__meeting"), pk)


def access_paragraph(user, pk, *, for_write: bool = False) -> Paragraph:
    """A paragraph of an edition the user may read; for_write: the secretariat."""
    if for_write and not is_secretariat(user):
        raise Http404
    qs = Paragraph.objects.filter(edition__in=visible_editions(user))
    return _get(qs.select_related("section", "edition__report", "edition__meeting"), pk)
