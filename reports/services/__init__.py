"""Writes to reports: each one transaction that records its ReportChange row.

Callers are views that have already checked the secretariat role (reports.access); the
services check the data rules (what may be linked, what a disposition needs) and raise
ValidationError (a dict naming the field) or StaleEdit, writing nothing then.
"""

from committee.services import StaleEdit
from reports.services.editions import (
    NeedsConfirmation,
    edition_create,
    edition_set_status,
    report_create,
)
from reports.services.links import (
    disposition_set,
    paragraph_link_comment,
    paragraph_questions_set,
    paragraph_unlink_comment,
)
from reports.services.outline import (
    paragraph_create,
    paragraph_delete,
    paragraph_move,
    paragraph_update,
    section_create,
    section_delete,
    section_move,
    section_update,
)

__all__ = [
    "NeedsConfirmation",
    "StaleEdit",
    "disposition_set",
    "edition_create",
    "edition_set_status",
    "paragraph_create",
    "paragraph_delete",
    "paragraph_link_comment",
    "paragraph_move",
    "paragraph_questions_set",
    "paragraph_unlink_comment",
    "paragraph_update",
    "report_create",
    "section_create",
    "section_delete",
    "section_move",
    "section_update",
]
