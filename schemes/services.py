"""Writes for schemes: all-or-nothing spreadsheet imports of schemes, amounts and exchange rates."""

from __future__ import annotations

from dataclasses import dataclass, field

import tablib
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.resources import ModelResource

from accounts import roles
from audit import actions
from audit.services import audit_record
from core.errors import Refusal


@dataclass
class ImportOutcome:
    """What an import did: `errors` (Japanese, row and column named) or the row totals."""

    errors: list[str] = field(default_factory=list)
    new: int = 0
    updated: int = 0
    result: object = None  # the library's result of the write (or of the refused dry run)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_error_messages(result) -> list[str]:
    """Messages naming the spreadsheet row (the header is row 1) and the column of each error."""
    messages = []
    for error in result.base_errors:
        messages.append(_("File: %(message)s") % {"message": error.error})
    for number, errors in result.row_errors():
        for error in errors:
            messages.append(
                _("Row %(row)s: %(message)s") % {"row": number + 1, "message": error.error}
            )
    for invalid in result.invalid_rows:
        for column, column_errors in invalid.error_dict.items():
            for message in column_errors:
                if column == "__all__":
                    messages.append(
                        _("Row %(row)s: %(message)s")
                        % {"row": invalid.number + 1, "message": message}
                    )
                else:
                    messages.append(
                        _("Row %(row)s, column “%(column)s”: %(message)s")
                        % {"row": invalid.number + 1, "column": column, "message": message}
                    )
    return messages


# import_export's row totals, as the audit entry of an import lists them.
IMPORT_TOTALS = ("new", "update", "delete", "skip")


def import_recorded(*, model, totals: dict, by, request=None) -> None:
    """The audit entry of a confirmed spreadsheet import (here or in the admin): what was
    imported and how many rows it added, changed, deleted and skipped."""
    audit_record(
        actor=by,
        action=actions.IMPORT_CONFIRM,
        after={"kind": model._meta.label_lower, **{k: totals.get(k, 0) for k in IMPORT_TOTALS}},
        request=request,
    )


def table_import(*, resource: ModelResource, dataset: tablib.Dataset, by) -> ImportOutcome:
    """Import a spreadsheet with one of schemes.resources' resources; admins only. The one
    import path: the Django admin's import screen runs this too (schemes.admin).

    All or nothing: a dry run checks every row first; if any row or column is invalid nothing is
    written and the errors come back in Japanese, naming row and column. Otherwise the rows are
    written in one transaction and the import is recorded in the admin log.
    """
    if not roles.is_admin(by):
        # The admin screen already hides the import from others; this is the service's own rule.
        raise Refusal(_("Only administrators can import spreadsheets."))
    dry = resource.import_data(dataset, dry_run=True, raise_errors=False, use_transactions=True)
    errors = import_error_messages(dry)
    if errors:
        return ImportOutcome(errors=errors, result=dry)
    with transaction.atomic():
        result = resource.import_data(
            dataset, dry_run=False, raise_errors=True, use_transactions=True
        )
        model = resource._meta.model
        LogEntry.objects.create(
            user_id=by.pk,
            content_type=ContentType.objects.get_for_model(model),
            object_repr=_("Spreadsheet import: %(new)s new, %(updated)s updated")
            % {"new": result.totals["new"], "updated": result.totals["update"]},
            action_flag=ADDITION,
        )
        import_recorded(model=model, totals=result.totals, by=by)
    return ImportOutcome(new=result.totals["new"], updated=result.totals["update"], result=result)
