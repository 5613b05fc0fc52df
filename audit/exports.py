"""The audit trail as CSV and XLSX, written by the one spreadsheet writer (core.exports): the
same formula neutralising and control-character stripping as every other download."""

import json

from django.utils.translation import gettext as _

from audit import actions
from core.dates import local_second
from core.exports import csv_response, xlsx_response


def header() -> list[str]:
    return [
        _("No."),
        _("When"),
        _("Who"),
        _("User id"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Before"),
        _("After"),
        _("IP address"),
        _("Hash"),
    ]


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def rows(entries):
    for e in entries.iterator(chunk_size=2000):
        yield [
            e.pk,
            local_second(e.created_at),
            e.actor_name,
            e.actor_id if e.actor_id is not None else "",
            actions.label(e.action),
            e.object_label,
            e.object_pk,
            e.object_repr,
            _json(e.before),
            _json(e.after),
            e.ip or "",
            e.hash,
        ]


def audit_csv(entries, file_name: str):
    """The download `file_name`.csv."""
    return csv_response(file_name, header(), rows(entries))


def audit_xlsx(entries, file_name: str):
    """The download `file_name`.xlsx, one sheet."""
    return xlsx_response(file_name, _("Audit trail"), header(), rows(entries))
