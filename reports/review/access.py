"""Who sees and writes reviews: members and the secretariat on a shared edition (the review is
委員限り: never observers or visitors, even once the edition is published). Missing and
forbidden answer the same 404."""

from django.http import Http404

from accounts.roles import can_see_internal, is_chair, is_secretariat
from reports.access import access_edition, access_paragraph
from reports.models import Edition, Paragraph, ParagraphReview


def _internal(user) -> None:
    if not can_see_internal(user):
        raise Http404


def can_see_stances(user) -> bool:
    """Where the committee stands is 委員限り: members (their own row) and the staff."""
    return can_see_internal(user)


def sees_all_stances(user) -> bool:
    """The grid's chair rule, once: the chair (accounts.roles.is_chair) and the secretariat see
    every member's row."""
    return is_secretariat(user) or is_chair(user)


def review_edition(user, pk) -> Edition:
    _internal(user)
    return access_edition(user, pk)


def review_paragraph(user, pk) -> Paragraph:
    _internal(user)
    return access_paragraph(user, pk)


def access_review(user, pk, *, own: bool = False, staff: bool = False) -> ParagraphReview:
    """A review of a paragraph the user may read; `own`: only its author; `staff`: only the
    secretariat. A hidden or deleted review is not reachable for others than the staff."""
    _internal(user)
    if staff and not is_secretariat(user):
        raise Http404
    paragraph_id = (
        ParagraphReview.objects.filter(pk=pk).values_list("paragraph_id", flat=True).first()
        if str(pk).isdigit()
        else None
    )
    if paragraph_id is None:
        raise Http404
    paragraph = access_paragraph(user, paragraph_id)
    review = ParagraphReview.objects.select_related("author").get(pk=pk)
    if own and review.author_id != user.pk:
        raise Http404
    if not is_secretariat(user) and not review.is_shown:
        raise Http404
    review.paragraph = paragraph
    return review
