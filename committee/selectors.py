"""Reads of meetings and agendas, always given the acting user."""

from django.db.models import Prefetch
from django.utils import timezone

from accounts.roles import is_secretariat
from committee.models import AgendaItem, Meeting


def agenda_items_for(user):
    items = AgendaItem.objects.order_by("position")
    return items if is_secretariat(user) else items.published()


def meeting_list(user):
    """Meetings the user may see, with their agenda items, in number order."""
    return Meeting.objects.visible_to(user).prefetch_related(
        Prefetch("agenda_items", queryset=agenda_items_for(user))
    )


def next_meeting(user, now=None):
    """The first meeting not yet held, by date or tentative period."""
    now = now or timezone.now()
    upcoming = (
        meeting_list(user)
        .exclude(status__in=[Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED])
        .order_by("number")
    )
    for meeting in upcoming:
        if meeting.starts_at is None or meeting.starts_at >= now:
            return meeting
    return None
