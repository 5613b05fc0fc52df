"""Preview then confirm: new/changed/unchanged rows, all or nothing, re-validation, ownership."""

import pytest

from dispatch_stats import demo, services
from dispatch_stats.models import ImportLog, PendingImport, ReferenceFigure, Source, YearlyFigure
from tests import factories
from tests.dispatch_stats.helpers import DATA, csv_bytes, real_wide_workbook

pytestmark = pytest.mark.django_db

HEADER = ["年度", "方向", "期間", "人数", "出典", "備考"]


def test_preview_writes_no_figures_and_logs_a_dry_run():
    admin = factories.admin()
    data = (DATA / "dispatch_researchers.csv").read_bytes()
    preview = services.import_preview(kind="yearly", user=admin, file_name="d.csv", data=data)
    assert len(preview.new) == 270 and preview.changed == [] and preview.unchanged_count == 0
    assert YearlyFigure.objects.count() == 0
    log = ImportLog.objects.get()
    assert (log.confirmed, log.rows_new, log.user, log.file_name) == (False, 270, admin, "d.csv")
    assert len(log.sha256) == 64


def test_confirm_writes_and_second_import_is_unchanged():
    admin = factories.admin()
    data = (DATA / "dispatch_researchers.csv").read_bytes()
    first = services.import_file(kind="yearly", user=admin, file_name="d.csv", data=data)
    assert first.confirmed and first.rows_new == 270
    assert YearlyFigure.objects.count() == 270
    assert PendingImport.objects.count() == 0
    again = services.import_preview(kind="yearly", user=admin, file_name="d.csv", data=data)
    assert (len(again.new), len(again.changed), again.unchanged_count) == (0, 0, 270)


def test_changed_rows_show_old_values_and_are_updated():
    admin = factories.admin()
    rows = [HEADER, ["H12", "派遣", "中・長期", "7,000", "概況", ""]]
    services.import_file(kind="yearly", user=admin, file_name="a.csv", data=csv_bytes(rows))
    rows[1][3] = "７,６７４"
    rows.append(["H13", "派遣", "中・長期", "7000", "概況", ""])
    preview = services.import_preview(
        kind="yearly", user=admin, file_name="b.csv", data=csv_bytes(rows)
    )
    assert [
        (r["fiscal_year"], r["old"]["researchers"], r["researchers"]) for r in preview.changed
    ] == [(2000, 7000, 7674)]
    assert [r["fiscal_year"] for r in preview.new] == [2001]
    services.import_confirm(token=preview.token, user=admin, sha256=preview.sha256)
    assert YearlyFigure.objects.get(fiscal_year=2000).researchers == 7674


def test_source_priority_from_note_tag():
    admin = factories.admin()
    rows = [
        HEADER,
        ["2018", "outbound", "short", "1", "Press", "[press-report] quoted"],
        ["2018", "outbound", "short", "2", "Derived", "[derived] 1+1"],
        ["2018", "outbound", "short", "3", "Plain", ""],
    ]
    services.import_file(kind="yearly", user=admin, file_name="p.csv", data=csv_bytes(rows))
    assert dict(Source.objects.values_list("name", "priority")) == {
        "Press": 2,
        "Derived": 4,
        "Plain": 1,
    }


def test_confirm_revalidates_stored_rows_and_writes_nothing_when_tampered():
    admin = factories.admin()
    rows = [HEADER] + [[str(1993 + i), "派遣", "短期", 10 + i, "概況", ""] for i in range(5)]
    preview = services.import_preview(
        kind="yearly", user=admin, file_name="t.csv", data=csv_bytes(rows)
    )
    pending = PendingImport.objects.get(token=preview.token)
    pending.rows[-1]["researchers"] = -1
    pending.save()
    with pytest.raises(services.ImportRefused):
        services.import_confirm(token=preview.token, user=admin, sha256=preview.sha256)
    assert YearlyFigure.objects.count() == 0
    assert not ImportLog.objects.filter(confirmed=True).exists()


def test_only_the_previewing_admin_with_the_right_hash_can_confirm():
    admin, other = factories.admin(), factories.admin()
    rows = [HEADER, ["R5", "派遣", "短期", 1, "概況", ""]]
    preview = services.import_preview(
        kind="yearly", user=admin, file_name="t.csv", data=csv_bytes(rows)
    )
    with pytest.raises(services.ImportRefused):
        services.import_confirm(token=preview.token, user=other, sha256=preview.sha256)
    with pytest.raises(services.ImportRefused):
        services.import_confirm(token=preview.token, user=admin, sha256="0" * 64)
    with pytest.raises(services.ImportRefused):
        services.import_confirm(token="nope", user=admin, sha256=preview.sha256)
    assert YearlyFigure.objects.count() == 0
    services.import_confirm(token=preview.token, user=admin, sha256=preview.sha256)
    assert YearlyFigure.objects.count() == 1


def test_wide_workbook_imports_the_real_series():
    admin = factories.admin()
    log = services.import_file(
        kind="yearly", user=admin, file_name="survey.xlsx", data=real_wide_workbook()
    )
    assert log.rows_new == 192
    assert (
        YearlyFigure.objects.get(
            fiscal_year=2000, direction="outbound", term="mid_long"
        ).researchers
        == 7674
    )


def test_reference_import_and_new_edition_is_another_import():
    admin = factories.admin()
    data = (DATA / "reference_figures.csv").read_bytes()
    log = services.import_file(kind="reference", user=admin, file_name="r.csv", data=data)
    assert log.rows_new == 103
    assert ReferenceFigure.objects.filter(value__isnull=True, value_text="NOT FOUND").count() == 2
    edition = [
        ["topic", "country_or_pair", "year_or_period", "metric", "value", "unit", "source_report"],
        [
            "researcher_inflow_outflow_share",
            "Japan",
            "2025",
            "inflows (authors)",
            "3,100",
            "persons",
            "OECD ReICO 2026 edition",
        ],
    ]
    log = services.import_file(
        kind="reference", user=admin, file_name="e.csv", data=csv_bytes(edition)
    )
    assert (log.rows_new, log.rows_unchanged) == (1, 0)
    assert ReferenceFigure.objects.count() == 104


def test_reference_missing_columns_refused():
    with pytest.raises(services.ImportRefused) as info:
        services.import_preview(
            kind="reference",
            user=None,
            file_name="r.csv",
            data=csv_bytes([["topic", "metric"], ["t", "m"]]),
        )
    assert "country_or_pair" in info.value.messages[0]
    assert ReferenceFigure.objects.count() == 0


def test_demo_seed_goes_through_the_import_and_is_idempotent():
    demo.seed()
    demo.seed()
    assert YearlyFigure.objects.count() == 270
    assert ReferenceFigure.objects.count() == 103
    last = ImportLog.objects.filter(confirmed=True).first()
    assert last.rows_new == 0 and last.rows_unchanged == 103
