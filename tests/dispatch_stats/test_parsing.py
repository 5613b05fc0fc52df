"""Reading survey tables: encodings, Japanese headers, wareki years, long and wide layouts."""

import pytest

from dispatch_stats.importing.files import read_upload
from dispatch_stats.importing.tables import parse_reference, parse_yearly
from dispatch_stats.importing.values import ValueProblem, parse_count, parse_fiscal_year
from tests.dispatch_stats.helpers import (
    DATA,
    csv_bytes,
    real_series,
    real_wide_workbook,
    xlsx_bytes,
)


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        ("2018", 2018),
        (2018, 2018),
        ("FY2018", 2018),
        ("fy 2018", 2018),
        ("2018年度", 2018),
        ("平成30年度", 2018),
        ("H30", 2018),
        ("h30", 2018),
        ("令和元年度", 2019),
        ("R5", 2023),
        ("Ｒ５", 2023),
        ("令和６年度", 2024),
        ("２０１８", 2018),
        ("平成5年度", 1993),
    ],
)
def test_fiscal_years(raw, year):
    assert parse_fiscal_year(raw) == year


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("X5", "era"),
        ("天平5年度", "era"),
        ("next year", "format"),
        ("1800", "range"),
        ("", "format"),
    ],
)
def test_bad_fiscal_years(raw, problem):
    with pytest.raises(ValueProblem) as info:
        parse_fiscal_year(raw)
    assert str(info.value) == problem


@pytest.mark.parametrize(
    ("raw", "count"),
    [("７,６７４", 7674), ("7,674", 7674), (7674, 7674), (7674.0, 7674), ("12人", 12)],
)
def test_counts(raw, count):
    assert parse_count(raw) == count


@pytest.mark.parametrize(
    ("raw", "problem"),
    [("-5", "negative"), (-5, "negative"), ("many", "text"), ("1.5", "fraction")],
)
def test_bad_counts(raw, problem):
    with pytest.raises(ValueProblem) as info:
        parse_count(raw)
    assert str(info.value) == problem


def test_real_csv_long_layout_reads_every_row():
    data = (DATA / "dispatch_researchers.csv").read_bytes()
    result = parse_yearly(read_upload(data, "dispatch_researchers.csv"))
    assert result.errors == []
    assert len(result.rows) == 270


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_csv_encodings_with_japanese_headers(encoding):
    rows = [
        ["年度", "方向", "期間", "人数", "出典", "備考"],
        ["平成12年度", "派遣", "中・長期", "７,６７４", "概況", "※注記"],
        ["H13", "受入れ", "短期", "1,000", "概況", ""],
    ]
    result = parse_yearly(read_upload(csv_bytes(rows, encoding), "t.csv"))
    assert result.errors == []
    assert [
        (r["fiscal_year"], r["direction"], r["term"], r["researchers"]) for r in result.rows
    ] == [
        (2000, "outbound", "mid_long", 7674),
        (2001, "inbound", "short", 1000),
    ]
    assert result.rows[0]["source"] == "概況"


def test_wide_workbook_one_sheet_per_direction_with_title_units_and_notes():
    result = parse_yearly(read_upload(real_wide_workbook(), "survey.xlsx"))
    assert result.errors == []
    series = real_series()
    expected = sum(len(v) for v in series.values())
    assert len(result.rows) == expected == 192
    peak = [r for r in result.rows if r["fiscal_year"] == 2000 and r["term"] == "mid_long"]
    assert {(r["direction"], r["researchers"]) for r in peak} == {
        ("outbound", 7674),
        ("inbound", series[("inbound", "mid_long")][2000]),
    }
    assert {r["source"] for r in result.rows} == {"国際研究交流の概況(令和6年度)"}
    assert result.rows[0]["where"] == "派遣!4"


def test_wide_csv_direction_from_title_row():
    rows = [
        ["派遣研究者数"],
        ["年度", "短期", "中・長期", "合計", "出典"],
        ["R5", "100", "10", "110", "概況"],
    ]
    result = parse_yearly(read_upload(csv_bytes(rows), "t.csv"))
    assert result.errors == []
    assert {(r["direction"], r["term"]) for r in result.rows} == {
        ("outbound", "short"),
        ("outbound", "mid_long"),
        ("outbound", "total"),
    }


def test_english_headers_sheet_named_inbound():
    data = xlsx_bytes(
        {
            "inbound": [
                ["fiscal year", "Short", "Mid/long", "Total", "Source"],
                ["FY2020", 1, 2, 3, "s"],
            ]
        }
    )
    result = parse_yearly(read_upload(data, "t.xlsx"))
    assert result.errors == []
    assert {r["direction"] for r in result.rows} == {"inbound"}


def test_real_reference_figures():
    data = (DATA / "reference_figures.csv").read_bytes()
    result = parse_reference(read_upload(data, "reference_figures.csv"))
    assert result.errors == []
    assert len(result.rows) == 103
    texts = {r["value_text"] for r in result.rows if r["value"] is None}
    assert "NOT FOUND" in texts and "4 -> 10" in texts
