"""Stale edits: someone saved the object after the editor opened the form.

The save is refused (409) and the form comes back with what the editor typed, on the current
version, beside a panel of the stored values. A field the editor did not touch but the other
person changed takes the stored value, so saving again never silently resets it (the forms
carry each field's loaded value as a hidden "initial-" input for this). Fields where the
editor's value and the stored one still differ are marked in the panel.
"""

import copy
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.forms import CheckboxInput
from django.http import Http404
from django.utils.translation import gettext as _

from committee.display import display_value, field_label
from committee.services import StaleEdit

UNVERSIONED = {"version", "file"}


class VersionedFormMixin:
    """For forms saved with optimistic locking: every field also posts the value it was loaded
    with, so a stale save can tell the editor's changes from the other person's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name not in UNVERSIONED:
                field.show_hidden_initial = True


@dataclass
class StoredValue:
    """One row of the stale panel: the stored value, and whether the form now differs from it
    (differs) or was brought up to date with it (taken, since the editor had not changed it)."""

    name: str
    label: str
    value: str
    differs: bool = False
    taken: bool = False


def _as_data(bound_field, value, *, hidden: bool = False):
    field = bound_field.field
    widget = field.hidden_widget() if hidden else field.widget
    if isinstance(widget, CheckboxInput):
        return "on" if value else None
    formatted = widget.format_value(field.prepare_value(value))
    return "" if formatted is None else str(formatted)


def _put(data, key: str, value) -> None:
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value


def rebase(form, current, *, fields: list[str]):
    """The form again, on `current`'s version: the editor's typed values kept, fields only the
    other person changed brought up to date, and the panel rows (form, rows)."""
    data = form.data.copy()
    data["version"] = str(current.version) if current is not None else "0"
    rows = []
    editor_changed = set(form.changed_data)
    for name in fields:
        if current is None or name not in form.fields:
            continue
        bound, stored = form[name], getattr(current, name)
        loaded_known = form.add_initial_prefix(name) in form.data
        typed = form.cleaned_data.get(name)
        taken = loaded_known and name not in editor_changed and typed != stored
        if taken:
            _put(data, form.add_prefix(name), _as_data(bound, stored))
        _put(data, form.add_initial_prefix(name), _as_data(bound, stored, hidden=True))
        model_name = current._meta.model_name
        rows.append(
            StoredValue(
                name=name,
                label=field_label(name, model_name),
                value=display_value(stored, name=name, model_name=model_name),
                differs=not taken and typed != stored,
                taken=taken,
            )
        )
    return _rebuilt(form, data, current), rows


def _rebuilt(form, data, current):
    kwargs = {}
    if hasattr(form, "instance"):
        # A bound ModelForm writes into its instance; the stale values shown must stay intact.
        kwargs["instance"] = copy.copy(current)
    if hasattr(form, "meeting"):
        kwargs.update(meeting=form.meeting, material=form.material)
    if form.auto_id != "id_%s":
        kwargs["auto_id"] = form.auto_id
    rebased = form.__class__(data, form.files or None, **kwargs)
    rebased.is_valid()
    rebased.add_error(
        None,
        _(
            "Someone else saved this while you were editing. Your changes were not saved. "
            "The current saved values are shown below; save again to replace them with yours."
        ),
    )
    return rebased


@dataclass
class SaveResult:
    saved: bool
    form: object
    stale: object = None
    rows: list | None = None

    @property
    def status(self) -> int:
        """409 for a stale save, 422 for a refused one, 200 for a form not yet posted."""
        if self.stale is not None:
            return 409
        return 422 if self.form.is_bound else 200


def versioned_save(form, save, *, fields: list[str], missing_is_404: bool = True) -> SaveResult:
    """Validate `form` and call `save(version=..., **cleaned_data)`. A stale version gives back
    the form rebased on the current values (never a silent overwrite); an object deleted
    meanwhile is a 404; a ValidationError from the service lands on the form."""
    if not form.is_valid():
        return SaveResult(False, form)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        save(version=form.cleaned_data["version"] or 0, **data)
    except StaleEdit as e:
        if e.current is None and missing_is_404:
            raise Http404 from None
        rebased, rows = rebase(form, e.current, fields=fields)
        return SaveResult(False, rebased, e.current, rows)
    except ValidationError as error:  # e.g. a material number taken meanwhile
        form.add_error(None, error)
        return SaveResult(False, form)
    return SaveResult(True, form)


def unsaved_form(form) -> SaveResult:
    """A form shown, not yet posted (GET)."""
    return SaveResult(False, form)
