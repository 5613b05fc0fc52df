"""Authorisation matrix rows for the foundation's own URLs (the apps' rows come with the
lead's full matrix, built on tests/security/matrix.py)."""

import pytest

from tests.security.matrix import (
    ADMIN,
    ANON,
    LOGIN,
    MEMBER,
    OBSERVER,
    OTHER,
    SECRETARIAT,
    Row,
    check_row,
    missing_rows,
)

pytestmark = pytest.mark.django_db

EVERYONE_200 = dict.fromkeys((ANON, OBSERVER, MEMBER, OTHER, SECRETARIAT, ADMIN), 200)
SIGNED_IN_200 = {ANON: LOGIN, OBSERVER: 200, MEMBER: 200, OTHER: 200, SECRETARIAT: 200, ADMIN: 200}

ROWS = [
    Row("home", EVERYONE_200, lambda _: "/"),
    Row("healthz", EVERYONE_200, lambda _: "/healthz/"),
    Row("accounts:login", {ANON: 200}, lambda _: "/accounts/login/"),
    Row(
        "accounts:login",
        dict.fromkeys((OBSERVER, MEMBER, SECRETARIAT, ADMIN), 302),
        lambda _: "/accounts/login/",
        scope="signed in",
    ),
    Row("accounts:profile", SIGNED_IN_200, lambda _: "/accounts/profile/"),
    Row("accounts:password-change", SIGNED_IN_200, lambda _: "/accounts/password/"),
    Row("accounts:password-change-done", SIGNED_IN_200, lambda _: "/accounts/password/done/"),
    Row(
        "accounts:logout",
        dict.fromkeys((ANON, OBSERVER, MEMBER, SECRETARIAT), 405),
        lambda _: "/accounts/logout/",
    ),
    Row(
        "accounts:set-language",
        dict.fromkeys((ANON, MEMBER), 302),
        lambda _: "/accounts/language/",
        method="POST",
        data={"language": "en", "next": "/"},
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.url_name}[{r.scope}]")
def test_foundation_row(row):
    assert check_row(row) == []


def test_check_row_reports_a_wrong_expectation():
    """The matrix runner can fail: a deliberately wrong row yields mismatches."""
    wrong = Row("accounts:profile", {ANON: 200}, lambda _: "/accounts/profile/")
    mismatches = check_row(wrong)
    assert len(mismatches) == 2  # page and HTMX
    assert "got login" in mismatches[0]


def test_missing_rows_lists_urls_without_a_row():
    missing = missing_rows(ROWS)
    assert "home" not in missing
    assert "committee:meeting-detail" in missing  # for the lead's full matrix
