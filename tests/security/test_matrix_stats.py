"""Authorisation matrix of the statistics and scheme pages: charts, per-chart CSV and exports
are public (the figures are published data); only admins import figures and read the logs;
schemes are public reference data (changed through the admin site only)."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from dispatch_stats.models import ImportCheck, ImportLog, PendingImport, YearlyFigure
from tests.security.matrix import (
    LOGIN,
    OK,
    Row,
    admin_only,
    cases,
    everyone,
    expect,
    run_case,
)
from tests.security.world import MISSING_SLUG

pytestmark = pytest.mark.django_db

CSV_HEAD = (
    (settings.BASE_DIR / "dispatch_stats" / "data" / "dispatch_researchers.csv")
    .read_text(encoding="utf-8")
    .splitlines()[:4]
)


def _upload(w):
    data = ("\n".join(CSV_HEAD) + "\n").encode()
    return {"kind": "yearly", "file": SimpleUploadedFile("zq.csv", data, content_type="text/csv")}


def _admin_check(w) -> str:
    """A finished dry-run check of the world's admin (its errors page): only they may read it."""
    check, _ = ImportCheck.objects.get_or_create(
        key="zq-check", user=w.users["admin"], kind="yearly", defaults={"errors": ["zq"]}
    )
    return f"/statistics/import/checks/{check.key}/"


def _imports(w):
    return (
        ImportLog.objects.count(),
        PendingImport.objects.count(),
        sorted(YearlyFigure.objects.values_list("pk", "researchers")),
    )


ROWS = [
    Row("dispatch_stats:index", "none", lambda w: "/statistics/", everyone(200)),
    Row(
        "dispatch_stats:chart-csv",
        "existing",
        lambda w: "/statistics/charts/outbound.csv",
        everyone(200),
    ),
    Row(
        "dispatch_stats:chart-csv",
        "missing",
        lambda w: "/statistics/charts/zq-none.csv",
        everyone(404),
    ),
    Row("dispatch_stats:import", "none", lambda w: "/statistics/import/", admin_only(200)),
    Row(
        "dispatch_stats:import",
        "none",
        lambda w: "/statistics/import/",
        admin_only(OK),
        method="POST",
        data=_upload,
        state=_imports,
        changes=True,
    ),
    # The admin's own check shows; a missing one (or another admin's) sends back to the upload.
    Row("dispatch_stats:import-check", "own check", _admin_check, admin_only(200)),
    Row(
        "dispatch_stats:import-check",
        "missing",
        lambda w: "/statistics/import/checks/zq-missing/",
        admin_only(302),
    ),
    Row(
        "dispatch_stats:import-confirm",
        "no pending import",
        lambda w: "/statistics/import/confirm/",
        admin_only(OK),
        method="POST",
        data={"token": "zq-not-a-token", "sha256": "0" * 64},
        state=_imports,
    ),
    Row(
        "dispatch_stats:import-confirm",
        "none",
        lambda w: "/statistics/import/confirm/",
        expect(LOGIN, 403, 403, 403, 403, 405),
    ),
    Row(
        "dispatch_stats:import-log-list",
        "none",
        lambda w: "/statistics/import/log/",
        admin_only(200),
    ),
    Row("schemes:scheme-list", "none", lambda w: "/schemes/", everyone(200)),
    Row("schemes:compare", "none", lambda w: "/schemes/compare/", everyone(200)),
    Row("schemes:compare", "filtered", lambda w: "/schemes/compare/?country=韓国", everyone(200)),
    Row("schemes:scheme-detail", "existing", lambda w: f"/schemes/{w.scheme.slug}/", everyone(200)),
    Row("schemes:scheme-detail", "missing", lambda w: f"/schemes/{MISSING_SLUG}/", everyone(404)),
]
for dataset in ("yearly", "reference"):
    for fmt in ("csv", "xlsx"):
        ROWS.append(
            Row(
                "dispatch_stats:export",
                f"{dataset}.{fmt}",
                lambda w, d=dataset, f=fmt: f"/statistics/export/{d}.{f}",
                everyone(200),
            )
        )
ROWS += [
    Row(
        "dispatch_stats:export",
        "unknown dataset",
        lambda w: "/statistics/export/zq.csv",
        everyone(404),
    ),
    Row(
        "dispatch_stats:export",
        "unknown format",
        lambda w: "/statistics/export/yearly.pdf",
        everyone(404),
    ),
]


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_stats_and_schemes_matrix(world, row, role):
    problems = run_case(world, row, role)
    assert not problems, "\n".join(problems)
