"""Meeting pages: home, list, detail, calendar file; the secretariat's create and edit."""

from functools import partial

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import public, secretariat_required
from accounts.roles import is_secretariat
from committee import calendar, selectors, services
from committee.access import access_meeting
from committee.forms import MeetingForm
from committee.stale import unsaved_form, versioned_save
from committee.views.common import DETAIL, detail_context, meeting_url
from core.htmx import render_page


@public
@require_safe
def home(request):
    return render(request, "committee/home.html", {"meeting": selectors.next_meeting(request.user)})


@public
@require_safe
def meeting_list(request):
    split = selectors.meetings_split(request.user)
    sections = [
        ("upcoming-heading", _("Upcoming meetings"), split["upcoming"]),
        ("past-heading", _("Past meetings"), split["past"]),
    ]
    return render(
        request,
        "committee/meeting_list.html",
        {"sections": sections, "can_edit": is_secretariat(request.user)},
    )


@public
@require_safe
def meeting_detail(request, pk: int):
    meeting = access_meeting(request.user, pk)
    return render_page(request, DETAIL, detail_context(request, meeting), partial="agenda")


@public
@require_safe
def meeting_ics(request, pk: int):
    meeting = access_meeting(request.user, pk)
    url = request.build_absolute_uri(meeting_url(meeting))
    try:
        body = calendar.meeting_ics(meeting, url=url)
    except ValueError:
        raise Http404 from None  # no date and no period yet: nothing to put in a calendar
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.number}.ics"'
    return response


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            meeting = services.meeting_create(by=request.user, **data)
        except IntegrityError:
            # Someone took the number between validation and saving.
            form.add_error("number", _("This number is already used by another meeting."))
        else:
            messages.success(request, _("The meeting was created."))
            return redirect(meeting_url(meeting))
    if not form.is_bound:
        number = selectors.next_meeting_number()
        form.initial.update(
            number=number, title=_("Meeting %(n)s of the committee") % {"n": number}
        )
    return render(
        request,
        "committee/meeting_form.html",
        {"form": form, "meeting": None},
        status=422 if form.is_bound else 200,
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    meeting = access_meeting(request.user, pk, for_write=True)
    form = MeetingForm(request.POST or None, instance=meeting)
    result = unsaved_form(form)
    if request.method == "POST":
        result = versioned_save(
            form,
            partial(services.meeting_update, meeting=meeting, by=request.user),
            fields=services.MEETING_FIELDS,
        )
        if result.saved:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting_url(meeting))
    ctx = {"form": result.form, "meeting": access_meeting(request.user, pk), "result": result}
    return render(request, "committee/meeting_form.html", ctx, status=result.status)
