"""Login, logout, password change and throttling, in Japanese."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_login_page_is_japanese_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ja">' in html
    assert "ユーザー名" in html and "パスワード" in html


def test_login_succeeds_and_rotates_session_key(client):
    factories.member(username="iin")
    client.get(reverse("accounts:login"))
    before = client.session.session_key
    response = client.post(
        reverse("accounts:login"), {"username": "iin", "password": "pass-for-tests-1"}
    )
    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session["_auth_user_id"]


@pytest.mark.parametrize("username,password", [("iin", "wrong"), ("nobody", "pass-for-tests-1")])
def test_login_error_does_not_say_which_part_was_wrong(client, username, password):
    factories.member(username="iin")
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ユーザー名またはパスワードが正しくありません。" in html


def test_repeated_failures_are_throttled_even_with_the_right_password(client, settings):
    factories.member(username="iin")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "iin", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "iin", "password": "pass-for-tests-1"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "ログインの失敗が続いたため" in response.content.decode()


def test_logout_needs_post_and_ends_the_session(member_client):
    assert member_client.get(reverse("accounts:logout")).status_code == 405
    response = member_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in member_client.session


def test_password_change(member_client, member_user):
    response = member_client.post(
        reverse("accounts:password-change"),
        {
            "old_password": "pass-for-tests-1",
            "new_password1": "a-much-longer-new-pass-9",
            "new_password2": "a-much-longer-new-pass-9",
        },
    )
    assert response.status_code == 302
    member_user.refresh_from_db()
    assert member_user.check_password("a-much-longer-new-pass-9")


def test_password_change_requires_login(client):
    response = client.get(reverse("accounts:password-change"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_profile_saves_digest_preference(member_client, member_user):
    response = member_client.post(
        reverse("accounts:profile"),
        {
            "display_name": "A委員",
            "affiliation": "B大学",
            "email": "a@example.go.jp",
            "digest_preference": "none",
            "current_password": "pass-for-tests-1",  # a new e-mail address needs it
        },
    )
    assert response.status_code == 302
    member_user.refresh_from_db()
    assert member_user.digest_preference == "none"


def test_deactivated_user_loses_access(member_client, member_user):
    assert member_client.get(reverse("accounts:profile")).status_code == 200
    member_user.is_active = False
    member_user.save()
    response = member_client.get(reverse("accounts:profile"))
    assert response.status_code == 302
