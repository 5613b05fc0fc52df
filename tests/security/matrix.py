"""Scaffolding for the authorisation matrix: URL pattern × role × object scope, full page and
HTMX fragment. The lead fills MATRIX rows per app; `missing_rows()` lists URL patterns that
have none, so a test can fail when a new URL arrives without its row.

A row says, for one URL name and one object scope, what each role gets:

    Row("committee:meeting-detail", scope="unpublished", path=lambda o: f"/meetings/{o.pk}/",
        make=lambda: MeetingFactory(is_published=False),
        expect={ANON: 404, OBSERVER: 404, MEMBER: 404, OTHER: 404, SECRETARIAT: 200, ADMIN: 200})

Statuses: 200/204 allowed; LOGIN = redirect to the login page; 403; 404 (existence private);
405. `check_row()` runs the row for every role, once as a full page and once with
HX-Request, and returns the mismatches (empty when the row holds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.test import Client

from tests import factories
from tests.security.urlwalk import superuser_all_roles, walk

ANON, OBSERVER, MEMBER, OTHER, SECRETARIAT, ADMIN = (
    "anonymous",
    "observer",
    "member",
    "other_member",
    "secretariat",
    "admin",
)
ROLES = (ANON, OBSERVER, MEMBER, OTHER, SECRETARIAT, ADMIN)
LOGIN = "login"  # expected: redirect to the login page (anonymous on a private view)
SCOPES = ("none", "own", "other", "unpublished", "missing")


@dataclass
class Row:
    url_name: str
    expect: dict[str, int | str]
    path: Callable[[object], str]
    scope: str = "none"
    make: Callable[[dict], object] | None = None  # gets the users by role, returns the object
    method: str = "GET"
    data: dict = field(default_factory=dict)


def role_users() -> dict[str, object]:
    """One user per role; `member` owns the objects made for scope "own"."""
    return {
        ANON: None,
        OBSERVER: factories.observer(),
        MEMBER: factories.member(),
        OTHER: factories.member(),
        SECRETARIAT: factories.secretariat(),
        ADMIN: superuser_all_roles(),
    }


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _outcome(response) -> int | str:
    if response.status_code in (301, 302) and "/accounts/login/" in response.headers.get(
        "Location", ""
    ):
        return LOGIN
    return response.status_code


def check_row(row: Row, users: dict[str, object] | None = None) -> list[str]:
    """Run one row for every role, full page and HTMX; returns mismatch descriptions."""
    users = users or role_users()
    obj = row.make(users) if row.make else None
    path = row.path(obj)
    mismatches = []
    for role in ROLES:
        if role not in row.expect:
            continue
        client = client_for(users[role])
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            send = client.post if row.method == "POST" else client.get
            response = (
                send(path, row.data, **headers) if row.method == "POST" else send(path, **headers)
            )
            got = _outcome(response)
            want = row.expect[role]
            # A 302 after a successful POST is "allowed" when the row says 200.
            if want == 200 and row.method == "POST" and got in (302, 204):
                continue
            if got != want:
                kind = "htmx" if headers else "page"
                mismatches.append(
                    f"{row.url_name} [{row.scope}] {row.method} {path} as {role} ({kind}): "
                    f"got {got}, want {want}"
                )
    return mismatches


def missing_rows(rows: list[Row]) -> list[str]:
    """URL names (outside admin/) with no row at all in the matrix."""
    covered = {row.url_name for row in rows}
    return sorted({route.name for route in walk()} - covered)
