"""What the committee views share: the meeting page's context and where an edit goes back to."""

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


def inline_edit(request, obj, *, form_class, fields, save, on_saved, template, partial, ctx):
    """The edit form of an agenda item or hearing, inline on the meeting page (HTMX) or on its
    own page: GET shows it with the stored values; POST saves through `save` (a versioned
    service) and answers `on_saved()`, or the form again with 422/409."""
    # Field ids unique on the meeting page (item-5-title, hearing-7-speaker), from the partial.
    auto_id = f"{partial.removesuffix('-form')}-{obj.pk}-%s"
    if request.method == "POST":
        result = versioned_save(form_class(request.POST, auto_id=auto_id), save, fields=fields)
        if result.saved:
            return on_saved()
    else:
        result = unsaved_form(form_class(auto_id=auto_id, initial=initial(obj, fields)))
    ctx = {**ctx, "form": result.form, "result": result}
    return render_page(request, template, ctx, partial=partial, status=result.status)
