"""Accounts and sessions: a lockout an attacker cannot turn against a user, the owner told of a
burst of failures, re-authentication for the password and e-mail changes, idle timeout."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessFailureLog
from django.test import Client, override_settings
from django.urls import reverse

from accounts import lockout
from accounts.middleware import SessionTimeoutMiddleware
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "pass-for-tests-1"
ATTACKER, MEMBER_HOME, PROXY = "198.51.100.7", "192.0.2.44", "10.0.0.2"


def _login(client, username, password, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def _fail_from(address, username, times, **extra):
    client = Client(REMOTE_ADDR=address)
    for _ in range(times):
        _login(client, username, "wrong", **extra)
    return client


def test_an_attacker_cools_down_their_own_address_not_the_members_account(settings, mailoutbox):
    factories.member(username="iin", email="iin@example.go.jp")
    attacker = _fail_from(ATTACKER, "iin", settings.AXES_FAILURE_LIMIT)
    # The attacker's address waits, even with the right password and for any other name.
    assert _login(attacker, "iin", PASSWORD).status_code == 429
    assert _login(attacker, "someone-else", "x").status_code == 429
    # The member, from their own address, signs in at once.
    member = Client(REMOTE_ADDR=MEMBER_HOME)
    assert _login(member, "iin", PASSWORD).status_code == 302
    assert "_auth_user_id" in member.session


def test_the_owner_is_told_once_of_a_burst_of_failures(settings, mailoutbox):
    factories.member(username="iin", email="iin@example.go.jp")
    for i in range(settings.LOGIN_ALERT_FAILURES + 3):
        _fail_from(f"198.51.100.{10 + i}", "iin", 1)  # spread over addresses: none locked
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["iin@example.go.jp"]
    assert "iin" in mail.body and str(settings.LOGIN_ALERT_FAILURES) in mail.body
    # Fewer failures, an unknown name: no mail.
    factories.member(username="quiet", email="quiet@example.go.jp")
    _fail_from("198.51.100.99", "quiet", settings.LOGIN_ALERT_FAILURES - 1)
    _fail_from("198.51.100.98", "nobody-by-that-name", settings.LOGIN_ALERT_FAILURES)
    assert len(mailoutbox) == 1


def test_each_lockout_of_an_address_doubles_its_cool_down(settings, rf):
    settings.LOGIN_COOL_OFF_MINUTES = 5
    request = rf.get("/")
    request.axes_ip_address = ATTACKER
    assert lockout.cool_off(request) == timedelta(minutes=5)
    for n in range(settings.AXES_FAILURE_LIMIT * 3):
        AccessFailureLog.objects.create(
            ip_address=ATTACKER, username=f"u{n}", user_agent="t", http_accept="*", path_info="/"
        )
    assert lockout.cool_off(request) == timedelta(minutes=20)
    for _ in range(settings.AXES_FAILURE_LIMIT * 20):
        AccessFailureLog.objects.create(
            ip_address=ATTACKER, username="u", user_agent="t", http_accept="*", path_info="/"
        )
    assert lockout.cool_off(request) == lockout.MAX_COOL_OFF
    assert lockout.cool_off(None) == timedelta(minutes=5)


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(settings):
    """A spoofed X-Forwarded-For entry changes nothing: failures count against the address our
    proxy saw (the right-most entry), and another client behind the same proxy is unaffected."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    factories.member(username="iin")
    client = Client(REMOTE_ADDR=PROXY)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "iin", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, {ATTACKER}")
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    spoofing = _login(client, "iin", PASSWORD, HTTP_X_FORWARDED_FOR=f"192.0.2.1, {ATTACKER}")
    assert spoofing.status_code == 429
    other = _login(Client(REMOTE_ADDR=PROXY), "iin", PASSWORD, HTTP_X_FORWARDED_FOR=MEMBER_HOME)
    assert other.status_code == 302


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    assert settings.AXES_IPWARE_META_PRECEDENCE_ORDER == ("REMOTE_ADDR",)
    factories.member(username="iin")
    client = Client(REMOTE_ADDR=ATTACKER)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "iin", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert _login(client, "iin", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.9").status_code == 429


def _change(client, old):
    return client.post(
        reverse("accounts:password-change"),
        {
            "old_password": old,
            "new_password1": "a-long-new-pass-2026",
            "new_password2": "a-long-new-pass-2026",
        },
    )


def test_wrong_current_passwords_end_the_session(settings, member_client, member_user):
    other_device = Client()
    other_device.force_login(member_user)
    for _ in range(settings.PASSWORD_CHANGE_MAX_FAILURES - 1):
        response = _change(member_client, "wrong")
        assert response.status_code == 200 and "_auth_user_id" in member_client.session
    response = _change(member_client, "wrong")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in member_client.session
    assert other_device.get(reverse("accounts:profile")).status_code == 302  # signed out too
    member_user.refresh_from_db()
    assert member_user.check_password(PASSWORD)  # nothing changed


def test_a_right_password_resets_the_count(settings, member_client):
    for _ in range(settings.PASSWORD_CHANGE_MAX_FAILURES - 1):
        _change(member_client, "wrong")
    assert _change(member_client, PASSWORD).status_code == 302
    assert "_auth_user_id" in member_client.session


def _profile(client, **changes):
    data = {"display_name": "A委員", "affiliation": "B大学", "email": "member@example.go.jp"}
    data.update({"digest_preference": "daily", **changes})
    return client.post(reverse("accounts:profile"), data)


def test_changing_the_email_address_asks_for_the_password(member_client, member_user):
    member_user.email = "member@example.go.jp"
    member_user.save()
    assert _profile(member_client, display_name="新しい名前").status_code == 302  # no password
    response = _profile(member_client, email="new@example.go.jp")
    assert response.status_code == 200
    html = response.content.decode()
    assert "メールアドレスを変更するには、現在のパスワードを入力してください。" in html
    assert 'value="new@example.go.jp"' in html  # what was typed comes back
    response = _profile(member_client, email="new@example.go.jp", current_password="wrong")
    assert response.status_code == 200
    member_user.refresh_from_db()
    assert member_user.email == "member@example.go.jp"
    assert (
        _profile(member_client, email="new@example.go.jp", current_password=PASSWORD).status_code
        == 302
    )
    member_user.refresh_from_db()
    assert member_user.email == "new@example.go.jp"


def test_wrong_passwords_on_the_profile_count_too(settings, member_client):
    for _ in range(settings.PASSWORD_CHANGE_MAX_FAILURES):
        response = _profile(member_client, email="new@example.go.jp", current_password="wrong")
    assert response.status_code == 302
    assert "_auth_user_id" not in member_client.session


def _age_session(client, *, idle: int, since_login: int):
    session = client.session
    now = int(time.time())
    session[SessionTimeoutMiddleware.STARTED] = now - since_login
    session[SessionTimeoutMiddleware.SEEN] = now - idle
    session.save()


@override_settings(SESSION_IDLE_TIMEOUT=2 * 60 * 60)
def test_an_idle_session_ends(member_client):
    dashboard = reverse("policies:dashboard")
    assert member_client.get(dashboard).status_code == 200
    _age_session(member_client, idle=2 * 60 * 60 - 60, since_login=3 * 60 * 60)
    assert member_client.get(dashboard).status_code == 200  # within the idle limit
    _age_session(member_client, idle=2 * 60 * 60 + 1, since_login=3 * 60 * 60)
    response = member_client.get(dashboard)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in member_client.session


def test_a_busy_session_still_ends_after_the_absolute_limit(settings, member_client):
    dashboard = reverse("policies:dashboard")
    member_client.get(dashboard)
    _age_session(member_client, idle=10, since_login=settings.SESSION_ABSOLUTE_TIMEOUT + 1)
    assert member_client.get(dashboard).status_code == 302


def test_activity_moves_the_idle_clock(member_client, monkeypatch):
    monkeypatch.setattr(SessionTimeoutMiddleware, "WRITE_EVERY", 60)
    dashboard = reverse("policies:dashboard")
    member_client.get(dashboard)
    _age_session(member_client, idle=120, since_login=600)
    member_client.get(dashboard)
    seen = member_client.session[SessionTimeoutMiddleware.SEEN]
    assert int(time.time()) - seen < 5
