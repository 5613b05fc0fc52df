"""The authorisation matrix: URL pattern × role × object scope, full page and HTMX fragment.

A row says, for one URL name, one object scope and one method, what each role gets:

    Row("committee:meeting-detail", "unpublished", lambda w: f"/meetings/{w.draft_meeting.pk}/",
        expect=only_staff(200, refused=404))

Outcomes: an HTTP status (200, 403, 404, 405, 302...), LOGIN (redirect to the login page) or
OK (past the access check: any 2xx/3xx that is not the login redirect, or a form answer
400/409/422). `cases(ROWS)` expands rows into one pytest case per role; each case sends the
request as a full page and as an HTMX request, each in its own rolled-back savepoint, and
checks: the outcome; that a refused write changed nothing (row.state before/after); that an
allowed write changed what it should (row.changes); and that no 200 shows a draft or
members-only text to a role that may not see it (world.DRAFT/INTERNAL/HIDDEN markers).

A bug found by the matrix is written with the CORRECT expectation and the role listed in
row.bugs: that case is xfail(strict=True), so fixing the app makes it pass (and fail strict).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import transaction

from tests.security import world as world_module
from tests.security.urlwalk import walk

ANON, OBSERVER, MEMBER, OTHER, SECRETARIAT, ADMIN = (
    "anonymous",
    "observer",
    "member",
    "other_member",
    "secretariat",
    "admin",
)
ROLES = (ANON, OBSERVER, MEMBER, OTHER, SECRETARIAT, ADMIN)
STAFF = (SECRETARIAT, ADMIN)
LOGIN = "login"  # redirect to the login page (anonymous on a private view)
OK = "ok"  # got past every access check (success or a form error)
REFUSALS = {LOGIN, 403, 404, 405}


def expect(anon, observer, member, other, secretariat, admin) -> dict:
    return dict(zip(ROLES, (anon, observer, member, other, secretariat, admin), strict=True))


def everyone(status=200) -> dict:
    return dict.fromkeys(ROLES, status)


def signed_in(status=200) -> dict:
    return {ANON: LOGIN, **dict.fromkeys(ROLES[1:], status)}


def staff_only(status=200, *, refused=403) -> dict:
    """secretariat_required views: 403 for signed-in non-staff (404 with hide=True)."""
    return expect(LOGIN, refused, refused, refused, status, status)


def admin_only(status=200) -> dict:
    return expect(LOGIN, 403, 403, 403, 403, status)


def staff_see(status=200, *, others=404) -> dict:
    """Public view of an unpublished object: staff see it, everyone else 404."""
    return expect(others, others, others, others, status, status)


@dataclass
class Row:
    url_name: str
    scope: str
    path: Callable[[object], str]
    expect: dict[str, int | str]
    method: str = "GET"
    data: Callable[[object], dict] | dict = field(default_factory=dict)
    # A snapshot of what the write would change; compared before/after every refused POST.
    state: Callable[[object], object] | None = None
    # For an allowed POST with valid data: the snapshot must differ afterwards.
    changes: bool = False
    # The snapshot must stay the same even when the request is allowed (no escalation).
    keeps: bool = False
    htmx_expect: dict[str, int | str] = field(default_factory=dict)
    # Extra headers of the HTMX request (e.g. HTTP_HX_TARGET), besides HX-Request.
    htmx_headers: dict[str, str] = field(default_factory=dict)
    bugs: dict[str, str] = field(default_factory=dict)  # role -> "BUG: ..."
    check_leaks: bool = True

    @property
    def id(self) -> str:
        return f"{self.url_name}[{self.scope}]{'' if self.method == 'GET' else '-' + self.method}"


def cases(rows: list[Row]) -> list:
    """One pytest param per (row, role) the row has an expectation for."""
    out = []
    for row in rows:
        for role in ROLES:
            if role not in row.expect:
                continue
            marks = []
            if role in row.bugs:
                marks.append(pytest.mark.xfail(strict=True, reason=row.bugs[role]))
            out.append(pytest.param(row, role, id=f"{row.id}-{role}", marks=marks))
    return out


def outcome(response) -> int | str:
    if response.status_code in (301, 302, 303) and "/accounts/login/" in response.headers.get(
        "Location", ""
    ):
        return LOGIN
    return response.status_code


def matches(got, want) -> bool:
    if want == OK:
        return got not in REFUSALS and got < 500
    return got == want


def _body(response) -> str:
    if getattr(response, "streaming", False):
        for _chunk in response.streaming_content:
            pass
        return ""
    content_type = response.headers.get("Content-Type", "")
    if not content_type.startswith(("text/", "application/json")):
        return ""
    return response.content.decode("utf-8", "replace")


def markers_hidden_from(role: str) -> list[str]:
    """Texts `role` must never be shown."""
    if role in STAFF:
        return []
    hidden = list(world_module.DRAFT.values()) + list(world_module.HIDDEN.values())
    if role in (ANON, OBSERVER):
        hidden += list(world_module.INTERNAL.values())
    # The marker tail is unique ASCII (the Japanese head is also the search query).
    return [text.split()[-1] for text in hidden]


def run_case(world, row: Row, role: str) -> list[str]:
    """The row for one role, as a full page and as an HTMX request; mismatch descriptions."""
    client = world.clients[role]
    path = row.path(world)
    problems = []
    htmx = {"HTTP_HX_REQUEST": "true", **row.htmx_headers}
    for kind, headers in (("page", {}), ("htmx", htmx)):
        want = row.htmx_expect.get(role, row.expect[role]) if kind == "htmx" else row.expect[role]
        label = f"{row.method} {path} as {role} ({kind})"
        with transaction.atomic():
            before = row.state(world) if row.state else None
            if row.method == "POST":
                data = row.data(world) if callable(row.data) else row.data
                response = client.post(path, data, **headers)
            else:
                response = client.get(path, **headers)
            got = outcome(response)
            body = _body(response)
            if not matches(got, want):
                problems.append(f"{label}: got {got}, want {want}")
            if row.state is not None:
                after = row.state(world)
                if (want in REFUSALS or row.keeps) and after != before:
                    problems.append(f"{label}: refused but changed {before!r} -> {after!r}")
                if row.changes and want == OK and after == before:
                    problems.append(f"{label}: allowed write changed nothing ({before!r})")
            if row.check_leaks and body:
                for marker in markers_hidden_from(role):
                    if marker in body:
                        problems.append(f"{label}: shows {marker} (not for {role})")
            transaction.set_rollback(True)
    return problems


def missing_rows(rows: list[Row]) -> list[str]:
    """URL names (outside admin/) with no row at all in the matrix."""
    covered = {row.url_name for row in rows}
    return sorted({route.name for route in walk()} - covered)
