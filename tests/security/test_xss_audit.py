"""XSS: hostile text recorded in the audit trail (names, object texts, before/after values,
tried user names) never comes back executable on the admins' audit page."""

import pytest
from django.test import Client

from audit.services import audit_record
from tests import factories
from tests.security.test_xss_payloads import PAYLOADS, scan

pytestmark = pytest.mark.django_db
FIELDS = ("actor", "object", "before", "after")


def _marker(i: int, j: int) -> str:
    return f"xa{i:02d}f{j}z"


def test_audit_texts_never_come_back_executable():
    viewer = factories.admin(username="zq_audit_admin")
    client = Client()
    client.force_login(viewer)
    problems, shown = [], set()
    for i, payload in enumerate(PAYLOADS):
        values = [f"{_marker(i, j)} {payload}" for j in range(len(FIELDS))]
        actor = factories.member(username=f"zq_xss_actor{i}", display_name=values[0][:100])
        target = factories.member(username=f"zq_xss_obj{i}", display_name=values[1][:100])
        audit_record(
            actor=actor,
            action="accounts.user_change",
            obj=target,
            before={"display_name": values[2]},
            after={"display_name": values[3]},
        )
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get("/audit/", {"person": _marker(i, 0)}, **headers)
            assert response.status_code == 200
            parsed = scan(response.content.decode())
            problems += [f"payload {i} {payload!r} {headers}: {p}" for p in parsed.problems]
            seen = "\n".join(parsed.seen)
            shown |= {j for j in range(len(FIELDS)) if _marker(i, j) in seen}
    assert not problems, "\n".join(problems[:40])
    assert shown == set(range(len(FIELDS))), f"fields never rendered: {set(range(4)) - shown}"
