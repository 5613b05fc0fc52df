"""No open redirect: a `next` pointing off-site is ignored after login, language switch and
moderation (the three views that take one)."""

import pytest
from django.test import Client

from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db

OFF_SITE = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"]


def _stays(response) -> bool:
    location = response.headers.get("Location", "")
    return response.status_code in (302, 303) and "evil.example" not in location


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_ignores_an_off_site_next(target):
    factories.member(username="zq_login")
    response = Client().post(
        f"/accounts/login/?next={target}",
        {"username": "zq_login", "password": "pass-for-tests-1", "next": target},
    )
    assert _stays(response), response.headers.get("Location")


@pytest.mark.parametrize("target", OFF_SITE)
def test_language_switch_ignores_an_off_site_next(target):
    response = Client().post("/accounts/language/", {"language": "en", "next": target})
    assert _stays(response), response.headers.get("Location")


@pytest.mark.parametrize("target", OFF_SITE)
def test_moderation_ignores_an_off_site_next(target):
    comment = CommentFactory()
    client = Client()
    client.force_login(factories.secretariat())
    response = client.post(f"/moderation/{comment.pk}/", {"reason": "不適切", "next": target})
    assert _stays(response), response.headers.get("Location")


def test_an_on_site_next_is_followed():
    """Control: the same requests do follow a local next, so the checks above can fail."""
    factories.member(username="zq_login2")
    response = Client().post(
        "/accounts/login/?next=/schemes/",
        {"username": "zq_login2", "password": "pass-for-tests-1", "next": "/schemes/"},
    )
    assert response.headers["Location"] == "/schemes/"
