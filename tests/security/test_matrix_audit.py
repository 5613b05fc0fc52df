"""Authorisation matrix of the audit trail: its page and exports are for admins only (they
show every person's sign-ins and changes); refused users get 403, anonymous the login page."""

import pytest

from tests.security.matrix import LOGIN, Row, admin_only, cases, expect, run_case

pytestmark = pytest.mark.django_db

POST_REFUSED = expect(LOGIN, 403, 403, 403, 403, 405)

ROWS = []
for name, path in (
    ("audit:entry-list", "/audit/"),
    ("audit:entry-list-csv", "/audit/export.csv"),
    ("audit:entry-list-xlsx", "/audit/export.xlsx"),
):
    ROWS += [
        Row(name, "none", lambda w, p=path: p, admin_only(200)),
        Row(
            name, "filtered", lambda w, p=path: p + "?action=auth.login&person=zq", admin_only(200)
        ),
        Row(name, "none", lambda w, p=path: p, POST_REFUSED, method="POST"),
    ]


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_audit_matrix(world, row, role):
    problems = run_case(world, row, role)
    assert not problems, "\n".join(problems)
