"""One table spec per import kind, in a registry that drives the import services and the
preview template: headers, required columns, parser, key, compared fields and preview columns.

Adding an import kind is one entry in TABLE_SPECS (plus its parser module and store functions).
The parsers never touch the database; the store functions (dispatch_stats/import_store.py) do.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dispatch_stats import import_store
from dispatch_stats.importing import reference, yearly
from dispatch_stats.importing.files import Sheet
from dispatch_stats.importing.scanner import HEADER_SCAN_ROWS, Errors, scan
from dispatch_stats.models import Direction, ImportKind, Term


@dataclass
class ParseResult:
    rows: list[dict]
    errors: list[str]


@dataclass(frozen=True)
class PreviewColumn:
    """One column of the preview tables: its heading and how a row's cell is shown."""

    label: str
    show: Callable[[dict], object]
    numeric: bool = False


@dataclass(frozen=True)
class TableSpec:
    """Everything the reader, the services and the preview need to know about one kind."""

    kind: str
    headers: dict[str, set[str]]  # field -> header aliases (header_key form)
    anchor: str  # the column whose header marks the header row
    missing_columns: Callable  # (table, default_source) -> labels of missing required columns
    missing_fix: Callable[[], str]
    parse_tables: Callable  # (tables, errors, default_source) -> rows
    key: tuple[str, ...]  # what identifies one figure (with the source)
    compared: tuple[str, ...]  # fields whose change makes a row "changed"
    preview: tuple[PreviewColumn, ...]
    value: PreviewColumn  # the before/after column of changed rows
    no_header: str  # the message when no header row is found; %(rows)s: rows scanned
    validate: Callable  # rows read back from the pending store -> clean rows
    existing: Callable  # rows -> {key: compared values} already in the database
    write: Callable  # (rows, sources by name) -> None
    comparable: Callable = lambda row: row  # a parsed row as the database would give it back
    extra_column: Callable | None = None
    notes_end_table: bool = True  # the first note row ends the data (else notes are skipped)
    is_note: Callable = lambda table, row: True
    is_preamble: Callable = lambda table, row: False

    def parse_tables_of(self, sheets: list[Sheet], default_source: str = "") -> "ParseResult":
        """Rows of this kind's tables in every sheet, or every problem found."""
        errors = Errors()
        tables, found = scan(sheets, self, errors, default_source)
        rows = self.parse_tables(tables, errors, default_source)
        if not found:
            errors.add(self.no_header % {"rows": HEADER_SCAN_ROWS})
        elif not rows and not errors.items:
            errors.add(_("The file has a header but no figures below it."))
        return ParseResult(rows=rows, errors=errors.items)


def _direction_label(row: dict) -> str:
    return str(dict(Direction.choices).get(row["direction"], row["direction"]))


def _term_label(row: dict) -> str:
    return str(dict(Term.choices).get(row["term"], row["term"]))


def _figure(row: dict) -> str:
    return " / ".join(row[n] for n in ("topic", "country_or_pair", "year_or_period", "metric"))


def _reference_value(row: dict) -> str:
    value = row.get("value")
    return f"{value} {row.get('unit', '')}".strip() if value is not None else row["value_text"]


YEARLY = TableSpec(
    kind=ImportKind.YEARLY,
    headers=yearly.HEADERS,
    anchor="fiscal_year",
    missing_columns=yearly.missing_columns,
    missing_fix=yearly.missing_fix,
    parse_tables=yearly.parse_tables,
    key=("fiscal_year", "direction", "term", "source"),
    compared=("researchers", "note"),
    preview=(
        PreviewColumn(gettext_lazy("Fiscal year"), lambda r: r["fiscal_year"]),
        PreviewColumn(gettext_lazy("Direction"), _direction_label),
        PreviewColumn(gettext_lazy("Term"), _term_label),
    ),
    value=PreviewColumn(gettext_lazy("Researchers"), lambda r: r["researchers"], numeric=True),
    no_header=gettext_lazy(
        "No header row was found. The first %(rows)s rows of a sheet must include a header "
        "row with a 年度 (fiscal year) column and either 人数 with 期間, or the columns "
        "短期 | 中・長期 | 合計."
    ),
    validate=import_store.validate_yearly,
    existing=import_store.existing_yearly,
    write=import_store.write_yearly,
    extra_column=yearly.wide_term,
    is_preamble=yearly.is_preamble,
)

REFERENCE = TableSpec(
    kind=ImportKind.REFERENCE,
    headers=reference.HEADERS,
    anchor="topic",
    missing_columns=reference.missing_columns,
    missing_fix=reference.missing_fix,
    parse_tables=reference.parse_tables,
    key=("topic", "country_or_pair", "year_or_period", "metric", "source"),
    compared=("value", "value_text", "unit", "note"),
    preview=(PreviewColumn(gettext_lazy("Figure"), _figure),),
    value=PreviewColumn(gettext_lazy("Value"), _reference_value),
    no_header=gettext_lazy(
        "No header row was found. The first %(rows)s rows must include a header row with "
        "the columns topic, country_or_pair, year_or_period, metric, value, unit, source."
    ),
    validate=import_store.validate_reference,
    existing=import_store.existing_reference,
    write=import_store.write_reference,
    comparable=import_store.comparable_reference,
    notes_end_table=False,
    is_note=reference.is_note,
)

TABLE_SPECS: dict[str, TableSpec] = {spec.kind: spec for spec in (YEARLY, REFERENCE)}


def parse(kind: str, sheets: list[Sheet], default_source: str = "") -> ParseResult:
    """Rows of the kind's tables in every sheet, or every problem found (up to MAX_ERRORS)."""
    return TABLE_SPECS[kind].parse_tables_of(sheets, default_source)


def parse_yearly(sheets: list[Sheet], default_source: str = "") -> ParseResult:
    return parse(ImportKind.YEARLY, sheets, default_source)


def parse_reference(sheets: list[Sheet], default_source: str = "") -> ParseResult:
    return parse(ImportKind.REFERENCE, sheets, default_source)
