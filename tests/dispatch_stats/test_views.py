"""Statistics page, downloads and the admins' import pages: who may do what, full page and HTMX."""

import csv
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dispatch_stats import demo
from dispatch_stats.models import ImportLog, YearlyFigure
from tests.dispatch_stats.factories import (
    ReferenceFigureFactory,
    SourceFactory,
    YearlyFigureFactory,
)
from tests.dispatch_stats.helpers import csv_bytes, real_wide_workbook

pytestmark = pytest.mark.django_db

IMPORT_URLS = ["dispatch_stats:import", "dispatch_stats:import-log-list"]


@pytest.fixture
def seeded():
    demo.seed()


def clients(request, names):
    return [request.getfixturevalue(name) for name in names]


@pytest.mark.parametrize("name", IMPORT_URLS)
@pytest.mark.parametrize("htmx", [False, True])
def test_import_pages_are_for_admins_only(
    name, htmx, member_client, secretariat_client, observer_client, admin_client_role, htmx_headers
):
    headers = htmx_headers if htmx else {}
    url = reverse(name)
    for client in (member_client, secretariat_client, observer_client):
        assert client.get(url, **headers).status_code == 403
    anonymous = Client().get(url, **headers)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    response = admin_client_role.get(url, **headers)
    assert response.status_code == 200
    if htmx:
        assert b"<html" not in response.content


@pytest.mark.parametrize("htmx", [False, True])
def test_non_admin_cannot_upload_or_confirm(htmx, member_client, secretariat_client, htmx_headers):
    headers = htmx_headers if htmx else {}
    upload = io.BytesIO(real_wide_workbook())
    upload.name = "survey.xlsx"
    for client in (member_client, secretariat_client):
        response = client.post(
            reverse("dispatch_stats:import"), {"kind": "yearly", "file": upload}, **headers
        )
        assert response.status_code == 403
        response = client.post(
            reverse("dispatch_stats:import-confirm"), {"token": "x", "sha256": "y"}, **headers
        )
        assert response.status_code == 403
    assert YearlyFigure.objects.count() == 0
    assert ImportLog.objects.count() == 0


@pytest.mark.parametrize("htmx", [False, True])
def test_admin_upload_preview_confirm(htmx, admin_client_role, htmx_headers):
    headers = htmx_headers if htmx else {}
    upload = io.BytesIO(real_wide_workbook())
    upload.name = "survey.xlsx"
    response = admin_client_role.post(
        reverse("dispatch_stats:import"), {"kind": "yearly", "file": upload}, **headers
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="count-new">192<' in html
    assert YearlyFigure.objects.count() == 0
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    sha = re.search(r'name="sha256" value="([^"]+)"', html).group(1)
    # A forged token is refused even with the right hash.
    response = admin_client_role.post(
        reverse("dispatch_stats:import-confirm"), {"token": "forged", "sha256": sha}
    )
    assert response.status_code == 302 and YearlyFigure.objects.count() == 0
    response = admin_client_role.post(
        reverse("dispatch_stats:import-confirm"), {"token": token, "sha256": sha}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dispatch_stats:import-log-list")
    assert YearlyFigure.objects.count() == 192
    logs = admin_client_role.get(reverse("dispatch_stats:import-log-list")).content.decode()
    assert "survey.xlsx" in logs and "書込済み" in logs and "試行のみ" in logs


def test_bad_upload_rerenders_with_errors_and_writes_nothing(admin_client_role):
    data = csv_bytes(
        [["年度", "方向", "期間", "人数", "出典"], ["H30", "派遣", "短期", "abc", "s"]]
    )
    upload = io.BytesIO(data)
    upload.name = "bad.csv"
    response = admin_client_role.post(
        reverse("dispatch_stats:import"), {"kind": "yearly", "file": upload}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "2行目 D列（人数）" in html and "は数値ではありません" in html
    assert 'role="alert"' in html
    assert YearlyFigure.objects.count() == 0


def test_missing_file_shows_field_error(admin_client_role):
    response = admin_client_role.post(reverse("dispatch_stats:import"), {"kind": "yearly"})
    assert response.status_code == 400
    assert 'id="id_file_error"' in response.content.decode()


def test_statistics_page_is_public_and_annotates_the_peak_from_data(
    seeded, django_assert_max_num_queries
):
    client = Client()
    with django_assert_max_num_queries(6):
        response = client.get(reverse("dispatch_stats:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "中・長期派遣は2000年度の7,674人がピークです。" in html
    figure = json.loads(
        re.search(
            r'<script id="chart-outbound-data" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    texts = [a["text"] for a in figure["layout"]["annotations"]]
    assert "中・長期のピーク：2000年度 7,674人" in texts
    assert any("ピークの" in t for t in texts)
    assert "<script>" not in html and 'style="' not in html
    assert '<th scope="row">2000</th>' in html
    # Plotly draws buttons inside the box: an img may not hold them (axe nested-interactive).
    # The box is a group; the server's SVG in it is the image (removed when plotly draws).
    assert 'id="chart-outbound" data-figure="chart-outbound-data" role="group"' in html
    assert 'role="img" aria-labelledby="chart-outbound-svg-title chart-outbound-svg-desc"' in html
    assert '<title id="chart-outbound-svg-title">海外派遣研究者数の推移（年度別）</title>' in html
    # The chart is there without JavaScript, so its table starts folded under it for everyone.
    assert '<details class="chart-data">' in html and '<details class="chart-data" open' not in html


def test_query_count_does_not_grow_with_data(django_assert_max_num_queries):
    source = SourceFactory()
    for year in range(1990, 2030):
        YearlyFigureFactory(fiscal_year=year, source=source)
    for i in range(10):
        ReferenceFigureFactory(country_or_pair=f"Japan -> C{i}", source=source)
    with django_assert_max_num_queries(6):
        assert Client().get(reverse("dispatch_stats:index")).status_code == 200


def test_peak_moves_after_a_new_import(seeded, admin_client_role):
    data = csv_bytes(
        [
            ["年度", "方向", "期間", "人数", "出典", "備考"],
            ["R7", "派遣", "中・長期", "9,999", "新しい調査", ""],
        ]
    )
    from dispatch_stats import services
    from tests import factories

    # The new source only covers one year, so the chosen series stays the complete one...
    services.import_file(kind="yearly", user=factories.admin(), file_name="n.csv", data=data)
    html = Client().get(reverse("dispatch_stats:index")).content.decode()
    assert "2000年度の7,674人" in html
    # ...and a correction in the chosen source moves the annotation at once (no cache).
    source = YearlyFigure.objects.get(
        fiscal_year=2000,
        direction="outbound",
        term="mid_long",
        note__startswith="[secondary-transcription]",
    ).source.name
    fix = csv_bytes(
        [
            ["年度", "方向", "期間", "人数", "出典", "備考"],
            ["2025", "outbound", "mid_long", "8000", source, "[secondary-transcription] x"],
        ]
    )
    services.import_file(kind="yearly", user=factories.admin(), file_name="f.csv", data=fix)
    html = Client().get(reverse("dispatch_stats:index")).content.decode()
    assert "中・長期派遣は2025年度の8,000人がピークです。" in html


def test_exports_neutralise_formulas(seeded):
    source = SourceFactory(name='=HYPERLINK("http://evil")')
    YearlyFigureFactory(fiscal_year=1990, source=source, note="+cmd|' /C calc'!A0")
    ReferenceFigureFactory(topic="@SUM(1+1)", country_or_pair="-2+3", source=source)
    client = Client()
    response = client.get(reverse("dispatch_stats:export", args=["yearly", "csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells and "'+cmd|' /C calc'!A0" in cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)

    for dataset in ("yearly", "reference"):
        response = client.get(reverse("dispatch_stats:export", args=[dataset, "xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [c.value for row in sheet.iter_rows() for c in row]
        strings = [v for v in values if isinstance(v, str)]
        # Formula-looking text is a text cell holding exactly what was typed (core.exports).
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert "@SUM(1+1)" in strings and "-2+3" in strings


def test_chart_csv_download(seeded):
    response = Client().get(reverse("dispatch_stats:chart-csv", args=["outbound"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["年度", "合計", "短期（30日以内）", "中・長期（30日超）", "出典"]
    assert rows[8][0] == "2000" and rows[8][3] == "7674"
    assert all(row[4] for row in rows[1:])  # every row names its source
    assert Client().get(reverse("dispatch_stats:chart-csv", args=["nope"])).status_code == 404
    assert Client().get(reverse("dispatch_stats:export", args=["users", "csv"])).status_code == 404


def test_bad_upload_with_htmx_swaps_the_panel_with_the_errors(admin_client_role, htmx_headers):
    data = csv_bytes([["年度", "方向", "期間", "人数", "出典"], ["X9", "派遣", "短期", "1", "s"]])
    upload = io.BytesIO(data)
    upload.name = "bad.csv"
    response = admin_client_role.post(
        reverse("dispatch_stats:import"), {"kind": "yearly", "file": upload}, **htmx_headers
    )
    # An honest 400: base.html's htmx responseHandling swaps it into the panel.
    assert response.status_code == 400
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="import-panel">')
    assert "2行目 A列（年度）" in html
    assert YearlyFigure.objects.count() == 0


def _page_queries() -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert Client().get(reverse("dispatch_stats:index")).status_code == 200
    return len(queries)


def test_ten_sources_over_fifty_years_cost_the_same_queries_as_one():
    first = SourceFactory(priority=1)
    for year in range(1975, 2025):
        YearlyFigureFactory(fiscal_year=year, source=first)
    one = _page_queries()
    for priority in range(2, 11):
        source = SourceFactory(priority=priority % 4 + 1)
        for year in range(1975, 2025):
            YearlyFigureFactory(fiscal_year=year, researchers=year + priority, source=source)
    assert _page_queries() == one
