"""Every form the Django admin serves refuses C0 control characters, as the site's forms do
(core.admin_guard): a walk over every registered admin (the project's and those of installed
packages) and its inlines fails on one whose forms lack core.text.TextGuardMixin, so an admin
added tomorrow is covered without editing this file; and a C0 character posted through admin
add forms is refused on the field it was typed in."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse

from core.admin_guard import TextGuardAdminMixin, TextGuardInlineMixin, guard_registered
from core.text import TextGuardMixin
from dispatch_stats.models import Source
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

# Forms an admin names besides the ones get_form and get_formset build.
NAMED_FORMS = (
    "add_form",
    "change_password_form",
    "action_form",
    "import_form_class",
    "confirm_form_class",
    "export_form_class",
)


def _superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    return request


def _unguarded_text_fields(form_class) -> list[str]:
    """A form needs the guard when it has text fields (ChoiceField and its kin take no text)."""
    if issubclass(form_class, TextGuardMixin):
        return []
    return [name for name, f in form_class.base_fields.items() if isinstance(f, forms.CharField)]


def _admin_problems(model, model_admin, request) -> list[str]:
    name = f"{model._meta.label} ({type(model_admin).__name__})"
    problems = []
    if not isinstance(model_admin, TextGuardAdminMixin):
        problems.append(f"{name}: no TextGuardAdminMixin")
    # The add form only where the admin offers one (Django builds it only then).
    shown = [model()] + ([None] if model_admin.has_add_permission(request) else [])
    for obj in shown:
        form = model_admin.get_form(request, obj, change=obj is not None)
        if not issubclass(form, TextGuardMixin):
            problems.append(f"{name}: get_form(change={obj is not None}) is unguarded")
    changelist_form = model_admin.get_changelist_form(request)
    if model_admin.list_editable and not issubclass(changelist_form, TextGuardMixin):
        problems.append(f"{name}: the change list's form is unguarded")
    for attr in NAMED_FORMS:
        form_class = getattr(model_admin, attr, None)
        if isinstance(form_class, type) and _unguarded_text_fields(form_class):
            problems.append(f"{name}.{attr} has unguarded text fields")
    for inline in model_admin.get_inline_instances(request, None):
        if not isinstance(inline, TextGuardInlineMixin):
            problems.append(f"{name}: inline {type(inline).__name__} has no TextGuardInlineMixin")
        if not issubclass(inline.get_formset(request, None).form, TextGuardMixin):
            problems.append(f"{name}: inline {type(inline).__name__}'s form is unguarded")
    return problems


def test_every_registered_admin_and_inline_serves_guarded_forms():
    request = _superuser_request()
    registry = admin.site._registry
    assert len(registry) > 20  # the walk sees the project's admins and the packages' ones
    problems = [p for model, a in registry.items() for p in _admin_problems(model, a, request)]
    assert problems == []


def test_the_walk_fails_on_an_unguarded_admin():
    """The walk can fail: a plain ModelAdmin and a plain inline are reported."""

    class PlainInline(admin.TabularInline):
        model = Group.permissions.through

    class PlainAdmin(admin.ModelAdmin):
        inlines = [PlainInline]

    site = admin.AdminSite(name="plain")
    site.register(Group, PlainAdmin)
    problems = _admin_problems(Group, site._registry[Group], _superuser_request())
    assert "auth.Group (PlainAdmin): no TextGuardAdminMixin" in problems
    assert "auth.Group (PlainAdmin): inline PlainInline has no TextGuardInlineMixin" in problems


def test_the_one_guard_covers_a_plain_admin_its_inline_and_the_forms_it_names():
    """The admin modules subclass admin.ModelAdmin: guard_registered (run at app ready) is
    what guards them, and what the walk above sees."""
    from django.contrib.auth.admin import UserAdmin

    from accounts.models import User

    class PlainInline(admin.TabularInline):
        model = Group.user_set.through

    class PlainUserAdmin(UserAdmin):
        inlines = [PlainInline]

    site = admin.AdminSite(name="plain")
    site.register(User, PlainUserAdmin)
    guard_registered(site)
    guarded = site._registry[User]
    assert isinstance(guarded, PlainUserAdmin)
    assert _admin_problems(User, guarded, _superuser_request()) == []
    assert issubclass(guarded.change_password_form, TextGuardMixin)


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1b"])
def test_a_control_character_in_an_admin_add_form_is_refused_on_its_field(character):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    code = f"U+{ord(character):04X}"
    cases = [  # one of the project's admins, one of a package's (auth's groups, re-registered)
        (Source, "name", {"name": f"出典{character}一", "priority": "1"}),
        (Group, "name", {"name": f"班{character}一"}),
    ]
    for model, field_name, data in cases:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        response = client.post(url, data)
        assert response.status_code == 200  # the form again, not a redirect after a save
        errors = response.context["adminform"].form.errors
        assert list(errors) == [field_name]
        assert any(code in message for message in errors[field_name])  # NUL: Django's too
        assert code in response.content.decode()
        assert not model.objects.filter(name__startswith=data["name"][:1]).exists()
