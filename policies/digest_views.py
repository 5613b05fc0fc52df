"""The secretariat's digest (論点整理) of a meeting's comments: page, print, XLSX, CSV, and
attaching it to the meeting as a numbered material."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import secretariat_required
from audit.services import audit_record
from committee import filetypes
from committee import services as committee_services
from committee.access import access_meeting
from committee.forms import clean_material_number, material_description
from committee.selectors import suggest_material_numbers
from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download
from core.htmx import render_page
from core.text import TextGuardMixin
from policies.access import access_question
from policies.digest import digest_for_meeting, digest_for_question, meeting_perspectives
from policies.digest_exports import digest_csv, digest_xlsx, export_filename

TEMPLATE = "policies/digest.html"


class AttachForm(TextGuardMixin, forms.Form):
    """Attach the generated workbook to the meeting as a numbered material."""

    number = forms.CharField(label=gettext_lazy("Material number"), max_length=30)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    is_published = forms.BooleanField(
        label=gettext_lazy("Publish the material now"), required=False, initial=False
    )
    perspective = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_number(self):
        return clean_material_number(self.cleaned_data["number"], self.meeting)

    def clean_title(self):
        return self.cleaned_data["title"].strip()


def _perspective(request_data, perspectives):
    """The perspective chosen in ?perspective= (or the form), among the meeting's; None = all."""
    raw = request_data.get("perspective") or ""
    if not raw:
        return None
    for p in perspectives:
        if str(p.pk) == str(raw):
            return p
    raise Http404


def _default_title(meeting, perspective) -> str:
    if perspective is None:
        return _("Digest of members' comments") + f"（{meeting}）"
    return _("Digest of members' comments") + f"（{perspective.marker}{perspective.label}）"


def _context(request, meeting, perspective, perspectives, attach_form=None) -> dict:
    digest = digest_for_meeting(request.user, meeting, perspective=perspective)
    if attach_form is None:
        suggestions = suggest_material_numbers(meeting)
        attach_form = AttachForm(
            meeting=meeting,
            initial={
                "number": suggestions[0] if suggestions else "",
                "title": _default_title(meeting, perspective),
                "perspective": perspective.pk if perspective else None,
            },
        )
    query = f"?perspective={perspective.pk}" if perspective else ""
    return {
        "meeting": meeting,
        "digest": digest,
        "perspectives": perspectives,
        "selected": perspective,
        "attach_form": attach_form,
        "query": query,
        # The 資料 number printed at the top right, as on a real 審議会 material.
        "material_number": (request.GET.get("number") or attach_form["number"].value() or "")[:30],
    }


def _chosen(request, pk: int, data):
    """The meeting (secretariat's lookup), its perspectives and the one `data` chooses."""
    meeting = access_meeting(request.user, pk, for_write=True)
    perspectives = meeting_perspectives(request.user, meeting)
    return meeting, perspectives, _perspective(data, perspectives)


@secretariat_required
@require_safe
def meeting_digest(request, pk: int):
    meeting, perspectives, perspective = _chosen(request, pk, request.GET)
    ctx = _context(request, meeting, perspective, perspectives)
    return render_page(request, TEMPLATE, ctx, partial="digest-doc")


def _export(request, pk: int, build, extension: str, content_type: str) -> HttpResponse:
    meeting, _perspectives, perspective = _chosen(request, pk, request.GET)
    digest = digest_for_meeting(request.user, meeting, perspective=perspective)
    audit_record(actor=request.user, action="export", obj=meeting, request=request)
    return download(build(digest), export_filename(digest, extension), content_type)


@secretariat_required
@require_safe
def meeting_digest_xlsx(request, pk: int):
    return _export(request, pk, digest_xlsx, "xlsx", XLSX_CONTENT_TYPE)


@secretariat_required
@require_safe
def meeting_digest_csv(request, pk: int):
    return _export(request, pk, digest_csv, "csv", CSV_CONTENT_TYPE)


@secretariat_required
@require_POST
def meeting_digest_attach(request, pk: int):
    meeting, perspectives, perspective = _chosen(request, pk, request.POST)
    form = AttachForm(request.POST, meeting=meeting)
    if form.is_valid():
        digest = digest_for_meeting(request.user, meeting, perspective=perspective)
        upload = ContentFile(digest_xlsx(digest), name=export_filename(digest, "xlsx"))
        # The same check an uploaded file gets: what we attach must pass it too.
        detected = filetypes.detect(upload)
        try:
            material = committee_services.material_create(
                meeting=meeting,
                **material_description(form),
                upload=upload,
                content_type=detected.content_type,
                by=request.user,
            )
        except ValidationError as error:  # the number was taken meanwhile
            form.add_error(None, error)
        else:
            message = _("The digest was attached to the meeting as %(number)s.") % {
                "number": material.number
            }
            if request.htmx:
                ctx = _context(request, meeting, perspective, perspectives)
                ctx["attached"] = material
                ctx["attached_message"] = message
                return render_page(request, TEMPLATE, ctx, partial="attach-panel")
            messages.success(request, message)
            url = reverse("digest:meeting", args=[meeting.pk])
            query = f"?perspective={perspective.pk}" if perspective else ""
            return redirect(url + query)
    ctx = _context(request, meeting, perspective, perspectives, attach_form=form)
    return render_page(request, TEMPLATE, ctx, partial="attach-panel", status=400)


@secretariat_required
@require_safe
def question_columns(request, pk: int):
    question = access_question(request.user, pk)
    ctx = {"question": question, "qd": digest_for_question(request.user, question)}
    return render_page(request, "policies/digest_question.html", ctx, partial="columns")
