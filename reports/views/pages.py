"""Reports and editions: the list, the edition page, new editions, share/publish, history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from accounts.decorators import public, secretariat_required
from accounts.roles import is_secretariat
from committee.selectors import suggest_material_numbers
from core.htmx import render_page
from reports import selectors, services
from reports.access import access_edition, access_report, visible_reports
from reports.forms import AttachForm, EditionForm, ReportForm, StatusForm
from reports.models import Edition, ReportChange

DETAIL = "reports/edition_detail.html"


def form_errors(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form, on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_save(form, service, **kwargs):
    """What the service returns, or None once its ValidationError is on the form."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        form_errors(form, error)
        return None


@public
@require_safe
def report_list(request):
    reports = list(visible_reports(request.user).order_by("id"))
    for report in reports:
        report.visible = selectors.report_editions(request.user, report)
    return render(
        request,
        "reports/report_list.html",
        {"reports": reports, "form": ReportForm(), "can_edit": is_secretariat(request.user)},
    )


@secretariat_required
@require_POST
def report_create(request):
    form = ReportForm(request.POST)
    if form.is_valid():
        title = form.cleaned_data["title"]
        report = form_save(form, services.report_create, title=title, by=request.user)
        if report is not None:
            messages.success(request, _("The report was created."))
            return redirect("reports:edition-create", report.pk)
    ctx = {"reports": [], "form": form, "can_edit": True}
    return render(request, "reports/report_list.html", ctx, status=422)


@secretariat_required
@require_http_methods(["GET", "POST"])
def edition_create(request, pk: int):
    report = access_report(request.user, pk, for_write=True)
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        edition = form_save(
            form, services.edition_create, report=report, by=request.user, **form.cleaned_data
        )
        if edition is not None:
            messages.success(request, _("The edition was created."))
            return redirect("reports:edition-detail", edition.pk)
    ctx = {"report": report, "form": form, "editions": report.editions.all()}
    status = 422 if form.is_bound else 200
    return render(request, "reports/edition_form.html", ctx, status=status)


def detail_context(request, edition: Edition, *, with_coverage: bool = False, **extra) -> dict:
    user = request.user
    ctx = {
        "edition": edition,
        "view": selectors.edition_page(user, edition),
        "editions": selectors.report_editions(user, edition.report),
        "can_draft": selectors.can_draft(user, edition),
        "is_staff": is_secretariat(user),
    }
    if is_secretariat(user):
        suggestions = suggest_material_numbers(edition.meeting)
        # The coverage panel is loaded on its own (HTMX on load, or its page without JS): it
        # reads every comment, which the edition page itself must not wait for.
        ctx["coverage"] = selectors.coverage(edition) if with_coverage else None
        ctx.setdefault("status_form", StatusForm(initial={"version": edition.version}))
        ctx.setdefault(
            "attach_form",
            AttachForm(
                meeting=edition.meeting,
                initial={"number": suggestions[0] if suggestions else "", "title": str(edition)},
            ),
        )
    ctx.update(extra)
    return ctx


@public
@require_safe
def edition_detail(request, pk: int):
    edition = access_edition(request.user, pk)
    # HTMX asks for the outline alone (the "Cancel" of an inline edit).
    ctx = detail_context(request, edition)
    return render_page(request, DETAIL, ctx, partial="outline")


@secretariat_required
@require_safe
def edition_coverage(request, pk: int):
    edition = access_edition(request.user, pk, for_write=True)
    ctx = detail_context(request, edition, with_coverage=True)
    return render_page(request, DETAIL, ctx, partial="coverage")


@secretariat_required
@require_POST
def edition_status(request, pk: int):
    edition = access_edition(request.user, pk, for_write=True)
    form = StatusForm(request.POST)
    status, extra = 422, {}
    if form.is_valid():
        try:
            services.edition_set_status(
                edition=edition,
                status=form.cleaned_data["status"],
                version=form.cleaned_data["version"],
                confirm=form.cleaned_data["confirm"],
                by=request.user,
            )
        except services.NeedsConfirmation as needs:
            status, extra = 409, {"needs": needs, "wanted": form.cleaned_data["status"]}
        except services.StaleEdit:
            status = 409
            form.add_error(None, _("Someone else changed this edition's status meanwhile."))
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The edition's status was changed."))
            url = reverse("reports:edition-detail", args=[edition.pk])
            # The whole page changes with the status (who sees it, which tools): reload it.
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    edition = access_edition(request.user, pk, for_write=True)
    form = (
        StatusForm(initial={"version": edition.version, "status": request.POST.get("status")})
        if status == 409 and "needs" in extra
        else form
    )
    ctx = detail_context(request, edition, status_form=form, **extra)
    return render_page(request, DETAIL, ctx, partial="status-panel", status=status)


@secretariat_required
@require_safe
def edition_history(request, pk: int):
    edition = access_edition(request.user, pk, for_write=True)
    changes = ReportChange.objects.filter(edition=edition).select_related("actor")[:500]
    return render(request, "reports/edition_history.html", {"edition": edition, "changes": changes})
