"""A comment's cited data point: one fiscal year of a cited statistics series, as the author saw
it (value and source), kept so a later import that changes it shows as a change."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dispatch_stats.citations import point_snapshot
from policies.models import Comment, Evidence


def cited_point(evidence: Evidence | None, year: int | None) -> dict | None:
    """The snapshot (value and source as shown now) of one year of a cited statistics series."""
    if year is None:
        return None
    if evidence is None or evidence.kind != Evidence.Kind.SERIES:
        raise ValidationError(
            {"cited_year": _("A fiscal year can only be cited with a statistics series.")}
        )
    point = point_snapshot(
        direction=evidence.series_direction, term=evidence.series_term, fiscal_year=year
    )
    if point is None:
        raise ValidationError(
            {"cited_year": _("The series has no figure for FY%(year)s.") % {"year": year}}
        )
    return point


def update_cited_point(comment: Comment, year: int | None) -> None:
    """Called by comment_update inside its transaction, on the locked comment."""
    # A new snapshot only when the cited point itself changes: re-saving the same year keeps
    # what the author saw, so a later import still shows as a change.
    point = comment.cited_point or {}
    same = (
        year is not None
        and point.get("fiscal_year") == year
        and comment.cited_evidence is not None
        and (point.get("direction"), point.get("term"))
        == (comment.cited_evidence.series_direction, comment.cited_evidence.series_term)
    )
    if not same:
        comment.cited_point = cited_point(comment.cited_evidence, year)
        comment.save(update_fields=["cited_point"])
