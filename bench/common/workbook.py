"""The generated survey workbook of the import benchmarks (bench_import, bench_import_task):
rows in the survey's long layout with Japanese headers and wareki years."""

from __future__ import annotations

import io

HEADER = ["年度", "方向", "期間", "人数", "出典", "備考"]
TERMS = ["短期", "中・長期", "合計"]
DIRECTIONS = ["派遣", "受入れ"]


def wareki(year: int) -> str:
    if year >= 2100:
        return str(year)
    if year >= 2019:
        return "令和元年度" if year == 2019 else f"R{year - 2018}"
    if year >= 1989:
        return f"平成{year - 1988}年度"
    if year >= 1926:
        return f"昭和{year - 1925}年度"
    return f"FY{year}"


def build_workbook(rows: int) -> bytes:
    """rows unique (year, direction, term, source) figures; 1,806 per source (301 years x 6)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("研究者数")
    sheet.append(["研究者の派遣・受入れ（ベンチマーク用生成データ）"])
    sheet.append(["（単位：人）"])
    sheet.append(HEADER)
    n = 0
    source = 0
    while n < rows:
        for year in range(1900, 2201):
            for direction in DIRECTIONS:
                for term in TERMS:
                    if n >= rows:
                        break
                    value = (year * 7 + n) % 200_000
                    sheet.append(
                        [wareki(year), direction, term, f"{value:,}", f"ベンチ出典{source:03d}", ""]
                    )
                    n += 1
        source += 1
    sheet.append([])
    sheet.append(["※生成データ"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
