"""The audit trail as CSV and XLSX, every text cell neutralised against formula injection.

Same rules as the project's other downloads (UTF-8 with a BOM, quote-prefixed formulas);
audit sits below the apps that own those writers, so when core/exports.py lands these two
functions become calls to it.
"""

import csv
import io
import json

from django.utils.translation import gettext as _
from openpyxl import Workbook

from audit import actions
from core.dates import local_second

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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


def audit_csv(entries) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header())
    for row in rows(entries):
        writer.writerow([_neutralise(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def audit_xlsx(entries) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Audit trail")[:31])
    sheet.append(header())
    for row in rows(entries):
        sheet.append([_neutralise(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
