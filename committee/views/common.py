"""What the committee views share: the meeting page's context and where an edit goes back to."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import reswap, retarget

from accounts.roles import is_secretariat
from committee import selectors
from committee.forms import AgendaItemForm
from committee.stale import unsaved_form, versioned_save
from core.htmx import render_page

DETAIL = "committee/meeting_detail.html"


def meeting_url(meeting, anchor: str = "") -> str:
    url = reverse("committee:meeting-detail", args=[meeting.pk])
    return f"{url}#{anchor}" if anchor else url


def detail_context(request, meeting, **extra) -> dict:
    ctx = selectors.meeting_page(request.user, meeting)
    ctx["can_edit"] = is_secretariat(request.user)
    ctx["item_form"] = AgendaItemForm(auto_id="new-item-%s")
    ctx.update(extra)
    return ctx


def initial(obj, fields) -> dict:
    return {**{name: getattr(obj, name) for name in fields}, "version": obj.version}


def agenda_refused(request, meeting, *, status: int = 422, **extra):
    """A refused agenda or hearing form: the meeting page (HTMX: its agenda) with the errors."""
    ctx = detail_context(request, meeting, **extra)
    return render_page(request, DETAIL, ctx, partial="agenda", status=status)


def agenda_response(
    request, meeting, *, notice: str = "", focus=(None, None), anchor="agenda-heading"
):
    """HTMX: the refreshed agenda, with focus on `focus` = (item pk, "up"/"down"/"item") and
    the notice in a live region; without JavaScript: back to the meeting page at the item."""
    if request.htmx:
        ctx = detail_context(
            request, meeting, notice=notice, focus_item=focus[0], focus_dir=focus[1]
        )
        response = render_page(request, DETAIL, ctx, partial="agenda")
        # The inline edit form replaces only its item; a successful save refreshes the list.
        return reswap(retarget(response, "#agenda-list"), "innerHTML")
    if notice:
        messages.success(request, notice)
    return redirect(meeting_url(meeting, anchor))


@dataclass(frozen=True)
class InlineEdit:
    """One kind of object edited inline on the meeting page (an agenda item, a hearing): its
    name (the service's keyword and the template's variable), form, versioned service
    (`save(<name>=obj, by=user, version=…, **fields)`) and template under committee/."""

    name: str
    form_class: type
    save: Callable
    template: str

    @property
    def fields(self) -> list[str]:
        return [name for name in self.form_class.base_fields if name != "version"]

    @property
    def partial(self) -> str:
        return f"{self.name}-form"


def item_saved(request, item, notice: str):
    """The agenda after a save, focus and anchor on the saved item."""
    return agenda_response(
        request, item.meeting, notice=notice, focus=(item.pk, "item"), anchor=f"item-{item.pk}"
    )


def inline_edit(request, obj, spec: InlineEdit, *, saved: str):
    """The edit form of an agenda item or hearing, inline on the meeting page (HTMX) or on its
    own page: GET shows it with the stored values; POST saves through the spec's versioned
    service and answers the refreshed agenda with the notice `saved`, or the form again with
    422/409."""
    item = getattr(obj, "agenda_item", obj)  # a hearing's item, or the item itself
    # Field ids unique on the meeting page (item-5-title, hearing-7-speaker).
    auto_id = f"{spec.name}-{obj.pk}-%s"
    if request.method == "POST":
        save = partial(spec.save, **{spec.name: obj}, by=request.user)
        form = spec.form_class(request.POST, auto_id=auto_id)
        result = versioned_save(form, save, fields=spec.fields)
        if result.saved:
            return item_saved(request, item, saved)
    else:
        form = spec.form_class(auto_id=auto_id, initial=initial(obj, spec.fields))
        result = unsaved_form(form)
    ctx = {spec.name: obj, "meeting": item.meeting, "form": result.form, "result": result}
    template = f"committee/{spec.template}"
    return render_page(request, template, ctx, partial=spec.partial, status=result.status)
