"""Writes for dispatch statistics: previewing and confirming imports (all or nothing).

Every import kind goes through the same path, driven by its table spec
(dispatch_stats.importing.tables.TABLE_SPECS): read the file, parse its tables, diff against the
database, keep the rows server-side until the admin confirms, then write them in one transaction.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.services import audit_record
from core.errors import Refusal
from core.task_progress import PROGRESS_EVERY, report_progress
from dispatch_stats.import_store import StoredRowsInvalid
from dispatch_stats.importing.files import ImportFileError, read_upload
from dispatch_stats.importing.tables import TABLE_SPECS, TableSpec
from dispatch_stats.models import ImportLog, PendingImport, Source

PENDING_TTL = timedelta(hours=2)
PREVIEW_LIMIT = 200
COMPARING = gettext_noop("Comparing with the figures already stored")

# Note tags in the survey data and the source priority they imply (SOURCES.md).
TAG_PRIORITY = {"primary": 1, "press-report": 2, "secondary-transcription": 3, "derived": 4}
_TAG = re.compile(r"^\s*\[([a-z-]+)\]")


def priority_from_note(note: str) -> int | None:
    match = _TAG.match(note or "")
    return TAG_PRIORITY.get(match.group(1)) if match else None


class ImportRefused(Refusal):
    """The import cannot go ahead; messages (in the user's language) say why."""

    status = 400

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
    file_format: str = ""
    form_source: dict | None = None
    # Whole counts; new and changed may hold only the first rows (a preview read back from an
    # ImportCheck keeps PREVIEW_LIMIT of each).
    new_count: int | None = None
    changed_count: int | None = None

    def __post_init__(self):
        if self.new_count is None:
            self.new_count = len(self.new)
        if self.changed_count is None:
            self.changed_count = len(self.changed)

    @property
    def total(self) -> int:
        return self.new_count + self.changed_count + self.unchanged_count

    @property
    def spec(self) -> TableSpec:
        return TABLE_SPECS[self.kind]


def _diff(spec: TableSpec, rows: list[dict]):
    report_progress(0, len(rows), COMPARING, force=True)
    existing = spec.existing(rows)
    new, changed, unchanged = [], [], 0
    for done, row in enumerate(rows):
        if done % PROGRESS_EVERY == 0:
            report_progress(done, len(rows), COMPARING)
        old = existing.get(tuple(row[name] for name in spec.key))
        if old is None:
            new.append(row)
            continue
        mine = spec.comparable(row)
        if any(mine[name] != old[name] for name in spec.compared):
            changed.append({**row, "old": old})
        else:
            unchanged += 1
    return new, changed, unchanged


def _parse(kind: str, file_name: str, data: bytes, form_source: dict | None):
    try:
        sheets = read_upload(data, file_name)
    except ImportFileError as exc:
        raise ImportRefused([str(exc)]) from exc
    from_form = (form_source or {}).get("name", "")
    result = TABLE_SPECS[kind].parse_tables_of(sheets, from_form)
    if result.errors:
        raise ImportRefused(result.errors)
    formats = dict.fromkeys(sheet.file_format for sheet in sheets if sheet.file_format)
    return result.rows, " / ".join(formats)


def import_preview(
    *, kind: str, user, file_name: str, data: bytes, source: dict | None = None
) -> Preview:
    """Dry run for an admin: parse and validate the file, store its normalised rows under a random
    token, log the dry run, and return new / changed / unchanged rows. Writes no figures.
    `source` (name, edition, url, priority) is the source named on the upload form: rows whose
    file names none get it. Raises ImportRefused with every problem found."""
    sha256 = hashlib.sha256(data).hexdigest()
    rows, file_format = _parse(kind, file_name, data, source)
    new, changed, unchanged = _diff(TABLE_SPECS[kind], rows)
    token = secrets.token_urlsafe(32)
    named = Source.objects.filter(name=source["name"]).first() if source else None
    with transaction.atomic():
        PendingImport.objects.filter(created_at__lt=timezone.now() - PENDING_TTL).delete()
        PendingImport.objects.create(
            token=token,
            kind=kind,
            user=user,
            file_name=file_name[:255],
            sha256=sha256,
            rows=rows,
            file_format=file_format,
            form_source=source,
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
            file_format=file_format,
            source=named,
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
        file_format=file_format,
        form_source=source,
    )


def _wanted_sources(rows, form_source: dict | None) -> dict[str, dict]:
    wanted: dict[str, dict] = {}
    for row in rows:
        entry = wanted.setdefault(row["source"], {"url": "", "priority": None, "edition": ""})
        entry["url"] = entry["url"] or row.get("url", "")
        tag = priority_from_note(row.get("note", ""))
        if tag is not None and (entry["priority"] is None or tag < entry["priority"]):
            entry["priority"] = tag
    if form_source and form_source["name"] in wanted:
        entry = wanted[form_source["name"]]
        entry["url"] = entry["url"] or form_source.get("url", "")
        entry["edition"] = form_source.get("edition", "")
        if form_source.get("priority"):
            entry["priority"] = int(form_source["priority"])
    return wanted


def _sources_for(rows, form_source: dict | None = None) -> dict[str, Source]:
    """Get or create every source named in rows; priority from the best note tag, or as the
    admin gave it on the form; an existing source keeps its edition unless it has none."""
    wanted = _wanted_sources(rows, form_source)
    sources = {s.name: s for s in Source.objects.filter(name__in=wanted)}
    for name, entry in wanted.items():
        source = sources.get(name)
        if source is None:
            sources[name] = Source.objects.create(
                name=name,
                url=entry["url"],
                priority=entry["priority"] or 1,
                edition=entry["edition"],
            )
            continue
        changed = []
        if entry["priority"] is not None and entry["priority"] != source.priority:
            source.priority = entry["priority"]
            changed.append("priority")
        for attr in ("url", "edition"):
            if entry[attr] and not getattr(source, attr):
                setattr(source, attr, entry[attr])
                changed.append(attr)
        if changed:
            source.save(update_fields=changed)
    return sources


def _pending_for(token: str, user, sha256: str) -> PendingImport:
    pending = (
        PendingImport.objects.select_for_update()
        .filter(token=token, user=user, created_at__gte=timezone.now() - PENDING_TTL)
        .first()
    )
    if pending is None or not secrets.compare_digest(pending.sha256, sha256 or ""):
        raise ImportRefused(
            [_("This preview has expired or does not belong to you. Upload the file again.")]
        )
    return pending


def import_confirm(*, token: str, user, sha256: str) -> ImportLog:
    """Confirm an admin's previewed import: re-validate the stored rows, diff again against the
    database as it is now, and write new and changed rows in one transaction (all or nothing).
    Only the admin who previewed may confirm; the pending rows are then deleted."""
    with transaction.atomic():
        pending = _pending_for(token, user, sha256)
        spec = TABLE_SPECS[pending.kind]
        try:
            rows = spec.validate(pending.rows)
        except StoredRowsInvalid as exc:
            raise ImportRefused([str(exc)]) from exc
        new, changed, unchanged = _diff(spec, rows)
        sources = _sources_for(new + changed, pending.form_source)
        spec.write(new + changed, sources)
        named = (
            pending.form_source and Source.objects.filter(name=pending.form_source["name"]).first()
        )
        log = ImportLog.objects.create(
            kind=pending.kind,
            user=user,
            file_name=pending.file_name,
            sha256=pending.sha256,
            rows_new=len(new),
            rows_changed=len(changed),
            rows_unchanged=unchanged,
            confirmed=True,
            file_format=pending.file_format,
            source=named or None,
        )
        pending.delete()
        audit_record(
            actor=user,
            action="import.confirm",
            obj=log,
            after={
                "kind": pending.kind,
                "file": log.file_name,
                "new": len(new),
                "update": len(changed),
            },
        )
    return log


def import_size(*, token: str) -> int:
    """How many rows a pending import holds (a large one is confirmed as a background task)."""
    pending = PendingImport.objects.filter(token=token).values_list("rows", flat=True).first()
    return len(pending or [])


def import_file(
    *, kind: str, user, file_name: str, data: bytes, source: dict | None = None
) -> ImportLog:
    """Preview and confirm in one go, for the demo loader and scripts (same code path as admins)."""
    preview = import_preview(kind=kind, user=user, file_name=file_name, data=data, source=source)
    return import_confirm(token=preview.token, user=user, sha256=preview.sha256)
