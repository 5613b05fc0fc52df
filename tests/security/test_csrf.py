"""CSRF on every URL: a POST without the token is refused (403) for every role, whatever the
view; POST-only views answer GET with 405. URLs come from the resolver, so new views are in."""

import pytest
from django.test import Client

from tests import factories
from tests.security.urlwalk import allowed_methods, fill, seed_demo, superuser_all_roles, walk

pytestmark = pytest.mark.django_db

# Views that legitimately declare no method restriction of their own.
NO_METHOD_DECLARATION_OK = {
    "accounts:set-language",  # Django's set_language: redirects on GET, acts on POST only
}


@pytest.fixture
def paths():
    seed_demo()
    out = []
    for route in walk():
        path, filled = fill(route)
        out.append((route, path, filled))
    unfilled = [str(r) for r, _, filled in out if not filled]
    if unfilled:
        print("URLs with dummy parameters (no matching row):", ", ".join(unfilled))
    return out


def _csrf_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def test_no_view_is_csrf_exempt():
    exempt = [str(r) for r in walk() if getattr(r.callback, "csrf_exempt", False)]
    assert not exempt, f"csrf_exempt views: {exempt}"


def test_post_without_token_is_refused_everywhere_for_every_role(paths):
    users = {
        "anonymous": None,
        "member": factories.member(),
        "secretariat": factories.secretariat(),
        "admin": superuser_all_roles(),
    }
    wrong = []
    for who, user in users.items():
        client = _csrf_client(user)
        # Seed the CSRF cookie as a browser would have it: only the form token is missing.
        client.get("/accounts/login/" if user is None else "/accounts/profile/")
        assert "csrftoken" in client.cookies
        for _route, path, _ in paths:
            for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                response = client.post(path, {"title": "x", "body": "x"}, **headers)
                if response.status_code != 403:
                    wrong.append(f"{who}: {path} {headers or ''} -> {response.status_code}")
    assert not wrong, "POST without CSRF token not refused:\n" + "\n".join(wrong)


def test_post_with_token_passes_the_csrf_check(paths):
    """Control: the same client with the token gets past CSRF, so the 403s above mean it."""
    client = _csrf_client(factories.member())
    response = client.get("/accounts/profile/")
    token = response.cookies["csrftoken"].value if "csrftoken" in response.cookies else None
    token = token or client.cookies["csrftoken"].value
    response = client.post(
        "/accounts/profile/",
        {"display_name": "委員", "affiliation": "", "digest_preference": "daily"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code in (200, 302)


def test_every_function_view_declares_its_methods():
    undeclared = [
        str(r)
        for r in walk()
        if allowed_methods(r.callback) is None and r.name not in NO_METHOD_DECLARATION_OK
    ]
    assert not undeclared, "Views without @require_safe/@require_POST/@require_http_methods:\n" + (
        "\n".join(undeclared)
    )


def test_post_only_views_answer_get_with_405(paths):
    client = Client()
    client.force_login(superuser_all_roles())
    post_only = [
        (route, path) for route, path, _ in paths if allowed_methods(route.callback) == {"POST"}
    ]
    wrong = []
    for route, path in post_only:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(path, **headers)
            if response.status_code != 405:
                wrong.append(f"{route} GET {headers or ''} -> {response.status_code}")
    assert not wrong, "POST-only views that do not answer GET with 405:\n" + "\n".join(wrong)


def test_get_only_views_refuse_post_with_405(paths):
    """Read-only views do not change anything on POST (with a valid token)."""
    client = Client()
    client.force_login(superuser_all_roles())
    wrong = []
    for route, path, _ in paths:
        methods = allowed_methods(route.callback)
        if methods is None or "POST" in methods:
            continue
        response = client.post(path, {})
        if response.status_code != 405:
            wrong.append(f"{route} POST -> {response.status_code}")
    assert not wrong, "\n".join(wrong)
