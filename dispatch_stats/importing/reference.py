"""The reference-figures table kind: topic | country_or_pair | year_or_period | metric | value |
unit | source rows (the deck's 参考資料); a value may be text (a range, NOT FOUND)."""

from django.utils.translation import gettext as _

from dispatch_stats.importing.scanner import SAFE_URL, Errors, RowProgress, Table, url_problem
from dispatch_stats.importing.values import ValueProblem, norm, parse_decimal

HEADERS = {
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
TEXT_FIELDS = ("topic", "country_or_pair", "year_or_period", "metric", "source")
REQUIRED = ("topic", "country_or_pair", "year_or_period", "metric", "value")


def missing_columns(table: Table, default_source: str = "") -> list[str]:
    wanted = REQUIRED if default_source else REQUIRED + ("source",)
    return [name for name in wanted if name not in table.fields]


def missing_fix() -> str:
    return _("Add the column.")


def is_note(table: Table, row: list) -> bool:
    """A ※/出典 line is a note only when it leaves the metric empty (a metric may start so)."""
    return not norm(table.value(row, "metric"))


def _value(table: Table, row: list, number: int, errors: Errors):
    """(ok, number or None) for the value cell; text values are kept as written."""
    raw = table.value(row, "value")
    column = table.fields["value"]
    if not norm(raw):
        errors.cell(
            table,
            number,
            column,
            _(
                "the value is empty. Enter the number, or the text the source gives "
                "(e.g. NOT FOUND)."
            ),
        )
        return False, None
    try:
        return True, parse_decimal(raw)
    except ValueProblem:
        errors.cell(
            table,
            number,
            column,
            _('"%(value)s" is too large. Check the cell.') % {"value": norm(raw)},
        )
        return False, None


def _row(table: Table, row: list, number: int, errors: Errors, default_source: str):
    values = {name: norm(table.value(row, name)) for name in table.fields}
    values["source"] = values.get("source") or default_source
    ok = True
    for name in TEXT_FIELDS:
        if not values.get(name):
            errors.cell(table, number, table.fields[name], _("this cell is empty. Fill it in."))
            ok = False
    value_ok, number_value = _value(table, row, number, errors)
    if values.get("url") and not SAFE_URL.match(values["url"]):
        errors.cell(table, number, table.fields["url"], url_problem(values["url"]))
        ok = False
    if not (ok and value_ok):
        return None
    return {
        "topic": values["topic"][:100],
        "country_or_pair": values["country_or_pair"][:200],
        "year_or_period": values["year_or_period"][:100],
        "metric": values["metric"][:300],
        "value": None if number_value is None else str(number_value),
        "value_text": "" if number_value is not None else values["value"][:200],
        "unit": values.get("unit", "")[:50],
        "source": values["source"][:500],
        "url": values.get("url", "")[:1000],
        "note": values.get("note", ""),
        "where": f"{table.sheet.name}!{number}",
    }


def parse_tables(tables: list[Table], errors: Errors, default_source: str = "") -> list[dict]:
    """Normalised reference figures (one per topic × country/pair × period × metric × source)."""
    rows: list[dict] = []
    seen: dict[tuple, str] = {}
    progress = RowProgress(tables)
    for table in tables:
        for number, row in progress.rows(table):
            parsed = _row(table, row, number, errors, default_source)
            if parsed is None:
                continue
            key = tuple(parsed[name] for name in TEXT_FIELDS)
            if key in seen:
                errors.cell(
                    table,
                    number,
                    table.fields["metric"],
                    _(
                        "the same figure appears twice in the file (also at %(other)s). "
                        "Keep one row."
                    )
                    % {"other": seen[key]},
                )
                continue
            seen[key] = parsed["where"]
            rows.append(parsed)
    return rows
