"""Statistics pages: charts and tables for everyone, exports, and the admins' import page."""

import functools

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import admin_required, public
from core import task_services
from core.exports import csv_response, xlsx_response
from core.fragments import template_stamp
from core.htmx import render_page
from dispatch_stats import access, chart_svg, charts, import_checks, selectors, services
from dispatch_stats.forms import ImportConfirmForm, ImportUploadForm
from dispatch_stats.models import Direction

SESSION_KEY = "dispatch_stats_pending_import"


def _chart_tables(series, groups):
    """Every chart's table, keyed by slug (also drives the per-chart CSV download)."""
    tables = {
        "outbound": charts.outbound_table(series),
        "inbound-outbound": charts.inbound_outbound_table(series),
    }
    for index, group in enumerate(groups, start=1):
        table = charts.reference_table(group, index)
        tables[table.slug] = table
    return tables


@public
@require_safe
def index(request):
    # Read from the database on every request, so a confirmed import shows at once. Building
    # the plotly figures and rendering their tables is most of the page's cost; the template
    # caches that part under a fingerprint of the data just read (see data_fingerprint), so
    # it is rebuilt exactly when the figures change, with nothing to invalidate.
    series = selectors.chart_series(user=request.user)
    groups = selectors.reference_groups(user=request.user)

    @functools.cache
    def blocks():
        return _chart_blocks(series, groups)

    chosen = [
        {
            "direction": s.direction,
            "term": s.term,
            "label": _series_label(s),
            "source": s.source_name,
            "url": s.source_url,
            "priority": s.source_priority,
            "derived": s.derived,
            "alternatives": s.alternatives,
        }
        for s in sorted(series.values(), key=lambda s: (s.direction != Direction.OUTBOUND, s.term))
    ]
    context = {
        # Callables: the template calls them only when its cached fragment is missing.
        "chart_blocks": lambda: blocks()[0],
        "reference_blocks": lambda: blocks()[1],
        "charts_fingerprint": selectors.data_fingerprint(series, groups)
        + template_stamp(
            "dispatch_stats/index.html",
            "dispatch_stats/includes/chart_table.html",
            "dispatch_stats/includes/chart.html",
        )
        + chart_svg.STAMP,
        "summary": charts.outbound_summary(series),
        "chosen_series": chosen,
    }
    return render(request, "dispatch_stats/index.html", context)


def _chart_blocks(series, groups) -> tuple[list[dict], list[dict]]:
    """The yearly charts and the reference charts, each with its figure JSON and table."""
    tables = _chart_tables(series, groups)
    chart_blocks = []
    if series:
        chart_blocks.append(
            {
                "id": "chart-outbound",
                "data_id": "chart-outbound-data",
                "figure": charts.figure_json(charts.outbound_chart(series)),
                "table": tables["outbound"],
            }
        )
        chart_blocks.append(
            {
                "id": "chart-inbound-outbound",
                "data_id": "chart-inbound-outbound-data",
                "figure": charts.figure_json(charts.inbound_outbound_chart(series)),
                "table": tables["inbound-outbound"],
            }
        )
    reference_blocks = [
        {
            "id": f"chart-reference-{i}",
            "data_id": f"chart-reference-{i}-data",
            "figure": charts.figure_json(charts.reference_chart(g)),
            "table": tables[f"reference-{i}"],
            "sources": g.sources,
            "more_rows": g.total_rows - len(g.rows),  # past the page's cap (selectors)
        }
        for i, g in enumerate(groups, start=1)
    ]
    return chart_blocks, reference_blocks


def _series_label(series) -> str:
    direction = dict(Direction.choices)[series.direction]
    return f"{direction} — {charts.term_label(series.term)}"


@public
@require_safe
def chart_csv(request, slug):
    series = selectors.chart_series(user=request.user)
    groups = selectors.reference_groups(user=request.user)
    table = _chart_tables(series, groups).get(slug)
    if table is None:
        raise Http404
    return csv_response(f"dispatch-{slug}", table.headers, table.rows)


YEARLY_HEADERS = [
    "fiscal_year",
    "direction",
    "term",
    "researchers",
    "source_report",
    "source_url",
    "source_priority",
    "note",
]
REFERENCE_HEADERS = [
    "topic",
    "country_or_pair",
    "year_or_period",
    "metric",
    "value",
    "unit",
    "source_report",
    "source_url",
    "note",
]


def _yearly_rows(user):
    for f in selectors.yearly_figures_all(user=user):
        yield [
            f.fiscal_year,
            f.direction,
            f.term,
            f.researchers,
            f.source.name,
            f.source.url,
            f.source.priority,
            f.note,
        ]


def _reference_rows(user):
    for f in selectors.reference_figures_all(user=user):
        value = f.value_text if f.value is None else float(f.value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        yield [
            f.topic,
            f.country_or_pair,
            f.year_or_period,
            f.metric,
            value,
            f.unit,
            f.source.name,
            f.source.url,
            f.note,
        ]


@public
@require_safe
def export(request, dataset, fmt):
    if dataset == "yearly":
        headers, rows = YEARLY_HEADERS, _yearly_rows(request.user)
    elif dataset == "reference":
        headers, rows = REFERENCE_HEADERS, _reference_rows(request.user)
    else:
        raise Http404
    name = f"dispatch-{dataset}"
    if fmt == "csv":
        return csv_response(name, headers, rows)
    if fmt == "xlsx":
        return xlsx_response(name, dataset, headers, rows)
    raise Http404


def _render_import(request, context, status=200):
    # A refusal keeps its 400: base.html's responseHandling swaps it into the panel.
    return render_page(
        request, "dispatch_stats/import.html", context, partial="import-panel", status=status
    )


def _preview_tables(preview) -> dict:
    """The preview's rows as the kind's spec shows them: labels, not codes."""
    spec = preview.spec
    columns = spec.preview

    def cells(row):
        return [column.show(row) for column in columns]

    return {
        "columns": columns,
        "value_column": spec.value,
        "new_rows": [
            {"where": r["where"], "cells": cells(r), "value": spec.value.show(r), "row": r}
            for r in preview.new[: services.PREVIEW_LIMIT]
        ],
        "changed_rows": [
            {
                "where": r["where"],
                "cells": cells(r),
                "before": spec.value.show({**r, **r["old"]}),
                "value": spec.value.show(r),
                "row": r,
            }
            for r in preview.changed[: services.PREVIEW_LIMIT]
        ],
    }


def _preview_context(request, preview, typed: dict) -> dict:
    """The preview panel's context; the session remembers the token the admin may confirm.
    typed: the upload form's fields as the admin typed them, shown again under the preview."""
    request.session[SESSION_KEY] = preview.token
    confirm_form = ImportConfirmForm(initial={"token": preview.token, "sha256": preview.sha256})
    return {
        "form": ImportUploadForm(initial={**typed, "kind": preview.kind}),
        "preview": preview,
        "preview_limit": services.PREVIEW_LIMIT,
        "confirm_form": confirm_form,
        **_preview_tables(preview),
    }


@admin_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    if request.method == "GET":
        return _render_import(request, {"form": ImportUploadForm()})
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_import(request, {"form": form}, status=400)
    upload = form.cleaned_data["file"]
    # Read at most one byte past the limit, whatever the client claimed.
    data = upload.read(settings.MAX_UPLOAD_SIZE + 1)
    details = {
        "kind": form.cleaned_data["kind"],
        "user": request.user,
        "file_name": upload.name,
        "data": data,
        "source": form.source_details(),
    }
    if len(data) >= settings.IMPORT_CHECK_TASK_MIN_BYTES:
        # A large file is checked by a worker: the progress page answers at once.
        run = import_checks.import_check_start(**details, form_fields=form.typed_fields())
        return redirect("core:task-run", pk=run.pk)
    try:
        preview = services.import_preview(**details)
    except services.ImportRefused as refused:
        return _render_import(
            request, {"form": form, "import_errors": refused.messages}, status=400
        )
    return _render_import(request, _preview_context(request, preview, form.typed_fields()))


@admin_required
@require_safe
def import_check(request, key):
    """What a dry run run as a task found: the same panel as a dry run in the request."""
    check = access.import_check_for(request.user, key)
    if check is None:  # cancelled, failed, expired, or not this admin's
        messages.error(request, _("This check is not available. Upload the file again."))
        return redirect("dispatch_stats:import")
    typed = import_checks.form_initial(check)  # the form as the admin filled it in
    if check.errors:
        context = {"form": ImportUploadForm(initial=typed), "import_errors": check.errors}
        return _render_import(request, context)
    preview = import_checks.preview_of(check)
    return _render_import(request, _preview_context(request, preview, typed))


@admin_required
@require_POST
def import_confirm(request):
    form = ImportConfirmForm(request.POST)
    token = request.session.get(SESSION_KEY)
    if not form.is_valid() or not token or form.cleaned_data["token"] != token:
        messages.error(request, _("This preview has expired. Upload the file again."))
        return redirect("dispatch_stats:import")
    if services.import_size(token=token) >= settings.IMPORT_TASK_MIN_ROWS:
        request.session.pop(SESSION_KEY, None)  # a large import runs as a task (progress bar)
        run = task_services.task_run_start(
            user=request.user,
            label=_("Import figures"),
            target="dispatch_stats.services.import_confirm",
            arguments={"token": token, "sha256": form.cleaned_data["sha256"]},
            done_url=reverse("dispatch_stats:import-log-list"),
        )
        return redirect("core:task-run", pk=run.pk)
    try:
        log = services.import_confirm(
            token=token, user=request.user, sha256=form.cleaned_data["sha256"]
        )
    except services.ImportRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect("dispatch_stats:import")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Imported %(file)s: %(new)s new, %(changed)s changed, %(unchanged)s unchanged rows.")
        % {
            "file": log.file_name,
            "new": log.rows_new,
            "changed": log.rows_changed,
            "unchanged": log.rows_unchanged,
        },
    )
    return redirect("dispatch_stats:import-log-list")


@admin_required
@require_safe
def import_log_list(request):
    logs = selectors.import_logs(user=request.user)[:200]
    conflicts = selectors.source_conflicts(user=request.user)
    for conflict in conflicts:
        conflict.label = _series_label(conflict)
    ctx = {"logs": logs, "conflicts": conflicts}
    return render_page(request, "dispatch_stats/importlog_list.html", ctx, partial="log-table")
