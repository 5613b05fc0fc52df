"""Authorisation matrix rows for the foundation's own URLs (accounts, health check)."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from tests.security.matrix import (
    ADMIN,
    ANON,
    MEMBER,
    OBSERVER,
    OK,
    SECRETARIAT,
    Row,
    cases,
    everyone,
    run_case,
    signed_in,
)

pytestmark = pytest.mark.django_db


def _privileges(w):
    users = User.objects.filter(username__startswith="zq_")
    return sorted(
        (u.pk, u.username, u.is_superuser, u.is_staff, sorted(g.name for g in u.groups.all()))
        for u in users.prefetch_related("groups")
    )


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
    # A signed-in user edits their own profile; role fields in the POST are ignored.
    Row(
        "accounts:profile",
        "own, with role fields",
        lambda w: "/accounts/profile/",
        signed_in(OK),
        method="POST",
        data=lambda w: {
            "display_name": "ZQ 表示名",
            "affiliation": "",
            "email": "zq@example.go.jp",
            "digest_preference": "daily",
            "is_superuser": "on",
            "is_staff": "on",
            "groups": [g.pk for g in Group.objects.all()],
            "username": "zq_renamed",
        },
        state=_privileges,
        keeps=True,
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
    problems = run_case(world, row, role)
    assert not problems, "\n".join(problems)
