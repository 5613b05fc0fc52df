"""The Django admin under the project's one text rule (core.text): every form it shows refuses
C0 control characters, as every form of the site does.

One mechanism: when the apps are ready (core.apps), every admin registered on admin.site, the
project's and the packages' alike (auth's groups, axes, procrastinate), is re-registered
guarded, its inlines too; an admin module just subclasses admin.ModelAdmin. Whatever form class
an admin names (its own, Django's UserChangeForm, or the ModelForm the admin builds when it
names none), the form it serves is that class with TextGuardMixin in front: the add and change
forms, every inline's forms and the change list's editable rows; the other forms an admin names
(a user's password form, an import's confirm and export forms) are named guarded.
tests/core/test_admin_guard.py walks admin.site and fails on an admin or a form without the guard.

The same mixin keeps optimistic locking true for admin edits: saving a changed row that has a
`version` (core.bases.Versioned and the models that declare it alike) adds one, so a desk or
drafting form loaded before the admin's edit is refused as stale instead of overwriting it. An
admin that saves through a service of its own says so (`saves_version`) and gets the version
that service sets.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F

from core.text import TextGuardMixin


def guarded(form_class):
    """`form_class` if it already mixes in TextGuardMixin, else a subclass that does."""
    if issubclass(form_class, TextGuardMixin):
        return form_class
    return type(form_class)(
        f"Guarded{form_class.__name__}",
        (TextGuardMixin, form_class),
        {"__module__": form_class.__module__},
    )


class TextGuardAdminMixin:
    """In front of every registered ModelAdmin (guard_admin_class)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        return guarded(super().get_form(request, obj, change=change, **kwargs))

    def get_changelist_form(self, request, **kwargs):  # list_editable rows
        return guarded(super().get_changelist_form(request, **kwargs))

    # An admin that saves through a service of its own sets `saves_version = True`: the service
    # moves the version under its row lock (committee's LoggedSavesMixin), so no bump here.
    # No default attribute on this mixin: it stands first and would hide the admin's own.

    def save_model(self, request, obj, form, change):
        bump = change and not getattr(self, "saves_version", False) and _is_versioned(type(obj))
        if bump:
            obj.version = F("version") + 1
        super().save_model(request, obj, form, change)
        if bump:
            obj.refresh_from_db(fields=["version"])


def _is_versioned(model) -> bool:
    try:
        field = model._meta.get_field("version")
    except FieldDoesNotExist:
        return False
    return not field.editable


class TextGuardInlineMixin:
    """In front of every inline of a registered admin (guard_admin_class)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = guarded(formset.form)  # a new formset class per call: ours to change
        return formset


# Forms an admin names and serves besides the ones get_form and get_formset build.
NAMED_FORMS = (
    "add_form",
    "change_password_form",
    "import_form_class",
    "confirm_form_class",
    "export_form_class",
)


def guard_admin_class(admin_class):
    """A ModelAdmin class, guarded: its forms, its inlines and the forms it names (called by
    guard_registered only for an admin not guarded yet; no admin module mixes the guard in)."""
    inlines = [
        type(inline.__name__, (TextGuardInlineMixin, inline), {"__module__": __name__})
        for inline in admin_class.inlines
    ]
    attrs = {"__module__": __name__, "inlines": inlines}
    for name in NAMED_FORMS:
        form_class = getattr(admin_class, name, None)
        if isinstance(form_class, type):
            attrs[name] = guarded(form_class)
    return type(admin_class.__name__, (TextGuardAdminMixin, admin_class), attrs)


def guard_registered(site) -> None:
    """Re-register every admin on `site` that is not guarded yet, guarded."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, TextGuardAdminMixin):
            site.unregister(model)
            site.register(model, guard_admin_class(type(model_admin)))
