"""Lookups with permission: missing and forbidden give the same 404."""

from django.http import Http404

from accounts.roles import is_secretariat
from committee.models import Meeting


def access_meeting(user, pk: int, *, for_write: bool = False) -> Meeting:
    """A meeting the user may see (secretariat: any; others: published only).

    for_write: only the secretariat and admins; everyone else gets 404.
    """
    if for_write and not is_secretariat(user):
        raise Http404
    try:
        return Meeting.objects.visible_to(user).get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
