"""Authorisation matrix rows for the foundation's own URLs (accounts, health check)."""

import pytest

from tests.security.matrix import (
    ADMIN,
    ANON,
    MEMBER,
    OBSERVER,
    SECRETARIAT,
    Row,
    cases,
    everyone,
    run_case,
    signed_in,
)

pytestmark = pytest.mark.django_db

ROWS = [
    Row("healthz", "none", lambda w: "/healthz/", everyone(200)),
    Row("accounts:login", "none", lambda w: "/accounts/login/", {ANON: 200}),
    Row(
        "accounts:login",
        "signed in",
        lambda w: "/accounts/login/",
        dict.fromkeys((OBSERVER, MEMBER, SECRETARIAT, ADMIN), 302),
    ),
    Row("accounts:profile", "none", lambda w: "/accounts/profile/", signed_in(200)),
    Row("accounts:password-change", "none", lambda w: "/accounts/password/", signed_in(200)),
    Row(
        "accounts:password-change-done",
        "none",
        lambda w: "/accounts/password/done/",
        signed_in(200),
    ),
    # POST would end the shared clients' sessions: tests/security/test_sessions.py covers it.
    Row("accounts:logout", "none", lambda w: "/accounts/logout/", everyone(405)),
    Row(
        "accounts:set-language",
        "none",
        lambda w: "/accounts/language/",
        everyone(302),
        method="POST",
        data={"language": "ja", "next": "/"},
    ),
]


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_foundation_matrix(world, row, role):
    assert run_case(world, row, role) == []
