"""The admins' audit page (filter, paginate) and its CSV/XLSX exports."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.audit_forms import AuditFilterForm
from accounts.audit_selectors import audit_entries
from accounts.decorators import audit_reader_required
from audit import actions
from audit.exports import audit_csv, audit_xlsx
from audit.services import audit_record
from core.htmx import render_page

PER_PAGE = 50


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    return form, audit_entries(request.user, form.to_filter())


@audit_reader_required
@require_safe
def entry_list(request):
    form, entries = _filtered(request)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "form": form,
        "page": page,
        "entries": [(e, actions.label(e.action)) for e in page.object_list],
        "query": query.urlencode(),
    }
    status = 400 if form.errors else 200
    return render_page(
        request, "audit/auditentry_list.html", ctx, partial="audit-results", status=status
    )


def _download(request, build, extension: str) -> HttpResponse:
    form, entries = _filtered(request)
    # Exporting the trail is itself an export of personal data: it goes in the trail too.
    audit_record(
        actor=request.user,
        action=actions.EXPORT,
        after={"what": "audit", "format": extension, "filter": request.GET.dict()},
        request=request,
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return build(entries, f"audit-{stamp}")


@audit_reader_required
@require_safe
def entry_list_csv(request):
    return _download(request, audit_csv, "csv")


@audit_reader_required
@require_safe
def entry_list_xlsx(request):
    return _download(request, audit_xlsx, "xlsx")
