"""The secretariat's minutes editor."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import secretariat_required
from committee import services
from committee.access import access_meeting
from committee.forms import MinutesForm
from committee.models import Minutes
from committee.stale import unsaved_form, versioned_save
from committee.views.common import meeting_url


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    meeting = access_meeting(request.user, pk, for_write=True)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if request.method == "POST":
        result = versioned_save(
            MinutesForm(request.POST),
            partial(services.minutes_save, meeting=meeting, by=request.user),
            fields=services.MINUTES_FIELDS,
            missing_is_404=False,
        )
        if result.saved:
            messages.success(request, _("The minutes were saved."))
            return redirect(meeting_url(meeting, "minutes-heading"))
    else:
        result = unsaved_form(
            MinutesForm(
                initial={
                    "body": minutes.body if minutes else "",
                    "is_published": minutes.is_published if minutes else False,
                    "version": minutes.version if minutes else 0,
                }
            )
        )
    ctx = {"form": result.form, "meeting": meeting, "minutes": minutes, "result": result}
    return render(request, "committee/minutes_form.html", ctx, status=result.status)
