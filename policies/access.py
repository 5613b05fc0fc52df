"""Lookups with permission for questions and comments: missing and forbidden give the same 404."""

from django.http import Http404

from accounts.roles import can_comment, can_see_internal, is_secretariat
from policies.models import Comment, Evidence, Question


def visible_questions(user):
    """Questions the user may see: the secretariat sees drafts too, everyone else published ones."""
    qs = Question.objects.all()
    return qs if is_secretariat(user) else qs.published()


def access_question(user, pk: int, *, for_write: bool = False) -> Question:
    """A question the user may read, with its perspective, agenda item and meeting.

    for_write: the user must also be allowed to comment (members, secretariat, admins);
    whether the comment period is open is the services' decision, not a lookup's.
    """
    if for_write and not can_comment(user):
        raise Http404
    try:
        return (
            visible_questions(user).select_related("perspective", "agenda_item__meeting").get(pk=pk)
        )
    except (Question.DoesNotExist, ValueError):
        raise Http404 from None


def visible_comments(user):
    """Comments the user may read: insiders (members, staff) all, others only published ones,
    and only on questions they can see."""
    qs = Comment.objects.filter(question__in=visible_questions(user))
    return qs if can_see_internal(user) else qs.public()


def access_comment(user, pk: int, *, for_write: bool = False) -> Comment:
    """A comment the user may read; for_write: only its author (anyone else: 404)."""
    if for_write and not can_comment(user):
        raise Http404
    qs = visible_comments(user).select_related(
        "question__perspective", "question__agenda_item__meeting", "author", "parent"
    )
    if for_write:
        qs = qs.filter(author=user)
    try:
        return qs.get(pk=pk)
    except (Comment.DoesNotExist, ValueError):
        raise Http404 from None


def access_evidence(user, pk: int) -> Evidence:
    """An evidence link on a question the user may see, with its question, scheme and measure."""
    try:
        return (
            Evidence.objects.filter(question__in=visible_questions(user))
            .select_related("question__perspective", "scheme", "measure__pillar")
            .get(pk=pk)
        )
    except (Evidence.DoesNotExist, ValueError):
        raise Http404 from None
