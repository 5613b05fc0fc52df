"""CSV and XLSX downloads with spreadsheet formulas neutralised (CSV/formula injection)."""

import csv
import io

from django.http import HttpResponse

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text starting with = + - @ tab or CR gets a leading single quote; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST):
        return "'" + value
    return value


def csv_response(file_name: str, headers: list[str], rows) -> HttpResponse:
    """UTF-8 with BOM so Japanese Excel opens it correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([neutralise(str(c)) if c is not None else "" for c in row])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}.csv"'
    return response


def xlsx_response(file_name: str, sheet_title: str, headers: list[str], rows) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([neutralise(h) for h in headers])
    for row in rows:
        # Every string is written as a plain value (never a formula) and neutralised.
        sheet.append([neutralise(c) if c is not None else None for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}.xlsx"'
    return response
