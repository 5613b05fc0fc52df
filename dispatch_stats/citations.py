"""A comment's citation of one statistics data point (series + fiscal year): the snapshot stored
with the comment, and how it compares with the figures now on the statistics page.

The snapshot is plain JSON kept by the citing app (policies' Comment.cited_point), so nothing
here imports a higher app; a later import never rewrites it, it is compared instead.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from dispatch_stats.models import Direction, ImportKind, ImportLog, Term
from dispatch_stats.selectors import chart_series


def point_snapshot(*, direction: str, term: str, fiscal_year: int, series=None) -> dict | None:
    """What a reader sees for one point now: value and source, to store with a citation. None
    when the statistics page has no figure for that series and year."""
    series = chart_series() if series is None else series
    line = series.get((direction, term))
    if line is None or fiscal_year not in line.values:
        return None
    source = line.year_sources.get(fiscal_year)
    return {
        "direction": direction,
        "term": term,
        "fiscal_year": fiscal_year,
        "value": line.values[fiscal_year],
        "source": source.label if source else line.source_name,
        "at": timezone.now().isoformat(),
    }


@dataclass
class PointStatus:
    """A cited point beside today's figure: changed when the value or its source differs."""

    direction: str
    term: str
    fiscal_year: int
    cited_value: int
    cited_source: str
    now_value: int | None
    now_source: str
    changed: bool
    changed_by_import_at: datetime | None = None

    @property
    def series_label(self) -> str:
        return f"{Direction(self.direction).label} — {Term(self.term).label}"


def _valid(snapshot) -> bool:
    return (
        isinstance(snapshot, dict)
        and snapshot.get("direction") in Direction.values
        and snapshot.get("term") in Term.values
        and isinstance(snapshot.get("fiscal_year"), int)
        and isinstance(snapshot.get("value"), int)
    )


class PointComparer:
    """Compares any number of snapshots with two queries in all (the figures, the import log),
    so a page listing many citing comments costs the same as one."""

    def __init__(self):
        self._series = None
        self._imports = None

    def status(self, snapshot) -> PointStatus | None:
        if not _valid(snapshot):
            return None
        if self._series is None:
            self._series = chart_series()
        now = point_snapshot(
            direction=snapshot["direction"],
            term=snapshot["term"],
            fiscal_year=snapshot["fiscal_year"],
            series=self._series,
        )
        now_value = now["value"] if now else None
        now_source = now["source"] if now else ""
        changed = now_value != snapshot["value"] or now_source != snapshot.get("source", "")
        status = PointStatus(
            direction=snapshot["direction"],
            term=snapshot["term"],
            fiscal_year=snapshot["fiscal_year"],
            cited_value=snapshot["value"],
            cited_source=str(snapshot.get("source", "")),
            now_value=now_value,
            now_source=now_source,
            changed=changed,
        )
        if changed:
            status.changed_by_import_at = self._import_after(snapshot.get("at"))
        return status

    def _import_after(self, at) -> datetime | None:
        """The latest confirmed import of yearly figures after the citation was made."""
        if self._imports is None:
            self._imports = list(
                ImportLog.objects.filter(kind=ImportKind.YEARLY, confirmed=True)
                .order_by("-created_at")
                .values_list("created_at", flat=True)[:50]
            )
        cited_at = parse_datetime(at) if isinstance(at, str) else None
        for created in self._imports:
            if cited_at is None or created > cited_at:
                return created
        return None


def latest_import_id() -> int:
    """The newest import's id (0 before any): what a cited point's "now" depends on, for the
    ETag of a page that shows cited points."""
    return ImportLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
