"""Database side of the import kinds: re-validating stored preview rows, reading the figures a
file would change, and writing new and changed rows (the caller holds the transaction)."""

from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.task_progress import PROGRESS_EVERY, report_progress
from dispatch_stats.importing.values import MAX_YEAR, MIN_YEAR
from dispatch_stats.models import Direction, ReferenceFigure, Source, Term, YearlyFigure

CHECKING = gettext_noop("Checking the stored rows")
WRITING = gettext_noop("Writing the rows")
# Rows per write statement: the confirm reports its progress (and sees a cancel) between two.
WRITE_BATCH = 5000


def _checked(rows: list[dict]):
    """The rows, reporting progress (as a task: the bar, and the cancel) every PROGRESS_EVERY."""
    report_progress(0, len(rows), CHECKING, force=True)
    for done, row in enumerate(rows):
        if done % PROGRESS_EVERY == 0:
            report_progress(done, len(rows), CHECKING)
        yield row


class StoredRowsInvalid(Exception):
    """Rows read back from the pending store fail re-validation (tampered or stale)."""

    def __init__(self):
        super().__init__(_("The stored preview is invalid. Upload the file again."))


def _check_unique(rows: list[dict], key: tuple[str, ...]) -> None:
    seen = set()
    for row in rows:
        marker = tuple(row.get(name) for name in key)
        if marker in seen:
            raise StoredRowsInvalid
        seen.add(marker)


def validate_yearly(rows: list[dict]) -> list[dict]:
    """Re-check normalised rows (also those read back from the pending store)."""
    clean = []
    directions, terms = set(Direction.values), set(Term.values)
    for row in _checked(rows):
        try:
            year, count = int(row["fiscal_year"]), int(row["researchers"])
            ok = (
                MIN_YEAR <= year <= MAX_YEAR
                and 0 <= count <= 10_000_000
                and row["direction"] in directions
                and row["term"] in terms
                and isinstance(row["source"], str)
                and 0 < len(row["source"]) <= 500
            )
        except (KeyError, TypeError, ValueError):
            ok = False
        if not ok:
            raise StoredRowsInvalid
        clean.append(
            {
                "fiscal_year": year,
                "direction": row["direction"],
                "term": row["term"],
                "researchers": count,
                "source": row["source"],
                "url": str(row.get("url", ""))[:1000],
                "note": str(row.get("note", "")),
                "where": str(row.get("where", "")),
            }
        )
    _check_unique(clean, ("fiscal_year", "direction", "term", "source"))
    return clean


REFERENCE_TEXT = ("topic", "country_or_pair", "year_or_period", "metric", "source")


def validate_reference(rows: list[dict]) -> list[dict]:
    clean = []
    for row in _checked(rows):
        try:
            value = None if row["value"] is None else Decimal(str(row["value"]))
            text_fields = {name: str(row[name]) for name in REFERENCE_TEXT}
            ok = all(text_fields.values()) and (value is None or abs(value) < Decimal(10) ** 16)
        except (KeyError, TypeError, ValueError, ArithmeticError):
            ok = False
        if not ok:
            raise StoredRowsInvalid
        clean.append(
            {
                **text_fields,
                "value": None if value is None else str(value),
                "value_text": str(row.get("value_text", ""))[:200],
                "unit": str(row.get("unit", ""))[:50],
                "url": str(row.get("url", ""))[:1000],
                "note": str(row.get("note", "")),
                "where": str(row.get("where", "")),
            }
        )
    _check_unique(clean, REFERENCE_TEXT)
    return clean


def existing_yearly(rows: list[dict]) -> dict[tuple, dict]:
    names = {row["source"] for row in rows}
    existing = {}
    queryset = YearlyFigure.objects.filter(source__name__in=names).values_list(
        "fiscal_year", "direction", "term", "source__name", "researchers", "note"
    )
    for year, direction, term, source, researchers, note in queryset.iterator(chunk_size=5000):
        existing[(year, direction, term, source)] = {"researchers": researchers, "note": note}
    return existing


def existing_reference(rows: list[dict]) -> dict[tuple, dict]:
    names = {row["source"] for row in rows}
    existing = {}
    queryset = ReferenceFigure.objects.filter(source__name__in=names).values_list(
        *REFERENCE_TEXT[:4], "source__name", "value", "value_text", "unit", "note"
    )
    for *key, value, value_text, unit, note in queryset.iterator(chunk_size=5000):
        existing[tuple(key)] = {
            "value": None if value is None else str(value.normalize()),
            "value_text": value_text,
            "unit": unit,
            "note": note,
        }
    return existing


def comparable_reference(row: dict) -> dict:
    """A parsed reference row with its value written as the database gives it back."""
    if row["value"] is None:
        return row
    return {**row, "value": str(Decimal(row["value"]).normalize())}


def _batches(rows: list[dict]):
    """The rows in slices of WRITE_BATCH, reporting the rows written after each slice: as a
    task, the bar moves batch by batch and a cancel stops the write between two (TaskCancelled
    rolls the caller's transaction back, so nothing of the batches before stays)."""
    report_progress(0, len(rows), WRITING, force=True)
    for start in range(0, len(rows), WRITE_BATCH):
        yield rows[start : start + WRITE_BATCH]
        report_progress(min(start + WRITE_BATCH, len(rows)), len(rows), WRITING)


def write_yearly(rows: list[dict], sources: dict[str, Source]) -> None:
    """New and changed yearly figures, a batch at a time: one COPY into a scratch table and one
    INSERT ... ON CONFLICT per batch (the caller's transaction makes it all or nothing; the
    table's constraints still check every row)."""
    if not rows:
        return
    table = YearlyFigure._meta.db_table
    columns = "fiscal_year, direction, term, researchers, source_id, note"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE dispatch_stats_import_rows (fiscal_year integer, "
            "direction varchar(10), term varchar(10), researchers bigint, source_id bigint, "
            "note text) ON COMMIT DROP"
        )
        for batch in _batches(rows):
            with cursor.copy(f"COPY dispatch_stats_import_rows ({columns}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(
                        (
                            row["fiscal_year"],
                            row["direction"],
                            row["term"],
                            row["researchers"],
                            sources[row["source"]].pk,
                            row["note"],
                        )
                    )
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM dispatch_stats_import_rows "
                "ON CONFLICT ON CONSTRAINT yearly_figure_unique_per_source "
                "DO UPDATE SET researchers = EXCLUDED.researchers, note = EXCLUDED.note"
            )
            cursor.execute("TRUNCATE dispatch_stats_import_rows")
        cursor.execute("DROP TABLE dispatch_stats_import_rows")


def write_reference(rows: list[dict], sources: dict[str, Source]) -> None:
    """New and changed reference figures, a batch at a time (as write_yearly)."""
    for batch in _batches(rows):
        ReferenceFigure.objects.bulk_create(
            [
                ReferenceFigure(
                    topic=row["topic"],
                    country_or_pair=row["country_or_pair"],
                    year_or_period=row["year_or_period"],
                    metric=row["metric"],
                    value=None if row["value"] is None else Decimal(row["value"]),
                    value_text=row["value_text"],
                    unit=row["unit"],
                    source=sources[row["source"]],
                    note=row["note"],
                )
                for row in batch
            ],
            batch_size=5000,
            update_conflicts=True,
            unique_fields=[*REFERENCE_TEXT[:4], "source"],
            update_fields=["value", "value_text", "unit", "note"],
        )
