"""Find the header in each sheet and read long or wide survey tables into normalised rows.

A table may have title and units rows above the header and notes (※…, 出典：…) below the data.
Errors name the sheet, row, column letter and header, and say what to change; parsing keeps
going so the user sees every problem at once (up to MAX_ERRORS).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from dispatch_stats.importing.files import Sheet
from dispatch_stats.importing.values import (
    ValueProblem,
    direction_from_label,
    header_key,
    norm,
    parse_count,
    parse_decimal,
    parse_direction,
    parse_fiscal_year,
    parse_term,
)

MAX_ERRORS = 50
HEADER_SCAN_ROWS = 30

YEARLY_HEADERS = {
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
REFERENCE_HEADERS = {
    "topic": {"topic", "トピック", "テーマ", "項目"},
    "country_or_pair": {"countryorpair", "country", "国", "国地域", "国ペア", "国名"},
    "year_or_period": {"yearorperiod", "year", "period", "年", "年度", "期間", "時点"},
    "metric": {"metric", "指標"},
    "value": {"value", "値", "数値"},
    "unit": {"unit", "単位"},
    "source": {"source", "sourcereport", "出典", "出所"},
    "url": {"url", "sourceurl", "出典url"},
    "note": {"note", "notes", "備考"},
}
HEADER_LABELS = {
    "fiscal_year": "年度",
    "direction": "方向",
    "term": "期間",
    "researchers": "人数",
    "source": "出典",
    "topic": "topic",
    "country_or_pair": "country_or_pair",
    "year_or_period": "year_or_period",
    "metric": "metric",
    "value": "value",
}
IGNORED_HEADERS = {"fiscalyearwareki", "和暦", "和暦年度", "年度和暦"}
NOTE_PREFIX = re.compile(r"^(※|\*|注|\(注|出典|出所|資料|source|note)", re.I)
SOURCE_NOTE = re.compile(r"^(出典|出所|資料|source)\s*[:：]\s*(.+)$", re.I)


@dataclass
class ParseResult:
    rows: list[dict]
    errors: list[str]


def _wide_term(key: str) -> str | None:
    if key.startswith("短期") or key == "short":
        return "short"
    if key.startswith("中長期") or key in {"midlong", "midlongterm"}:
        return "mid_long"
    if key in {"合計", "計", "総数", "total"} or key.startswith("合計"):
        return "total"
    return None


def _map_header(row: list, aliases: dict) -> tuple[dict, dict]:
    """Column index per field, and column index per wide term, for a candidate header row."""
    fields, terms = {}, {}
    for index, cell in enumerate(row):
        key = header_key(cell)
        if not key or key in IGNORED_HEADERS:
            continue
        for name, names in aliases.items():
            if key in names and name not in fields:
                fields[name] = index
                break
        else:
            term = _wide_term(key)
            if term and term not in terms:
                terms[term] = index
    return fields, terms


# Source links end up as <a href> on public pages: only web addresses, never javascript: or data:.
SAFE_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


def _url_problem(value: str) -> str:
    return _(
        '"%(value)s" is not a web address. Write a URL that starts with https:// or http://.'
    ) % {"value": value[:80]}


class _Errors:
    def __init__(self):
        self.items: list[str] = []

    def add(self, message: str) -> None:
        if len(self.items) < MAX_ERRORS:
            self.items.append(message)

    def cell(self, sheet: Sheet, row: int, col: int, header, problem: str) -> None:
        self.add(
            _('Sheet "%(sheet)s", row %(row)s, column %(column)s (%(header)s): %(problem)s')
            % {
                "sheet": sheet.name,
                "row": row,
                "column": get_column_letter(col + 1),
                "header": norm(header),
                "problem": problem,
            }
        )


def _year_problem(kind: str, value) -> str:
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


def _count_problem(kind: str, value) -> str:
    shown = norm(value)
    if kind == "negative":
        return _('"%(value)s" is negative. Enter zero or a positive whole number.') % {
            "value": shown
        }
    if kind == "empty":
        return _("the number of researchers is empty. Enter a whole number, e.g. 7674.")
    if kind == "range":
        return _('"%(value)s" is too large for a number of researchers. Check the cell.') % {
            "value": shown
        }
    if kind == "fraction":
        return _('"%(value)s" is not a whole number. Enter a whole number of researchers.') % {
            "value": shown
        }
    return _(
        '"%(value)s" is not a number. Enter the number of researchers as a whole number, e.g. 7674.'
    ) % {"value": shown}


def _is_blank(row: list) -> bool:
    for cell in row:
        if cell is None or cell == "":
            continue
        if not isinstance(cell, str) or norm(cell):
            return False
    return True


def _cell(row: list, index: int | None):
    if index is None or index >= len(row):
        return ""
    return row[index]


def _find_header(sheet: Sheet, aliases: dict, required: set[str], wide_ok: bool):
    """(header row index, fields, terms) or None; the first row that names a fiscal year column."""
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        fields, terms = _map_header(row, aliases)
        anchor = "fiscal_year" if "fiscal_year" in aliases else "topic"
        if anchor in fields and (len(fields) + len(terms)) >= 2:
            return index, fields, terms
    return None


def _notes_and_title(sheet: Sheet, header_index: int) -> tuple[str | None, str]:
    title_direction = None
    for row in sheet.rows[:header_index]:
        for cell in row:
            found = direction_from_label(norm(cell))
            if found:
                title_direction = title_direction or found
    return title_direction, ""


def parse_yearly(sheets: list[Sheet]) -> ParseResult:
    """Normalised yearly figures from every sheet that has a 年度 header; errors otherwise."""
    errors = _Errors()
    rows: list[dict] = []
    seen: dict[tuple, str] = {}
    found_any = False
    for sheet in sheets:
        header = _find_header(sheet, YEARLY_HEADERS, set(), True)
        if header is None:
            continue
        found_any = True
        header_index, fields, terms = header
        header_row = sheet.rows[header_index]
        wide = "researchers" not in fields and bool(terms)
        missing = []
        if not wide:
            for name in ("researchers", "term"):
                if name not in fields:
                    missing.append(HEADER_LABELS[name])
        if missing:
            errors.add(
                _(
                    'Sheet "%(sheet)s": the header row (row %(row)s) has no column for '
                    "%(columns)s. "
                    "Add the column, or use one column per term (短期 | 中・長期 | 合計)."
                )
                % {"sheet": sheet.name, "row": header_index + 1, "columns": "、".join(missing)}
            )
            continue
        title_direction = None
        for row in sheet.rows[:header_index]:
            for cell in row:
                title_direction = title_direction or direction_from_label(norm(cell))
        sheet_direction = direction_from_label(sheet.name) or title_direction

        # First pass: split data rows from notes below the table; notes may name the source.
        data_rows: list[tuple[int, list]] = []
        note_source = ""
        in_notes = False
        for offset, row in enumerate(sheet.rows[header_index + 1 :]):
            number = header_index + 2 + offset
            if _is_blank(row):
                continue
            first = next((norm(c) for c in row if norm(c)), "")
            if in_notes or NOTE_PREFIX.match(first):
                in_notes = True
                match = SOURCE_NOTE.match(first)
                if match and not note_source:
                    note_source = match.group(2).strip()
                continue
            year_cell = norm(_cell(row, fields["fiscal_year"]))
            if not data_rows and not re.search(r"\d|元", year_cell):
                continue  # a units row such as （単位：人）
            data_rows.append((number, row))

        if "direction" not in fields and not sheet_direction:
            errors.add(
                _(
                    'Sheet "%(sheet)s": we cannot tell whether the figures are outbound or '
                    "inbound. "
                    "Add a 方向 column (派遣 / 受入れ), or name the sheet 派遣 or 受入れ."
                )
                % {"sheet": sheet.name}
            )
            continue
        if "source" not in fields and not note_source:
            errors.add(
                _(
                    'Sheet "%(sheet)s": no source. Add a 出典 column, or a note below the table '
                    "such as 出典：国際研究交流の概況（令和6年度）."
                )
                % {"sheet": sheet.name}
            )
            continue

        for number, row in data_rows:
            where = f"{sheet.name}!{number}"
            year_raw = _cell(row, fields["fiscal_year"])
            try:
                if not norm(year_raw):
                    raise ValueProblem("empty")
                year = parse_fiscal_year(year_raw)
            except ValueProblem as problem:
                errors.cell(
                    sheet,
                    number,
                    fields["fiscal_year"],
                    header_row[fields["fiscal_year"]],
                    _year_problem(str(problem), year_raw),
                )
                continue
            direction = sheet_direction
            if "direction" in fields:
                raw = _cell(row, fields["direction"])
                if norm(raw) or not sheet_direction:
                    try:
                        direction = parse_direction(raw)
                    except ValueProblem:
                        errors.cell(
                            sheet,
                            number,
                            fields["direction"],
                            header_row[fields["direction"]],
                            _(
                                '"%(value)s" is not a direction. '
                                "Write 派遣 (outbound) or 受入れ (inbound)."
                            )
                            % {"value": norm(raw)},
                        )
                        continue
            source = norm(_cell(row, fields.get("source"))) or note_source
            if not source:
                errors.cell(
                    sheet,
                    number,
                    fields["source"],
                    header_row[fields["source"]],
                    _("the source is empty. Name the survey edition or report."),
                )
                continue
            url = norm(_cell(row, fields.get("url")))
            if url and not SAFE_URL.match(url):
                errors.cell(
                    sheet,
                    number,
                    fields["url"],
                    header_row[fields["url"]],
                    _url_problem(url),
                )
                continue
            note = norm(_cell(row, fields.get("note")))
            if wide:
                cells = [(term, index, None) for term, index in terms.items()]
            else:
                raw_term = _cell(row, fields["term"])
                try:
                    term = parse_term(raw_term)
                except ValueProblem:
                    errors.cell(
                        sheet,
                        number,
                        fields["term"],
                        header_row[fields["term"]],
                        _('"%(value)s" is not a term. Write 短期, 中・長期 or 合計.')
                        % {"value": norm(raw_term)},
                    )
                    continue
                cells = [(term, fields["researchers"], None)]
            for term, index, _unused in cells:
                raw = _cell(row, index)
                if wide and not norm(raw):
                    continue  # a wide table may leave a term blank for a year
                try:
                    count = parse_count(raw)
                except ValueProblem as problem:
                    errors.cell(
                        sheet, number, index, header_row[index], _count_problem(str(problem), raw)
                    )
                    continue
                key = (year, direction, term, source)
                if key in seen:
                    errors.cell(
                        sheet,
                        number,
                        fields["fiscal_year"],
                        header_row[fields["fiscal_year"]],
                        _(
                            "fiscal year %(year)s (%(direction)s, %(term)s) appears twice in the "
                            "file (also at %(other)s). Keep one row per year."
                        )
                        % {"year": year, "direction": direction, "term": term, "other": seen[key]},
                    )
                    continue
                seen[key] = where
                rows.append(
                    {
                        "fiscal_year": year,
                        "direction": direction,
                        "term": term,
                        "researchers": count,
                        "source": source[:500],
                        "url": url[:1000],
                        "note": note,
                        "where": where,
                    }
                )
    if not found_any:
        errors.add(
            _(
                "No header row was found. The first %(rows)s rows of a sheet must include a header "
                "row with a 年度 (fiscal year) column and either 人数 with 期間, or the columns "
                "短期 | 中・長期 | 合計."
            )
            % {"rows": HEADER_SCAN_ROWS}
        )
    elif not rows and not errors.items:
        errors.add(_("The file has a header but no figures below it."))
    return ParseResult(rows=rows, errors=errors.items)


def parse_reference(sheets: list[Sheet]) -> ParseResult:
    """Normalised reference figures (one per topic × country/pair × period × metric × source)."""
    errors = _Errors()
    rows: list[dict] = []
    seen: dict[tuple, str] = {}
    found_any = False
    required = ("topic", "country_or_pair", "year_or_period", "metric", "value", "source")
    for sheet in sheets:
        header = _find_header(sheet, REFERENCE_HEADERS, set(), False)
        if header is None:
            continue
        found_any = True
        header_index, fields, _terms = header
        header_row = sheet.rows[header_index]
        missing = [HEADER_LABELS[name] for name in required if name not in fields]
        if missing:
            errors.add(
                _(
                    'Sheet "%(sheet)s": the header row (row %(row)s) has no column for '
                    "%(columns)s. "
                    "Add the column."
                )
                % {"sheet": sheet.name, "row": header_index + 1, "columns": ", ".join(missing)}
            )
            continue
        for offset, row in enumerate(sheet.rows[header_index + 1 :]):
            number = header_index + 2 + offset
            if _is_blank(row):
                continue
            first = next((norm(c) for c in row if norm(c)), "")
            if NOTE_PREFIX.match(first) and not norm(_cell(row, fields["metric"])):
                continue
            values = {name: norm(_cell(row, index)) for name, index in fields.items()}
            bad = False
            for name in ("topic", "country_or_pair", "year_or_period", "metric", "source"):
                if not values.get(name):
                    errors.cell(
                        sheet,
                        number,
                        fields[name],
                        header_row[fields[name]],
                        _("this cell is empty. Fill it in."),
                    )
                    bad = True
            raw_value = _cell(row, fields["value"])
            try:
                number_value = parse_decimal(raw_value)
            except ValueProblem:
                errors.cell(
                    sheet,
                    number,
                    fields["value"],
                    header_row[fields["value"]],
                    _('"%(value)s" is too large. Check the cell.') % {"value": norm(raw_value)},
                )
                bad = True
                number_value = None
            if not norm(raw_value):
                errors.cell(
                    sheet,
                    number,
                    fields["value"],
                    header_row[fields["value"]],
                    _(
                        "the value is empty. Enter the number, or the text the source gives "
                        "(e.g. NOT FOUND)."
                    ),
                )
                bad = True
            if values.get("url") and not SAFE_URL.match(values["url"]):
                errors.cell(
                    sheet,
                    number,
                    fields["url"],
                    header_row[fields["url"]],
                    _url_problem(values["url"]),
                )
                bad = True
            if bad:
                continue
            key = (
                values["topic"],
                values["country_or_pair"],
                values["year_or_period"],
                values["metric"],
                values["source"],
            )
            if key in seen:
                errors.cell(
                    sheet,
                    number,
                    fields["metric"],
                    header_row[fields["metric"]],
                    _(
                        "the same figure appears twice in the file (also at %(other)s). "
                        "Keep one row."
                    )
                    % {"other": seen[key]},
                )
                continue
            seen[key] = f"{sheet.name}!{number}"
            rows.append(
                {
                    "topic": values["topic"][:100],
                    "country_or_pair": values["country_or_pair"][:200],
                    "year_or_period": values["year_or_period"][:100],
                    "metric": values["metric"][:300],
                    "value": None if number_value is None else str(number_value),
                    "value_text": "" if number_value is not None else norm(raw_value)[:200],
                    "unit": values.get("unit", "")[:50],
                    "source": values["source"][:500],
                    "url": values.get("url", "")[:1000],
                    "note": values.get("note", ""),
                    "where": f"{sheet.name}!{number}",
                }
            )
    if not found_any:
        errors.add(
            _(
                "No header row was found. The first %(rows)s rows must include a header row with "
                "the columns topic, country_or_pair, year_or_period, metric, value, unit, source."
            )
            % {"rows": HEADER_SCAN_ROWS}
        )
    elif not rows and not errors.items:
        errors.add(_("The file has a header but no figures below it."))
    return ParseResult(rows=rows, errors=errors.items)
