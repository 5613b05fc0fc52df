"""Authorisation matrix of the single sign-on URLs as deployed without SSO configured (the
test settings): they exist but answer 404, so nothing of the OIDC flow is reachable; the
refusal page is a plain 403 for everyone. tests/oidc covers them with SSO switched on."""

import pytest

from tests.security.matrix import Row, cases, everyone, run_case

pytestmark = pytest.mark.django_db

ROWS = [
    Row("oidc:login", "sso off", lambda w: "/oidc/authenticate/", everyone(404)),
    Row("oidc:callback", "sso off", lambda w: "/oidc/callback/?code=x&state=y", everyone(404)),
    Row("oidc:logout", "sso off", lambda w: "/oidc/logout/", everyone(405)),
    Row("oidc:logout", "sso off", lambda w: "/oidc/logout/", everyone(404), method="POST"),
    Row("oidc:refused", "none", lambda w: "/oidc/refused/", everyone(403)),
]


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_oidc_matrix(world, row, role):
    problems = run_case(world, row, role)
    assert not problems, "\n".join(problems)
