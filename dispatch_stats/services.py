"""Writes for dispatch statistics: previewing and confirming imports (all or nothing)."""

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from dispatch_stats.importing.files import ImportFileError, read_upload
from dispatch_stats.importing.tables import parse_reference, parse_yearly
from dispatch_stats.importing.values import MAX_YEAR, MIN_YEAR
from dispatch_stats.models import (
    Direction,
    ImportKind,
    ImportLog,
    PendingImport,
    ReferenceFigure,
    Source,
    Term,
    YearlyFigure,
)

PENDING_TTL = timedelta(hours=2)
PREVIEW_LIMIT = 200

# Note tags in the survey data and the source priority they imply (SOURCES.md).
TAG_PRIORITY = {"primary": 1, "press-report": 2, "secondary-transcription": 3, "derived": 4}
_TAG = re.compile(r"^\s*\[([a-z-]+)\]")


def priority_from_note(note: str) -> int | None:
    match = _TAG.match(note or "")
    return TAG_PRIORITY.get(match.group(1)) if match else None


class ImportRefused(Exception):
    """The import cannot go ahead; messages (in the user's language) say why."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class Preview:
    kind: str
    token: str
    file_name: str
    sha256: str
    new: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)  # each with "old" values
    unchanged_count: int = 0
    log: ImportLog | None = None

    @property
    def total(self) -> int:
        return len(self.new) + len(self.changed) + self.unchanged_count


# --- validation shared by preview and confirm -------------------------------------------


def _validate_yearly(rows: list[dict]) -> list[dict]:
    """Re-check normalised rows (also those read back from the pending store)."""
    clean, seen = [], set()
    directions, terms = set(Direction.values), set(Term.values)
    for row in rows:
        try:
            year = int(row["fiscal_year"])
            count = int(row["researchers"])
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
        key = (row.get("fiscal_year"), row.get("direction"), row.get("term"), row.get("source"))
        if not ok or key in seen:
            raise ImportRefused([_("The stored preview is invalid. Upload the file again.")])
        seen.add(key)
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
    return clean


def _validate_reference(rows: list[dict]) -> list[dict]:
    clean, seen = [], set()
    for row in rows:
        try:
            value = None if row["value"] is None else Decimal(str(row["value"]))
            text_fields = {
                name: str(row[name])
                for name in ("topic", "country_or_pair", "year_or_period", "metric", "source")
            }
            ok = all(text_fields.values()) and (value is None or abs(value) < Decimal(10) ** 16)
        except (KeyError, TypeError, ValueError, ArithmeticError):
            ok = False
        key = tuple(
            row.get(n) for n in ("topic", "country_or_pair", "year_or_period", "metric", "source")
        )
        if not ok or key in seen:
            raise ImportRefused([_("The stored preview is invalid. Upload the file again.")])
        seen.add(key)
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
    return clean


# --- diffing against the database ---------------------------------------------------------


def _yearly_key(row):
    return (row["fiscal_year"], row["direction"], row["term"], row["source"])


def _reference_key(row):
    return (
        row["topic"],
        row["country_or_pair"],
        row["year_or_period"],
        row["metric"],
        row["source"],
    )


def _existing_yearly(rows):
    names = {row["source"] for row in rows}
    existing = {}
    queryset = YearlyFigure.objects.filter(source__name__in=names).values_list(
        "fiscal_year", "direction", "term", "source__name", "researchers", "note"
    )
    for year, direction, term, source, researchers, note in queryset.iterator(chunk_size=5000):
        existing[(year, direction, term, source)] = {"researchers": researchers, "note": note}
    return existing


def _existing_reference(rows):
    names = {row["source"] for row in rows}
    existing = {}
    queryset = ReferenceFigure.objects.filter(source__name__in=names).values_list(
        "topic",
        "country_or_pair",
        "year_or_period",
        "metric",
        "source__name",
        "value",
        "value_text",
        "unit",
        "note",
    )
    for *key, value, value_text, unit, note in queryset.iterator(chunk_size=5000):
        existing[tuple(key)] = {
            "value": None if value is None else str(value.normalize()),
            "value_text": value_text,
            "unit": unit,
            "note": note,
        }
    return existing


def _diff(kind, rows):
    if kind == ImportKind.YEARLY:
        existing, key_of, compared = _existing_yearly(rows), _yearly_key, ("researchers", "note")
    else:
        existing, key_of, compared = (
            _existing_reference(rows),
            _reference_key,
            ("value", "value_text", "unit", "note"),
        )
    new, changed, unchanged = [], [], 0
    for row in rows:
        old = existing.get(key_of(row))
        if old is None:
            new.append(row)
            continue
        mine = dict(row)
        if kind == ImportKind.REFERENCE and mine["value"] is not None:
            mine["value"] = str(Decimal(mine["value"]).normalize())
        if any(mine[name] != old[name] for name in compared):
            changed.append({**row, "old": old})
        else:
            unchanged += 1
    return new, changed, unchanged


# --- services -----------------------------------------------------------------------------


def import_preview(*, kind: str, user, file_name: str, data: bytes) -> Preview:
    """Dry run for an admin: parse and validate the file, store its normalised rows under a random
    token, log the dry run, and return new / changed / unchanged rows. Writes no figures.
    Raises ImportRefused with every problem found."""
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        sheets = read_upload(data, file_name)
    except ImportFileError as exc:
        raise ImportRefused([str(exc)]) from exc
    result = parse_yearly(sheets) if kind == ImportKind.YEARLY else parse_reference(sheets)
    if result.errors:
        raise ImportRefused(result.errors)
    new, changed, unchanged = _diff(kind, result.rows)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        PendingImport.objects.filter(created_at__lt=timezone.now() - PENDING_TTL).delete()
        PendingImport.objects.create(
            token=token,
            kind=kind,
            user=user,
            file_name=file_name[:255],
            sha256=sha256,
            rows=result.rows,
        )
        log = ImportLog.objects.create(
            kind=kind,
            user=user,
            file_name=file_name[:255],
            sha256=sha256,
            rows_new=len(new),
            rows_changed=len(changed),
            rows_unchanged=unchanged,
            confirmed=False,
        )
    return Preview(
        kind=kind,
        token=token,
        file_name=file_name,
        sha256=sha256,
        new=new,
        changed=changed,
        unchanged_count=unchanged,
        log=log,
    )


def _sources_for(rows) -> dict[str, Source]:
    """Get or create every source named in rows; priority from the best note tag."""
    wanted: dict[str, dict] = {}
    for row in rows:
        entry = wanted.setdefault(row["source"], {"url": "", "priority": None})
        entry["url"] = entry["url"] or row.get("url", "")
        tag = priority_from_note(row.get("note", ""))
        if tag is not None and (entry["priority"] is None or tag < entry["priority"]):
            entry["priority"] = tag
    sources = {s.name: s for s in Source.objects.filter(name__in=wanted)}
    for name, entry in wanted.items():
        source = sources.get(name)
        if source is None:
            sources[name] = Source.objects.create(
                name=name, url=entry["url"], priority=entry["priority"] or 1
            )
        else:
            changed = []
            if entry["priority"] is not None and entry["priority"] != source.priority:
                source.priority = entry["priority"]
                changed.append("priority")
            if entry["url"] and not source.url:
                source.url = entry["url"]
                changed.append("url")
            if changed:
                source.save(update_fields=changed)
    return sources


def _upsert_yearly(rows: list[dict], sources: dict[str, Source]) -> None:
    """New and changed yearly figures in one COPY and one INSERT ... ON CONFLICT (the caller's
    transaction makes it all or nothing; the table's constraints still check every row)."""
    if not rows:
        return
    table = YearlyFigure._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE dispatch_stats_import_rows (fiscal_year integer, "
            "direction varchar(10), term varchar(10), researchers bigint, source_id bigint, "
            "note text) ON COMMIT DROP"
        )
        with cursor.copy(
            "COPY dispatch_stats_import_rows (fiscal_year, direction, term, researchers, "
            "source_id, note) FROM STDIN"
        ) as copy:
            for row in rows:
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
            f"INSERT INTO {table} (fiscal_year, direction, term, researchers, source_id, note) "
            "SELECT fiscal_year, direction, term, researchers, source_id, note "
            "FROM dispatch_stats_import_rows "
            "ON CONFLICT ON CONSTRAINT yearly_figure_unique_per_source "
            "DO UPDATE SET researchers = EXCLUDED.researchers, note = EXCLUDED.note"
        )
        cursor.execute("DROP TABLE dispatch_stats_import_rows")


def import_confirm(*, token: str, user, sha256: str) -> ImportLog:
    """Confirm an admin's previewed import: re-validate the stored rows, diff again against the
    database as it is now, and write new and changed rows in one transaction (all or nothing).
    Only the admin who previewed may confirm; the pending rows are then deleted."""
    with transaction.atomic():
        pending = (
            PendingImport.objects.select_for_update()
            .filter(token=token, user=user, created_at__gte=timezone.now() - PENDING_TTL)
            .first()
        )
        if pending is None or not secrets.compare_digest(pending.sha256, sha256 or ""):
            raise ImportRefused(
                [_("This preview has expired or does not belong to you. Upload the file again.")]
            )
        kind = pending.kind
        if kind == ImportKind.YEARLY:
            rows = _validate_yearly(pending.rows)
        else:
            rows = _validate_reference(pending.rows)
        new, changed, unchanged = _diff(kind, rows)
        sources = _sources_for(new + changed)
        writes = new + changed
        if kind == ImportKind.YEARLY:
            _upsert_yearly(writes, sources)
        else:
            objects = [
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
                for row in writes
            ]
            ReferenceFigure.objects.bulk_create(
                objects,
                batch_size=5000,
                update_conflicts=True,
                unique_fields=["topic", "country_or_pair", "year_or_period", "metric", "source"],
                update_fields=["value", "value_text", "unit", "note"],
            )
        log = ImportLog.objects.create(
            kind=kind,
            user=user,
            file_name=pending.file_name,
            sha256=pending.sha256,
            rows_new=len(new),
            rows_changed=len(changed),
            rows_unchanged=unchanged,
            confirmed=True,
        )
        pending.delete()
        audit_record(actor=user, action="import.confirm", obj=log, after={"kind": kind})
    return log


def import_file(*, kind: str, user, file_name: str, data: bytes) -> ImportLog:
    """Preview and confirm in one go, for the demo loader and scripts (same code path as admins)."""
    preview = import_preview(kind=kind, user=user, file_name=file_name, data=data)
    return import_confirm(token=preview.token, user=user, sha256=preview.sha256)
