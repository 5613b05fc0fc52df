"""Outputs of an edition: A4 print page, DOCX, the 対応 table (print, XLSX, CSV), the 新旧対照表
(print, DOCX), and attaching one of them to the meeting as a numbered 資料."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import public, secretariat_required
from audit import actions
from audit.services import audit_record
from committee import filetypes
from committee import services as committee_services
from core.exports import CSV_CONTENT_TYPE, DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, download
from reports.access import access_edition
from reports.forms import AttachForm
from reports.models import Edition
from reports.outputs.compare import compare_editions
from reports.outputs.responses import response_rows, responses_csv, responses_xlsx, title
from reports.outputs.word import compare_docx, edition_docx
from reports.selectors import edition_outline
from reports.views.pages import DETAIL, detail_context


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = download(body, filename, content_type)
    # No shared cache keeps a file: core.public_cache stores only what has no Cache-Control.
    response["Cache-Control"] = "private, no-store"
    return response


def _name(edition, what: str, extension: str) -> str:
    return f"report{edition.report_id}-{edition.kind}-{what}.{extension}"


def _material_number(request) -> str:
    return (request.GET.get("number") or "")[:30]


def _print_page(request, template: str, edition, **shown):
    """A print page: the edition, what it shows, and the 資料 number typed for its header."""
    ctx = {"edition": edition, "material_number": _material_number(request), **shown}
    return render(request, template, ctx)


@public
@require_safe
def edition_print(request, pk: int):
    edition = access_edition(request.user, pk)
    outline = edition_outline(edition)
    return _print_page(request, "reports/edition_print.html", edition, outline=outline)


@public
@require_safe
def edition_word(request, pk: int):
    edition = access_edition(request.user, pk)
    body = edition_docx(edition, edition_outline(edition))
    return _download(body, DOCX_CONTENT_TYPE, _name(edition, "edition", "docx"))


@public
@require_safe
def responses_page(request, pk: int):
    edition = access_edition(request.user, pk)
    rows = response_rows(request.user, edition)
    template = "reports/responses_print.html"
    return _print_page(request, template, edition, rows=rows, title=title(edition))


def _responses_file(request, pk: int, extension: str, content_type: str, write):
    edition = access_edition(request.user, pk)
    _audit_export(request, edition)
    body = write(edition, response_rows(request.user, edition))
    return _download(body, content_type, _name(edition, "responses", extension))


@public
@require_safe
def responses_xlsx_download(request, pk: int):
    return _responses_file(request, pk, "xlsx", XLSX_CONTENT_TYPE, responses_xlsx)


@public
@require_safe
def responses_csv_download(request, pk: int):
    # The CSV is the bare table: it has no title row to take from the edition.
    return _responses_file(
        request, pk, "csv", CSV_CONTENT_TYPE, lambda _edition, rows: responses_csv(rows)
    )


def _audit_export(request, edition) -> None:
    # The 対応 table of an edition not yet published is members-only data leaving the site.
    if edition.status != Edition.Status.PUBLISHED:
        audit_record(actor=request.user, action=actions.EXPORT, obj=edition, request=request)


def _other(request, edition):
    """The edition to compare with: ?with=<pk> among the visible ones, else the previous."""
    raw = request.GET.get("with") or edition.previous_id
    if not raw:
        raise Http404
    other = access_edition(request.user, raw)
    if other.report_id != edition.report_id or other.pk == edition.pk:
        raise Http404
    return other


@public
@require_safe
def compare_page(request, pk: int):
    edition = access_edition(request.user, pk)
    comparison = compare_editions(_other(request, edition), edition)
    return _print_page(request, "reports/compare_print.html", edition, comparison=comparison)


@public
@require_safe
def compare_word(request, pk: int):
    edition = access_edition(request.user, pk)
    comparison = compare_editions(_other(request, edition), edition)
    return _download(compare_docx(comparison), DOCX_CONTENT_TYPE, _name(edition, "compare", "docx"))


def _attachment(request, edition, what: str) -> ContentFile:
    if what == "edition":
        body, name = edition_docx(edition, edition_outline(edition)), "edition.docx"
    elif what == "responses":
        body, name = responses_xlsx(edition, response_rows(request.user, edition)), "responses.xlsx"
    else:
        if not edition.previous_id:
            raise ValidationError({"what": _("This edition has no previous edition.")})
        previous = access_edition(request.user, edition.previous_id)
        body, name = compare_docx(compare_editions(previous, edition)), "compare.docx"
    stem, extension = name.split(".")
    return ContentFile(body, name=_name(edition, stem, extension))


@secretariat_required
@require_POST
def edition_attach(request, pk: int):
    """One step: build the output and add it to the meeting through committee's material
    service, exactly as the digest attaches itself."""
    edition = access_edition(request.user, pk, for_write=True)
    form = AttachForm(request.POST, meeting=edition.meeting)
    if form.is_valid():
        try:
            upload = _attachment(request, edition, form.cleaned_data["what"])
            detected = filetypes.detect(upload)
            typed = {k: form.cleaned_data[k] for k in ("number", "title", "is_published")}
            material = committee_services.material_create(
                meeting=edition.meeting,
                upload=upload,
                content_type=detected.content_type,
                by=request.user,
                **typed,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Attached to %(meeting)s as %(number)s.")
                % {"meeting": edition.meeting, "number": material.number},
            )
            return redirect(reverse("reports:edition-detail", args=[edition.pk]) + "#attach")
    ctx = detail_context(request, edition, attach_form=form)
    return render(request, DETAIL, ctx, status=422)
