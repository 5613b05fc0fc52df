"""The secretariat's agenda edits: add, edit inline, delete and move items (HTMX or not)."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import secretariat_required
from committee import services
from committee.access import access_agenda_item, access_meeting
from committee.forms import AgendaItemForm
from committee.views.common import (
    InlineEdit,
    agenda_refused,
    agenda_response,
    inline_edit,
    item_saved,
)

ITEM_EDIT = InlineEdit("item", AgendaItemForm, services.agenda_item_update, "agenda_item_form.html")


@secretariat_required
@require_POST
def agenda_item_create(request, pk: int):
    meeting = access_meeting(request.user, pk, for_write=True)
    form = AgendaItemForm(request.POST, auto_id="new-item-%s")
    if not form.is_valid():
        return agenda_refused(request, meeting, item_form=form)
    item = services.agenda_item_create(
        meeting=meeting,
        title=form.cleaned_data["title"],
        description=form.cleaned_data["description"],
        is_published=form.cleaned_data["is_published"],
        by=request.user,
    )
    return item_saved(request, item, _("The agenda item was added."))


@secretariat_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk: int):
    item = access_agenda_item(request.user, pk, for_write=True)
    return inline_edit(request, item, ITEM_EDIT, saved=_("The agenda item was saved."))


@secretariat_required
@require_POST
def agenda_item_delete(request, pk: int):
    item = access_agenda_item(request.user, pk, for_write=True)
    services.agenda_item_delete(item=item, by=request.user)
    # The deleted item's buttons are gone: keep keyboard focus on the list itself.
    return agenda_response(
        request, item.meeting, notice=_("The agenda item was deleted."), focus=(None, "list")
    )


@secretariat_required
@require_POST
def agenda_item_move(request, pk: int, direction: str):
    item = access_agenda_item(request.user, pk, for_write=True)
    if direction not in ("up", "down"):
        raise Http404
    services.agenda_item_move(item=item, direction=direction, by=request.user)
    return agenda_response(
        request, item.meeting, focus=(item.pk, direction), anchor=f"item-{item.pk}"
    )
