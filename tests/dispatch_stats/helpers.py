"""Builders for spreadsheets used by the dispatch_stats tests (made in the test, no fixtures)."""

import csv
import io
from pathlib import Path

from openpyxl import Workbook

DATA = Path(__file__).resolve().parents[2] / "dispatch_stats" / "data"
TRANSCRIPTION = "[secondary-transcription]"


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(title=name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def real_series() -> dict[tuple[str, str], dict[int, int]]:
    """The complete [secondary-transcription] series from the repository's CSV."""
    series: dict[tuple[str, str], dict[int, int]] = {}
    with open(DATA / "dispatch_researchers.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["note"].startswith(TRANSCRIPTION):
                key = (row["direction"], row["term"])
                series.setdefault(key, {})[int(row["fiscal_year"])] = int(row["researchers"])
    return series


def wareki(year: int) -> str:
    if year >= 2019:
        return "令和元年度" if year == 2019 else f"令和{year - 2018}年度"
    return f"平成{year - 1988}年度"


def to_fullwidth(text: str) -> str:
    return text.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))


def real_wide_workbook(source: str = "国際研究交流の概況（令和6年度）") -> bytes:
    """The real series as survey staff keep it: one sheet per direction, Japanese headers,
    wareki years, full-width numbers with separators, title/units rows and notes."""
    series = real_series()
    sheets = {}
    for direction, sheet_name in (("outbound", "派遣"), ("inbound", "受入れ")):
        rows = [
            [f"{sheet_name}研究者数の推移"],
            ["（単位：人）"],
            ["年度", "短期", "中・長期", "合計"],
        ]
        years = sorted(series[(direction, "total")])
        for year in years:
            rows.append(
                [
                    wareki(year),
                    to_fullwidth(f"{series[(direction, 'short')][year]:,}"),
                    to_fullwidth(f"{series[(direction, 'mid_long')][year]:,}"),
                    series[(direction, "total")][year],
                ]
            )
        rows.append([])
        rows.append(["※短期は30日以内、中・長期は30日を超える期間。"])
        rows.append([f"出典：{source}"])
        sheets[sheet_name] = rows
    return xlsx_bytes(sheets)


OFFICIAL_NOTE = "出典：文部科学省「国際研究交流の概況」（令和5年度の状況）"


def official_workbook(last_year: int = 2023, changes: dict | None = None) -> bytes:
    """An official MEXT workbook as it is published: every year FY1993 to last_year, title and
    units rows, wareki years, full-width digits with separators, notes and the 出典 note below.
    `changes` overrides single figures: {(direction, term, year): value}."""
    series = real_series()
    changes = changes or {}
    sheets = {}
    for direction, sheet_name in (("outbound", "派遣"), ("inbound", "受入れ")):
        rows = [
            [f"表1 海外への{sheet_name}研究者数の推移（{wareki(last_year)}まで）"],
            ["（単位：人）"],
            ["年度", "短期", "中・長期", "合計"],
        ]
        for year in range(1993, last_year + 1):
            values = [
                changes.get((direction, term, year), series[(direction, term)][year])
                for term in ("short", "mid_long", "total")
            ]
            rows.append([wareki(year)] + [to_fullwidth(f"{v:,}") for v in values])
        rows += [[], ["※短期は30日以内、中・長期は30日を超える期間。"], [OFFICIAL_NOTE]]
        sheets[sheet_name] = rows
    return xlsx_bytes(sheets)


def long_rows(years=range(2019, 2024), changes: dict | None = None) -> list[list]:
    """A long-format table (年度 | 区分 | 期間 | 人数) with no 出典 column, as Excel exports it."""
    series = real_series()
    changes = changes or {}
    rows = [["年度", "区分", "期間", "人数"]]
    labels = {"outbound": "派遣", "inbound": "受入れ"}
    terms = {"short": "短期", "mid_long": "中・長期", "total": "合計"}
    for year in years:
        for direction, label in labels.items():
            for term, term_label in terms.items():
                value = changes.get((direction, term, year), series[(direction, term)][year])
                rows.append([wareki(year), label, term_label, f"{value:,}"])
    return rows


def delimited_bytes(rows: list[list], encoding: str, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)
