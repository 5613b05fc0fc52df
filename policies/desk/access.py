"""Lookups of the desk's objects; missing and forbidden answer the same 404."""

from django.http import Http404

from accounts.roles import is_secretariat
from policies.access import access_question
from policies.models import Perspective, Question


def access_perspective(user, pk: int) -> Perspective:
    """A perspective, for the secretariat (and admins) only."""
    if not is_secretariat(user):
        raise Http404
    try:
        return Perspective.objects.get(pk=pk)
    except (Perspective.DoesNotExist, ValueError):
        raise Http404 from None


def access_desk_question(user, pk: int) -> Question:
    """A question (drafts too) for the secretariat (and admins) only; everyone else 404."""
    if not is_secretariat(user):
        raise Http404
    return access_question(user, pk, for_write=True)
