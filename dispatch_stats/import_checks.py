"""The dry run of a large file as a background task (core.tasks runs import_check): the upload
request stores the file and answers with the task's progress page at once; the worker reads,
checks and diffs it as import_preview does in a request, and keeps what it found in an
ImportCheck, which the page at the run's done_url shows as the preview or the errors.

All or nothing as the request path: the pending rows, the dry-run log and the ImportCheck are
written in one transaction at the end, so a cancel (TaskCancelled at a progress report) or a
failure leaves none of them; the stored file is deleted whatever happens.
"""

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone as django_timezone
from django.utils import translation
from django.utils.translation import gettext as _

from core import task_services
from dispatch_stats import services
from dispatch_stats.models import ImportCheck

FOLDER = "import-checks"
TARGET = "dispatch_stats.import_checks.import_check"
# The Preview fields an ImportCheck keeps (with the first rows of new and changed).
SUMMARY = (
    "file_name",
    "sha256",
    "file_format",
    "form_source",
    "new_count",
    "changed_count",
    "unchanged_count",
)


def import_check_start(
    *,
    kind: str,
    user,
    file_name: str,
    data: bytes,
    source: dict | None,
    form_fields: dict | None = None,
):
    """Store the uploaded file (the storage in use: every worker reads it) and queue its dry
    run; returns the TaskRun, whose page shows the progress. form_fields: the upload form's
    fields as typed, kept with the check so its page shows them again."""
    _prune()
    key = secrets.token_urlsafe(24)
    stored_name = default_storage.save(f"{FOLDER}/{key}", ContentFile(data))
    return task_services.task_run_start(
        user=user,
        label=_("Check the file (dry run)"),
        target=TARGET,
        arguments={
            "key": key,
            "kind": kind,
            "file_name": file_name,
            "stored_name": stored_name,
            "source": source,
            "form_fields": form_fields or {},
            "language": translation.get_language(),
        },
        done_url=reverse("dispatch_stats:import-check", args=[key]),
    )


def import_check(
    *,
    user,
    key,
    kind,
    file_name,
    stored_name,
    source=None,
    form_fields=None,
    language="ja",
) -> str:
    """The worker's side: the dry run, in the uploader's language (the errors are theirs)."""
    check = ImportCheck(
        key=key,
        user=user,
        kind=kind,
        summary={"form_source": source, "file_name": file_name},  # a refused file keeps these
        form_fields=form_fields or {},
    )
    try:
        with default_storage.open(stored_name, "rb") as stored:
            data = stored.read()
        with translation.override(language), transaction.atomic():
            return _check(check, file_name, data, source)
    finally:
        default_storage.delete(stored_name)


def _check(check: ImportCheck, file_name, data, source) -> str:
    user, kind = check.user, check.kind
    try:
        preview = services.import_preview(
            kind=kind, user=user, file_name=file_name, data=data, source=source
        )
    except services.ImportRefused as refused:
        check.errors = refused.messages
        check.save()
        return _("The file was not imported: continue to see what to correct.")
    check.token = preview.token
    check.summary = {name: getattr(preview, name) for name in SUMMARY}
    check.summary["new"] = preview.new[: services.PREVIEW_LIMIT]
    check.summary["changed"] = preview.changed[: services.PREVIEW_LIMIT]
    check.save()
    return _("Checked: %(new)s new, %(changed)s changed, %(unchanged)s unchanged rows.") % {
        "new": preview.new_count,
        "changed": preview.changed_count,
        "unchanged": preview.unchanged_count,
    }


def form_initial(check: ImportCheck) -> dict:
    """The upload form's initial values: the fields as the admin typed them (a check queued
    before they were kept has the kind only)."""
    return {"kind": check.kind, **check.form_fields}


def preview_of(check: ImportCheck) -> services.Preview:
    """The preview the worker found, as import_preview returns it (first rows only)."""
    return services.Preview(kind=check.kind, token=check.token, **check.summary)


def _prune() -> None:
    """Forget checks past the pending imports' lifetime, and files a cancelled run left."""
    cutoff = django_timezone.now() - services.PENDING_TTL
    ImportCheck.objects.filter(created_at__lt=cutoff).delete()
    try:
        names = default_storage.listdir(FOLDER)[1]
    except (FileNotFoundError, NotImplementedError):
        return
    for name in names:
        path = f"{FOLDER}/{name}"
        modified = default_storage.get_modified_time(path)
        if django_timezone.is_naive(modified):
            modified = django_timezone.make_aware(modified)
        if modified < cutoff:
            default_storage.delete(path)
