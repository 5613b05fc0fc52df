"""The 議事要旨 / 議事録 of a meeting: the secretariat's work page, transcript import, sending
for confirmation, publishing; the published record as a page, print (A4) and DOCX."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import public, secretariat_required
from committee.access import access_meeting
from core.errors import Refusal
from core.exports import DOCX_CONTENT_TYPE, download
from proceedings import selectors
from proceedings.access import access_record
from proceedings.exports import record_docx
from proceedings.forms import SendForm, TranscriptForm
from proceedings.services import confirm as confirm_services
from proceedings.services import records as services
from proceedings.views.common import done, refused

MANAGE = "proceedings/record_manage.html"
IMPORT = "proceedings/record_import.html"


def _manage_url(record) -> str:
    return reverse("proceedings:record-manage", args=[record.pk])


def _published_ctx(record) -> dict:
    return {
        "record": record,
        "meeting": record.meeting,
        "sections": selectors.record_sections(record),
        "summary": selectors.attendance_summary(record.meeting),
    }


@secretariat_required
@require_POST
def record_create(request, pk: int, kind: str):
    meeting = access_meeting(request.user, pk, for_write=True)
    try:
        record = services.record_create(meeting=meeting, kind=kind, by=request.user)
    except Refusal as error:
        return HttpResponse(error.message, status=error.status)
    return done(request, _manage_url(record))


def manage_context(record, **extra) -> dict:
    return {
        "record": record,
        "meeting": record.meeting,
        "sections": selectors.record_sections(record, corrections=True),
        "confirmations": selectors.confirmations(record),
        "basis": services.publish_basis(record),
        "send_form": extra.pop("send_form", None)
        or SendForm(initial={"deadline": record.confirm_deadline}),
        **extra,
    }


def _refused(request, record, error, **extra):
    """The work page again, with the refusal."""
    return refused(request, MANAGE, manage_context(record, **extra), error)


@secretariat_required
@require_safe
def record_manage(request, pk: int):
    record = access_record(request.user, pk, for_write=True)
    return render(request, MANAGE, manage_context(record))


@secretariat_required
@require_http_methods(["GET", "HEAD", "POST"])
def record_import(request, pk: int):
    record = access_record(request.user, pk, for_write=True)
    meeting = record.meeting
    if request.method != "POST":
        form = TranscriptForm(meeting=meeting)
        return render(request, IMPORT, {"record": record, "meeting": meeting, "form": form})
    form = TranscriptForm(request.POST, request.FILES, meeting=meeting)
    ctx = {
        "record": record,
        "meeting": meeting,
        "form": form,
        "choices": selectors.speaker_choices(meeting),
    }
    if not form.is_valid():
        return render(request, IMPORT, ctx, status=422)
    text = form.cleaned_data["text"]
    resolutions = {
        name: request.POST.get(f"resolve-{i}", "")
        for i, name in enumerate(request.POST.getlist("unmatched"))
    }
    try:
        created = services.transcript_import(
            record=record,
            text=text,
            agenda_item=form.cleaned_data["agenda_item"],
            resolutions=resolutions,
            by=request.user,
        )
    except services.Unresolved as error:
        ctx["unmatched"] = error.names
        return refused(request, IMPORT, ctx, error)
    except Refusal as error:
        return refused(request, IMPORT, ctx, error)
    message = _("%(n)s statements imported.") % {"n": len(created)}
    return done(request, _manage_url(record), message)


@secretariat_required
@require_POST
def record_send(request, pk: int):
    record = access_record(request.user, pk, for_write=True)
    form = SendForm(request.POST)
    try:
        if not form.is_valid():
            raise Refusal(_("Give the deadline as a date and time."), status=422)
        asked = services.record_send(
            record=record, deadline=form.cleaned_data["deadline"], by=request.user
        )
    except Refusal as error:
        return _refused(request, record, error, send_form=form)
    message = _("Sent to %(n)s speakers for confirmation.") % {"n": asked}
    return done(request, _manage_url(record), message)


@secretariat_required
@require_POST
def record_remind(request, pk: int):
    record = access_record(request.user, pk, for_write=True)
    if record.status == record.Status.CONFIRMING:
        sent = confirm_services.reminders_send(record=record)
        message = _("%(n)s reminders sent (at most one a day to each member).") % {"n": sent}
        return done(request, _manage_url(record), message)
    error = Refusal(_("This record is not out for confirmation."), status=409)
    return _refused(request, record, error)


@secretariat_required
@require_POST
def record_publish(request, pk: int):
    record = access_record(request.user, pk, for_write=True)
    try:
        record = services.record_publish(record=record, by=request.user)
    except Refusal as error:
        return _refused(request, record, error)
    message = _("Published (%(basis)s).") % {"basis": record.get_published_basis_display()}
    return done(request, reverse("proceedings:record-detail", args=[record.pk]), message)


@public
@require_safe
def record_detail(request, pk: int):
    record = access_record(request.user, pk)
    return render(request, "proceedings/record_detail.html", _published_ctx(record))


@public
@require_safe
def record_print(request, pk: int):
    record = access_record(request.user, pk)
    return render(request, "proceedings/record_print.html", _published_ctx(record))


@public
@require_safe
def record_docx_view(request, pk: int):
    record = access_record(request.user, pk)
    ctx = _published_ctx(record)
    data = record_docx(record, ctx["sections"], ctx["summary"] if record.is_published else None)
    stamp = timezone.localdate().strftime("%Y%m%d")
    name = f"meeting{record.meeting.number}-{record.kind}-{stamp}.docx"
    return download(data, name, DOCX_CONTENT_TYPE)
