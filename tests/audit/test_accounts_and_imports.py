"""Account changes, roles and groups (on the site and in the Django admin) and imports each
leave an entry naming who changed what, with the values before and after, never a secret."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import services as account_services
from audit import actions
from audit.models import AuditEntry
from schemes.models import ExchangeRate
from schemes.resources import ExchangeRateResource
from schemes.services import table_import
from tests.audit.test_hooks import _admin_change
from tests.schemes.test_import_export import RATES_OK, csv_dataset

pytestmark = pytest.mark.django_db
PASSWORD = "pass-for-tests-1"


def _one(action: str) -> AuditEntry:
    entries = list(AuditEntry.objects.filter(action=action))
    assert len(entries) == 1, [(e.action, e.after) for e in entries]
    return entries[0]


def _perm(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


def test_a_groups_permissions_changed_in_the_admin(superuser_client):
    client, boss = superuser_client
    group = Group.objects.get_or_create(name="observer")[0]
    group.permissions.set([_perm("view_meeting")])
    url = reverse("admin:auth_group_change", args=[group.pk])
    new = [_perm("view_meeting").pk, _perm("change_meeting").pk]
    response = client.post(url, {"name": "observer", "permissions": new})
    assert response.status_code == 302, response.content.decode()[:1000]
    entry = _one(actions.GROUP_CHANGE)
    assert (entry.actor_id, entry.object_model, entry.object_pk) == (
        boss.pk,
        "group",
        str(group.pk),
    )
    assert entry.before == {"permissions": ["committee.view_meeting"]}
    assert entry.after == {"permissions": ["committee.change_meeting", "committee.view_meeting"]}


def test_a_group_deleted_in_the_admin(superuser_client):
    client, _ = superuser_client
    group = Group.objects.create(name="newsletter")
    url = reverse("admin:auth_group_delete", args=[group.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    entry = _one(actions.GROUP_CHANGE)
    assert entry.before == {"name": "newsletter", "permissions": []}
    assert entry.after == {"deleted": True}


def test_a_users_own_permissions_are_a_role_change(superuser_client, member_user):
    client, _ = superuser_client
    response = _admin_change(client, member_user, user_permissions=[_perm("view_meeting").pk])
    assert response.status_code == 302
    entry = _one(actions.ROLES_CHANGE)
    assert (entry.before, entry.after) == (
        {"user_permissions": []},
        {"user_permissions": ["committee.view_meeting"]},
    )


def test_an_account_created_its_password_set_and_deleted_in_the_admin(superuser_client):
    client, boss = superuser_client
    add = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newcomer",
            "password1": "Long-pass-4-tests",
            "password2": "Long-pass-4-tests",
        },
    )
    assert add.status_code == 302, add.content.decode()[:1000]
    created = _one(actions.USER_CREATE)
    assert created.after["username"] == "newcomer" and created.actor_id == boss.pk
    assert "Long-pass" not in str(created.after)
    user = created.object_pk
    url = reverse("admin:auth_user_password_change", args=[user])
    done = client.post(url, {"password1": "Other-pass-4-tests", "password2": "Other-pass-4-tests"})
    assert done.status_code == 302, done.content.decode()[:1000]
    changed = _one(actions.USER_CHANGE)
    assert changed.object_pk == user and changed.after == {"password": "changed"}
    assert "Other-pass" not in str(changed.after)
    gone = client.post(reverse("admin:accounts_user_delete", args=[user]), {"post": "yes"})
    assert gone.status_code == 302
    deleted = _one(actions.USER_DELETE)
    assert deleted.before["username"] == "newcomer" and deleted.after == {"deleted": True}


def test_a_profile_change_records_the_fields(member_client, member_user):
    AuditEntry.objects.all().delete()
    data = {
        "display_name": member_user.display_name,
        "affiliation": "新しい大学",
        "email": "new@example.go.jp",
        "digest_preference": member_user.digest_preference,
        "current_password": PASSWORD,
    }
    assert member_client.post(reverse("accounts:profile"), data).status_code == 302
    entry = _one(actions.USER_CHANGE)
    assert entry.actor_id == member_user.pk and entry.object_pk == str(member_user.pk)
    assert entry.before == {"affiliation": member_user.affiliation, "email": member_user.email}
    assert entry.after == {"affiliation": "新しい大学", "email": "new@example.go.jp"}
    assert PASSWORD not in str(entry.after)
    member_client.post(reverse("accounts:profile"), data)  # saved again as it is
    assert AuditEntry.objects.filter(action=actions.USER_CHANGE).count() == 1


def test_changing_ones_own_password_is_recorded_without_it(member_client, member_user):
    AuditEntry.objects.all().delete()
    new = "Brand-new-pass-77"
    response = member_client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    entry = _one(actions.USER_CHANGE)
    assert entry.actor_id == member_user.pk and entry.after == {"password": "changed"}
    assert new not in str(entry.after) and PASSWORD not in str(entry.before)


def test_deactivation_says_before_and_after(admin_user, member_user):
    account_services.user_deactivate(user=member_user, by=admin_user)
    entry = _one(actions.USER_DEACTIVATE)
    assert (entry.before, entry.after) == ({"is_active": True}, {"is_active": False})


def test_a_schemes_import_is_recorded(admin_user):
    table_import(resource=ExchangeRateResource(), dataset=csv_dataset(RATES_OK), by=admin_user)
    entry = _one(actions.IMPORT_CONFIRM)
    assert entry.actor_id == admin_user.pk
    assert entry.after == {
        "kind": "schemes.exchangerate",
        "new": 2,
        "update": 0,
        "delete": 0,
        "skip": 0,
    }


def test_a_schemes_import_in_the_admin_is_recorded(superuser_client):
    # The admin's import is one step through services.table_import (the one import path).
    client, boss = superuser_client
    upload = SimpleUploadedFile("rates.csv", RATES_OK.encode(), content_type="text/csv")
    done = client.post(
        reverse("admin:schemes_exchangerate_import"),
        {"resource": "0", "import_file": upload, "format": "0"},
    )
    assert done.status_code == 302 and ExchangeRate.objects.count() == 2
    entry = _one(actions.IMPORT_CONFIRM)
    assert entry.actor_id == boss.pk and entry.after["kind"] == "schemes.exchangerate"
    assert entry.after["new"] == 2
