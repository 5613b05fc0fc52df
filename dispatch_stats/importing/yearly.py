"""The yearly-figures table kind: long (年度 | 方向 | 期間 | 人数 | 出典) or wide (年度 | 短期 |
中・長期 | 合計) tables, wareki or western years, one sheet per direction or a 方向 column."""

import re

from django.utils.translation import gettext as _

from dispatch_stats.importing.scanner import SAFE_URL, Errors, RowProgress, Table, url_problem
from dispatch_stats.importing.values import (
    ValueProblem,
    direction_from_label,
    norm,
    parse_count,
    parse_direction,
    parse_fiscal_year,
    parse_term,
)
from dispatch_stats.models import Direction, Term

HEADERS = {
    "fiscal_year": {"年度", "fiscalyear", "fy", "year", "西暦", "西暦年度", "年度西暦"},
    "direction": {"方向", "区分", "direction", "派遣受入", "派遣受入れ", "派遣受入区分"},
    "term": {"期間", "term", "期間区分", "派遣期間", "受入期間"},
    "researchers": {
        "人数",
        "researchers",
        "研究者数",
        "人数人",
        "count",
        "派遣研究者数",
        "受入研究者数",
    },
    "source": {"出典", "source", "sourcereport", "出所", "資料"},
    "url": {"url", "sourceurl", "出典url"},
    "note": {"備考", "note", "notes", "注"},
}
LABELS = {"fiscal_year": "年度", "direction": "方向", "term": "期間", "researchers": "人数"}


def wide_term(key: str) -> str | None:
    """The term a wide table's column header names (短期 | 中・長期 | 合計), if any."""
    if key.startswith("短期") or key == "short":
        return "short"
    if key.startswith("中長期") or key in {"midlong", "midlongterm"}:
        return "mid_long"
    if key in {"合計", "計", "総数", "total"} or key.startswith("合計"):
        return "total"
    return None


def is_wide(table: Table) -> bool:
    return "researchers" not in table.fields and bool(table.extra)


def missing_columns(table: Table, default_source: str = "") -> list[str]:
    if is_wide(table):
        return []
    return [LABELS[name] for name in ("researchers", "term") if name not in table.fields]


def missing_fix() -> str:
    return _("Add the column, or use one column per term (短期 | 中・長期 | 合計).")


def is_preamble(table: Table, row: list) -> bool:
    """A row between the header and the first year that holds no year (a units row)."""
    return not re.search(r"\d|元", norm(table.value(row, "fiscal_year")))


def year_problem(kind: str, value) -> str:
    shown = norm(value)
    if kind == "era":
        return _(
            '"%(value)s" uses an era we do not know. Use 昭和, 平成 or 令和 (S, H, R), '
            "or a western year such as 2018."
        ) % {"value": shown}
    if kind == "range":
        return _('"%(value)s" is out of range. Fiscal years run from 1900 to 2200.') % {
            "value": shown
        }
    if kind == "empty":
        return _("the fiscal year is empty. Write it as 2018, FY2018, 平成30年度, H30 or R5.")
    return _(
        '"%(value)s" is not a fiscal year. Write it as 2018, FY2018, 平成30年度, H30 or R5.'
    ) % {"value": shown}


def count_problem(kind: str, value) -> str:
    shown = norm(value)
    messages = {
        "negative": _('"%(value)s" is negative. Enter zero or a positive whole number.'),
        "empty": _("the number of researchers is empty. Enter a whole number, e.g. 7674."),
        "range": _('"%(value)s" is too large for a number of researchers. Check the cell.'),
        "fraction": _('"%(value)s" is not a whole number. Enter a whole number of researchers.'),
    }
    default = _(
        '"%(value)s" is not a number. Enter the number of researchers as a whole number, e.g. 7674.'
    )
    message = messages.get(kind, default)
    return message % {"value": shown} if "%(value)s" in message else message


def _table_direction(table: Table, errors: Errors) -> str | None | bool:
    """The sheet's direction (from its name or title), None when a 方向 column gives it per
    row, False (after an error) when neither does."""
    direction = direction_from_label(table.sheet.name) or table.title_direction
    if "direction" not in table.fields and not direction:
        errors.add(
            _(
                "%(place)s: we cannot tell whether the figures are outbound or inbound. "
                "Add a 方向 column (派遣 / 受入れ), or name the sheet 派遣 or 受入れ."
            )
            % {"place": table.sheet.place()}
        )
        return False
    return direction


def _table_source(table: Table, errors: Errors, default_source: str) -> bool:
    if "source" in table.fields or table.note_source or default_source:
        return True
    errors.add(
        _(
            "%(place)s: no source. Add a 出典 column, or a note below the table such as "
            "出典：国際研究交流の概況（令和6年度）, or name the source on the upload form."
        )
        % {"place": table.sheet.place()}
    )
    return False


def _row_direction(table, row, number, sheet_direction, errors):
    if "direction" not in table.fields:
        return sheet_direction
    raw = table.value(row, "direction")
    if not norm(raw) and sheet_direction:
        return sheet_direction
    try:
        return parse_direction(raw)
    except ValueProblem:
        errors.cell(
            table,
            number,
            table.fields["direction"],
            _('"%(value)s" is not a direction. Write 派遣 (outbound) or 受入れ (inbound).')
            % {"value": norm(raw)},
        )
        return None


def _row_common(table, row, number, errors, default_source) -> dict | None:
    """Year, source, URL and note of a data row, or None after recording the problem."""
    year_raw = table.value(row, "fiscal_year")
    try:
        if not norm(year_raw):
            raise ValueProblem("empty")
        year = parse_fiscal_year(year_raw)
    except ValueProblem as problem:
        errors.cell(
            table, number, table.fields["fiscal_year"], year_problem(str(problem), year_raw)
        )
        return None
    source = norm(table.value(row, "source")) or table.note_source or default_source
    if not source:
        errors.cell(
            table,
            number,
            table.fields["source"],
            _("the source is empty. Name the survey edition or report."),
        )
        return None
    url = norm(table.value(row, "url"))
    if url and not SAFE_URL.match(url):
        errors.cell(table, number, table.fields["url"], url_problem(url))
        return None
    note = norm(table.value(row, "note"))
    return {"fiscal_year": year, "source": source[:500], "url": url[:1000], "note": note}


def _row_cells(table, row, number, errors) -> list[tuple[str, int]] | None:
    """(term, column) pairs holding this row's counts."""
    if is_wide(table):
        return [(term, index) for term, index in table.extra.items() if norm(row_at(row, index))]
    raw_term = table.value(row, "term")
    try:
        term = parse_term(raw_term)
    except ValueProblem:
        errors.cell(
            table,
            number,
            table.fields["term"],
            _('"%(value)s" is not a term. Write 短期, 中・長期 or 合計.')
            % {"value": norm(raw_term)},
        )
        return None
    return [(term, table.fields["researchers"])]


def row_at(row: list, index: int):
    return row[index] if index < len(row) else ""


def parse_tables(tables: list[Table], errors: Errors, default_source: str = "") -> list[dict]:
    """Normalised yearly figures of every table; problems go to errors."""
    rows: list[dict] = []
    seen: dict[tuple, str] = {}
    progress = RowProgress(tables)
    for table in tables:
        sheet_direction = _table_direction(table, errors)
        if sheet_direction is False or not _table_source(table, errors, default_source):
            continue
        for number, row in progress.rows(table):
            common = _row_common(table, row, number, errors, default_source)
            if common is None:
                continue
            direction = _row_direction(table, row, number, sheet_direction, errors)
            cells = _row_cells(table, row, number, errors) if direction else None
            for term, index in cells or []:
                _add_count(table, row, number, index, errors, rows, seen, common, direction, term)
    return rows


def _add_count(table, row, number, index, errors, rows, seen, common, direction, term):
    raw = row_at(row, index)
    try:
        count = parse_count(raw)
    except ValueProblem as problem:
        errors.cell(table, number, index, count_problem(str(problem), raw))
        return
    year = common["fiscal_year"]
    key = (year, direction, term, common["source"])
    where = f"{table.sheet.name}!{number}"
    if key in seen:
        errors.cell(
            table,
            number,
            table.fields["fiscal_year"],
            _(
                "fiscal year %(year)s (%(direction)s, %(term)s) appears twice in the "
                "file (also at %(other)s). Keep one row per year."
            )
            % {
                "year": year,
                "direction": dict(Direction.choices)[direction],
                "term": dict(Term.choices)[term],
                "other": seen[key],
            },
        )
        return
    seen[key] = where
    rows.append(
        {**common, "direction": direction, "term": term, "researchers": count, "where": where}
    )
