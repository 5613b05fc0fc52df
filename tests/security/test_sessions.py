"""Sessions: the key rotates at login; logout, deactivation and a password change end them."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.services import user_deactivate, user_sessions_end
from tests import factories

pytestmark = pytest.mark.django_db

PRIVATE = "/accounts/profile/"  # any login-required page


def _login(client: Client, username: str, password: str = "pass-for-tests-1"):
    client.get("/accounts/login/")
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302
    return response


def _is_signed_in(client: Client) -> bool:
    response = client.get(PRIVATE)
    if response.status_code == 302:
        assert "/accounts/login/" in response.headers["Location"]
        return False
    assert response.status_code == 200
    return True


def _replay(session_key: str) -> Client:
    """A fresh client presenting a stolen/old session cookie."""
    client = Client()
    client.cookies["sessionid"] = session_key
    return client


def test_session_key_rotates_at_login_and_anonymous_data_does_not_fix_it():
    factories.member(username="iin")
    client = Client()
    session = client.session
    session["planted"] = "by attacker"
    session.save()
    planted_key = session.session_key
    client.cookies["sessionid"] = planted_key
    _login(client, "iin")
    new_key = client.cookies["sessionid"].value
    assert new_key != planted_key
    # The pre-login key gives no access: session fixation does not work.
    assert not _is_signed_in(_replay(planted_key))
    assert _is_signed_in(_replay(new_key))


def test_logout_ends_the_session_on_the_server():
    factories.member(username="iin")
    client = Client()
    _login(client, "iin")
    key = client.cookies["sessionid"].value
    assert _is_signed_in(client)
    response = client.post("/accounts/logout/")
    assert response.status_code in (200, 302)
    assert not Session.objects.filter(session_key=key).exists()
    assert not _is_signed_in(_replay(key))
    assert not _is_signed_in(client)


def test_logout_by_get_is_refused():
    factories.member(username="iin")
    client = Client()
    _login(client, "iin")
    assert client.get("/accounts/logout/").status_code == 405
    assert _is_signed_in(client)


def test_deactivating_a_user_ends_all_their_sessions_at_once():
    user = factories.member(username="iin")
    other = factories.member(username="other")
    laptop, phone, bystander = Client(), Client(), Client()
    _login(laptop, "iin")
    _login(phone, "iin")
    _login(bystander, "other")
    admin = factories.admin()

    user_deactivate(user=user, by=admin)

    assert not _is_signed_in(laptop)
    assert not _is_signed_in(phone)
    assert _is_signed_in(bystander), "other users keep their sessions"
    user.refresh_from_db()
    assert user.is_active is False
    assert LogEntry.objects.filter(object_id=str(user.pk), user=admin).exists()
    assert other.is_active
    # And the account cannot sign in again.
    response = Client().post(
        "/accounts/login/", {"username": "iin", "password": "pass-for-tests-1"}
    )
    assert response.status_code == 200


def test_is_active_false_alone_makes_the_next_request_anonymous():
    """Even when deactivated outside the service (admin form, shell), the old session is dead."""
    user = factories.member(username="iin")
    client = Client()
    _login(client, "iin")
    user.is_active = False
    user.save()
    assert not _is_signed_in(client)


def test_user_sessions_end_counts_only_that_users_sessions():
    user = factories.member(username="iin")
    factories.member(username="other")
    for name in ("iin", "iin", "other"):
        _login(Client(), name)
    assert user_sessions_end(user=user) == 2
    assert user_sessions_end(user=user) == 0
    assert Session.objects.count() == 1


def test_password_change_ends_other_sessions():
    factories.member(username="iin")
    here, elsewhere = Client(), Client()
    _login(here, "iin")
    _login(elsewhere, "iin")
    here.get("/accounts/password/")
    response = here.post(
        "/accounts/password/",
        {
            "old_password": "pass-for-tests-1",
            "new_password1": "a-new-long-passphrase-2026",
            "new_password2": "a-new-long-passphrase-2026",
        },
    )
    assert response.status_code == 302
    assert _is_signed_in(here), "the session that changed the password stays"
    assert not _is_signed_in(elsewhere)
