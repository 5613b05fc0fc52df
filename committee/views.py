"""Pages of meetings: agendas, hearings, materials, minutes; the secretariat's edits."""

import copy
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import public, secretariat_required
from accounts.roles import is_secretariat
from committee import calendar, selectors, services
from committee.access import (
    access_agenda_item,
    access_hearing,
    access_material,
    access_material_file,
    access_meeting,
)
from committee.forms import AgendaItemForm, HearingForm, MaterialForm, MeetingForm, MinutesForm
from committee.models import Minutes

DETAIL = "committee/meeting_detail.html"


ITEM_FORM_FIELDS = ["title", "description", "is_published"]
HEARING_FORM_FIELDS = ["speaker", "affiliation", "topic"]


def _meeting_url(meeting, anchor: str = "") -> str:
    url = reverse("committee:meeting-detail", args=[meeting.pk])
    return f"{url}#{anchor}" if anchor else url


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


def _detail_context(request, meeting, **extra) -> dict:
    ctx = selectors.meeting_page(request.user, meeting)
    ctx["can_edit"] = is_secretariat(request.user)
    ctx["item_form"] = AgendaItemForm(auto_id="new-item-%s")
    ctx.update(extra)
    return ctx


@public
@require_safe
def meeting_detail(request, pk: int):
    meeting = access_meeting(request.user, pk)
    ctx = _detail_context(request, meeting)
    if request.htmx:
        return render(request, DETAIL + "#agenda", ctx)
    return render(request, DETAIL, ctx)


@public
@require_safe
def meeting_ics(request, pk: int):
    meeting = access_meeting(request.user, pk)
    url = request.build_absolute_uri(_meeting_url(meeting))
    try:
        body = calendar.meeting_ics(meeting, url=url)
    except ValueError:
        raise Http404 from None  # no date and no period yet: nothing to put in a calendar
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.number}.ics"'
    return response


# --- Meetings (secretariat) ------------------------------------------------------------


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
            return redirect(_meeting_url(meeting))
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
    stale = None
    if request.method == "POST":
        saved, stale, form = _versioned_save(
            form, partial(services.meeting_update, meeting=meeting, by=request.user)
        )
        if saved:
            messages.success(request, _("The meeting was saved."))
            return redirect(_meeting_url(meeting))
    return render(
        request,
        "committee/meeting_form.html",
        {
            "form": form,
            "meeting": access_meeting(request.user, pk),
            "stale": stale,
            "stale_values": _stale_values(stale, services.MEETING_FIELDS),
        },
        status=409 if stale else (422 if form.is_bound else 200),
    )


def _stale_values(current, fields) -> list[tuple[str, object]]:
    if current is None:
        return []
    return [(name, getattr(current, name)) for name in fields]


def _rebase(form, current):
    """Keep what the editor typed but carry the current version, so a second save is a
    deliberate choice after seeing the current values."""
    data = form.data.copy()
    data["version"] = str(current.version) if current is not None else "0"
    kwargs = {}
    if hasattr(form, "instance"):
        # A bound ModelForm writes into its instance; the stale values shown must stay intact.
        kwargs["instance"] = copy.copy(current)
    if isinstance(form, MaterialForm):
        kwargs.update(meeting=form.meeting, material=form.material)
    if form.auto_id != "id_%s":
        kwargs["auto_id"] = form.auto_id
    rebased = form.__class__(data, form.files or None, **kwargs)
    rebased.is_valid()
    rebased.add_error(
        None,
        _(
            "Someone else saved this while you were editing. Your changes were not saved. "
            "The current saved values are shown below; save again to replace them with yours."
        ),
    )
    return rebased


def _versioned_save(form, save):
    """Validate `form` and call `save(version=..., **cleaned_data)`. Returns (saved, stale, form):
    a stale version gives back the form rebased on the current values (never a silent
    overwrite); an object deleted meanwhile is a 404."""
    if not form.is_valid():
        return False, None, form
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        save(version=form.cleaned_data["version"] or 0, **data)
    except services.StaleEdit as e:
        if e.current is None:
            raise Http404 from None
        return False, e.current, _rebase(form, e.current)
    return True, None, form


def _initial(obj, fields) -> dict:
    return {**{name: getattr(obj, name) for name in fields}, "version": obj.version}


# --- Agenda items (secretariat) ---------------------------------------------------------


def _agenda_response(
    request, meeting, *, notice: str = "", focus=(None, None), anchor="agenda-heading"
):
    """HTMX: the refreshed agenda, with focus on `focus` = (item pk, "up"/"down"/"item") and
    the notice in a live region; without JavaScript: back to the meeting page at the item."""
    if request.htmx:
        ctx = _detail_context(
            request, meeting, notice=notice, focus_item=focus[0], focus_dir=focus[1]
        )
        response = render(request, DETAIL + "#agenda", ctx)
        # The inline edit form replaces only its item; a successful save refreshes the list.
        response["HX-Retarget"] = "#agenda-list"
        response["HX-Reswap"] = "innerHTML"
        return response
    if notice:
        messages.success(request, notice)
    return redirect(_meeting_url(meeting, anchor))


@secretariat_required
@require_POST
def agenda_item_create(request, pk: int):
    meeting = access_meeting(request.user, pk, for_write=True)
    form = AgendaItemForm(request.POST, auto_id="new-item-%s")
    if not form.is_valid():
        ctx = _detail_context(request, meeting, item_form=form)
        if request.htmx:
            # htmx only swaps 2xx responses: the fragment with its errors comes back as 200.
            return render(request, DETAIL + "#agenda", ctx)
        return render(request, DETAIL, ctx, status=422)
    item = services.agenda_item_create(
        meeting=meeting,
        title=form.cleaned_data["title"],
        description=form.cleaned_data["description"],
        is_published=form.cleaned_data["is_published"],
        by=request.user,
    )
    return _agenda_response(
        request,
        meeting,
        notice=_("The agenda item was added."),
        focus=(item.pk, "item"),
        anchor=f"item-{item.pk}",
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk: int):
    item = access_agenda_item(request.user, pk, for_write=True)
    stale = None
    if request.method == "POST":
        form = AgendaItemForm(request.POST, auto_id=f"item-{item.pk}-%s")
        saved, stale, form = _versioned_save(
            form, partial(services.agenda_item_update, item=item, by=request.user)
        )
        if saved:
            return _agenda_response(
                request,
                item.meeting,
                notice=_("The agenda item was saved."),
                focus=(item.pk, "item"),
                anchor=f"item-{item.pk}",
            )
    else:
        form = AgendaItemForm(
            auto_id=f"item-{item.pk}-%s", initial=_initial(item, ITEM_FORM_FIELDS)
        )
    ctx = {
        "form": form,
        "item": item,
        "meeting": item.meeting,
        "stale": stale,
        "stale_values": _stale_values(stale, ITEM_FORM_FIELDS),
    }
    status = 409 if stale else (422 if form.is_bound else 200)
    if request.htmx:
        return render(request, "committee/agenda_item_form.html#item-form", ctx)
    return render(request, "committee/agenda_item_form.html", ctx, status=status)


@secretariat_required
@require_POST
def agenda_item_delete(request, pk: int):
    item = access_agenda_item(request.user, pk, for_write=True)
    meeting = item.meeting
    services.agenda_item_delete(item=item, by=request.user)
    # The deleted item's buttons are gone: keep keyboard focus on the list itself.
    return _agenda_response(
        request, meeting, notice=_("The agenda item was deleted."), focus=(None, "list")
    )


@secretariat_required
@require_POST
def agenda_item_move(request, pk: int, direction: str):
    item = access_agenda_item(request.user, pk, for_write=True)
    if direction not in ("up", "down"):
        raise Http404
    services.agenda_item_move(item=item, direction=direction, by=request.user)
    return _agenda_response(
        request, item.meeting, focus=(item.pk, direction), anchor=f"item-{item.pk}"
    )


# --- Hearings (secretariat) ------------------------------------------------------------


@secretariat_required
@require_POST
def hearing_create(request, pk: int):
    item = access_agenda_item(request.user, pk, for_write=True)
    form = HearingForm(request.POST)
    if not form.is_valid():
        ctx = _detail_context(request, item.meeting, hearing_form=form, hearing_item=item.pk)
        if request.htmx:
            # htmx only swaps 2xx responses: the fragment with its errors comes back as 200.
            return render(request, DETAIL + "#agenda", ctx)
        return render(request, DETAIL, ctx, status=422)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    services.hearing_create(item=item, by=request.user, **data)
    return _agenda_response(
        request, item.meeting, anchor=f"item-{item.pk}", notice=_("The hearing was added.")
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def hearing_edit(request, pk: int):
    hearing = access_hearing(request.user, pk, for_write=True)
    stale = None
    auto_id = f"hearing-{hearing.pk}-%s"
    if request.method == "POST":
        form = HearingForm(request.POST, auto_id=auto_id)
        saved, stale, form = _versioned_save(
            form, partial(services.hearing_update, hearing=hearing, by=request.user)
        )
        if saved:
            return _agenda_response(
                request,
                hearing.agenda_item.meeting,
                notice=_("The hearing was saved."),
                focus=(hearing.agenda_item_id, "item"),
                anchor=f"item-{hearing.agenda_item_id}",
            )
    else:
        form = HearingForm(auto_id=auto_id, initial=_initial(hearing, HEARING_FORM_FIELDS))
    ctx = {
        "form": form,
        "hearing": hearing,
        "meeting": hearing.agenda_item.meeting,
        "stale": stale,
        "stale_values": _stale_values(stale, HEARING_FORM_FIELDS),
    }
    if request.htmx:
        return render(request, "committee/hearing_form.html#hearing-form", ctx)
    status = 409 if stale else (422 if form.is_bound else 200)
    return render(request, "committee/hearing_form.html", ctx, status=status)


@secretariat_required
@require_POST
def hearing_delete(request, pk: int):
    hearing = access_hearing(request.user, pk, for_write=True)
    meeting = hearing.agenda_item.meeting
    services.hearing_delete(hearing=hearing, by=request.user)
    return _agenda_response(
        request,
        meeting,
        anchor=f"item-{hearing.agenda_item_id}",
        notice=_("The hearing was removed."),
    )


# --- Materials -------------------------------------------------------------------------


@secretariat_required
@require_http_methods(["GET", "POST"])
def material_create(request, pk: int):
    meeting = access_meeting(request.user, pk, for_write=True)
    suggestions = selectors.suggest_material_numbers(meeting)
    form = MaterialForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            material = services.material_create(
                meeting=meeting,
                number=form.cleaned_data["number"],
                title=form.cleaned_data["title"],
                is_published=form.cleaned_data["is_published"],
                upload=form.cleaned_data["file"],
                content_type=form.content_type,
                by=request.user,
            )
        except ValidationError as error:  # the number was taken meanwhile
            form.add_error(None, error)
        else:
            messages.success(request, _("%(number)s was uploaded.") % {"number": material.number})
            return redirect(_meeting_url(meeting, "materials-heading"))
    if not form.is_bound and suggestions:
        form.initial["number"] = suggestions[0]
    ctx = {"form": form, "meeting": meeting, "material": None, "suggestions": suggestions}
    return render(
        request, "committee/material_form.html", ctx, status=422 if form.is_bound else 200
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def material_edit(request, pk: int):
    material = access_material(request.user, pk, for_write=True)
    meeting = material.meeting
    stale = None
    if request.method == "POST":
        form = MaterialForm(request.POST, request.FILES, meeting=meeting, material=material)
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            try:
                services.material_update(
                    material=material,
                    version=form.cleaned_data["version"],
                    number=form.cleaned_data["number"],
                    title=form.cleaned_data["title"],
                    is_published=form.cleaned_data["is_published"],
                    upload=upload,
                    content_type=getattr(form, "content_type", ""),
                    by=request.user,
                )
            except services.StaleEdit as e:
                stale = e.current
                if stale is None:
                    raise Http404 from None
                form = _rebase(form, stale)
            except ValidationError as error:  # the number was taken meanwhile
                form.add_error(None, error)
            else:
                messages.success(request, _("The material was saved."))
                return redirect(_meeting_url(meeting, "materials-heading"))
    else:
        form = MaterialForm(
            meeting=meeting,
            material=material,
            initial={
                "number": material.number,
                "title": material.title,
                "is_published": material.is_published,
                "version": material.version,
            },
        )
    ctx = {
        "form": form,
        "meeting": meeting,
        "material": material,
        "versions": material.versions.select_related("uploaded_by"),
        "stale": stale,
        "stale_values": _stale_values(stale, services.MATERIAL_FIELDS),
    }
    status = 409 if stale else (422 if form.is_bound else 200)
    return render(request, "committee/material_form.html", ctx, status=status)


@secretariat_required
@require_POST
def material_delete(request, pk: int):
    material = access_material(request.user, pk, for_write=True)
    meeting = material.meeting
    services.material_delete(material=material, by=request.user)
    messages.success(request, _("The material was deleted."))
    return redirect(_meeting_url(meeting, "materials-heading"))


@public
@require_safe
def material_download(request, pk: int, version_pk: int | None = None):
    version = access_material_file(request.user, pk, version_pk)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Minutes ---------------------------------------------------------------------------


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    meeting = access_meeting(request.user, pk, for_write=True)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    stale = None
    if request.method == "POST":
        form = MinutesForm(request.POST)
        if form.is_valid():
            try:
                services.minutes_save(
                    meeting=meeting,
                    version=form.cleaned_data["version"],
                    body=form.cleaned_data["body"],
                    is_published=form.cleaned_data["is_published"],
                    by=request.user,
                )
            except services.StaleEdit as e:
                stale = e.current
                form = _rebase(form, stale)
            else:
                messages.success(request, _("The minutes were saved."))
                return redirect(_meeting_url(meeting, "minutes-heading"))
    else:
        form = MinutesForm(
            initial={
                "body": minutes.body if minutes else "",
                "is_published": minutes.is_published if minutes else False,
                "version": minutes.version if minutes else 0,
            }
        )
    ctx = {
        "form": form,
        "meeting": meeting,
        "minutes": minutes,
        "stale": stale,
        "stale_values": _stale_values(stale, services.MINUTES_FIELDS),
    }
    status = 409 if stale else (422 if form.is_bound else 200)
    return render(request, "committee/minutes_form.html", ctx, status=status)
