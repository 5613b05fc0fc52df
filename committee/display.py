"""Committee values as people read them: field labels, choice labels instead of codes, local
times (JST) instead of UTC, yes/no, sizes. One place for the history and the stale-save panel."""

import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

# Logged keys that are not model fields (a material's file) or read better under another name.
EXTRA_LABELS = {
    "agenda_item_id": _lazy("agenda item"),
    "file": _lazy("file"),
    "size": _lazy("size"),
    "sha256": _lazy("SHA-256"),
    "body": _lazy("minutes"),
}
MAX_CHARS = 120


def _model_field(model_name: str, name: str):
    try:
        model = apps.get_model("committee", model_name)
        return model._meta.get_field(name)
    except (LookupError, FieldDoesNotExist):
        return None


def field_label(name: str, model_name: str = "") -> str:
    """The label of a logged or edited field: 「公開」, not "is_published"."""
    if name in EXTRA_LABELS:
        return capfirst(EXTRA_LABELS[name])
    field = _model_field(model_name, name) if model_name else None
    if field is None:
        for model in apps.get_app_config("committee").get_models():
            try:
                field = model._meta.get_field(name)
                break
            except FieldDoesNotExist:
                continue
    return capfirst(field.verbose_name) if field is not None else name


def _local_datetime(value) -> str:
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


def _typed(field, value):
    """A value as logged (JSON: strings for dates) or as stored, in the field's Python type."""
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        return parse_datetime(value) or value
    if isinstance(field, models.DateField) and isinstance(value, str):
        return parse_date(value) or value
    return value


def display_value(value, *, name: str = "", model_name: str = "") -> str:
    """A stored or logged value for people: the choice's label, a local date and time, yes/no,
    a dash for empty, long text shortened."""
    field = _model_field(model_name, name) if model_name and name else None
    value = _typed(field, value)
    if value is None or value == "":
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return _local_datetime(value)
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if name == "size" and isinstance(value, int):
        return filesizeformat(value)
    text = str(value)
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 3] + "…"
