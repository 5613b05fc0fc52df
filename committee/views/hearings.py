"""The secretariat's hearing edits on an agenda item (HTMX or not)."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import secretariat_required
from committee import services
from committee.access import access_agenda_item, access_hearing
from committee.forms import HearingForm
from committee.views.common import InlineEdit, agenda_refused, agenda_response, inline_edit

HEARING_EDIT = InlineEdit("hearing", HearingForm, services.hearing_update, "hearing_form.html")


@secretariat_required
@require_POST
def hearing_create(request, pk: int):
    item = access_agenda_item(request.user, pk, for_write=True)
    form = HearingForm(request.POST)
    if not form.is_valid():
        return agenda_refused(request, item.meeting, hearing_form=form, hearing_item=item.pk)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    services.hearing_create(item=item, by=request.user, **data)
    return agenda_response(
        request, item.meeting, anchor=f"item-{item.pk}", notice=_("The hearing was added.")
    )


@secretariat_required
@require_POST
def hearing_delete(request, pk: int):
    hearing = access_hearing(request.user, pk, for_write=True)
    meeting = hearing.agenda_item.meeting
    services.hearing_delete(hearing=hearing, by=request.user)
    return agenda_response(
        request,
        meeting,
        anchor=f"item-{hearing.agenda_item_id}",
        notice=_("The hearing was removed."),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def hearing_edit(request, pk: int):
    hearing = access_hearing(request.user, pk, for_write=True)
    return inline_edit(request, hearing, HEARING_EDIT, saved=_("The hearing was saved."))
