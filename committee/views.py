"""Pages of meetings and agendas."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import public
from committee import selectors
from committee.access import access_meeting


@public
@require_GET
def home(request):
    return render(request, "committee/home.html", {"meeting": selectors.next_meeting(request.user)})


@public
@require_GET
def meeting_list(request):
    return render(
        request, "committee/meeting_list.html", {"meetings": selectors.meeting_list(request.user)}
    )


@public
@require_GET
def meeting_detail(request, pk: int):
    meeting = access_meeting(request.user, pk)
    items = selectors.agenda_items_for(request.user).filter(meeting=meeting)
    return render(request, "committee/meeting_detail.html", {"meeting": meeting, "items": items})
