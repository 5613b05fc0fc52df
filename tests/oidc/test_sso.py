"""Single sign-on end to end against a real OpenID provider (tests/oidc/provider): sign-in,
roles from the groups claim, no role → no access, logout, and tokens or callbacks that are
tampered, expired or not ours refused."""

import base64
import json
import time
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import jwt
import pytest
import requests
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation

from accounts import roles
from accounts.models import User
from accounts.oidc import RoleMappingBackend
from audit import actions
from audit.models import AuditEntry
from tests import factories
from tests.oidc.conftest import FormParser, provider_login_page, submit_first_form

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(base: str, username: str):
    session = requests.Session()
    page = provider_login_page(session, base)
    return session, submit_first_form(session, page, login=username, password="any")


def _session_data(session: requests.Session) -> dict:
    return Session.objects.get(session_key=session.cookies["sessionid"]).get_decoded()


def _groups(username: str) -> set[str]:
    return set(User.objects.get(username=username).groups.values_list("name", flat=True))


def test_a_member_signs_in_and_gets_the_member_role(sso):
    session, landed = _sign_in(sso, "member1")
    assert landed.status_code == 200 and landed.url == f"{sso}/"
    assert _groups("member1") == {roles.MEMBER}
    user = User.objects.get(username="member1")
    assert user.display_name == "SSO member1" and not user.has_usable_password()
    profile = session.get(f"{sso}/accounts/profile/", allow_redirects=False)
    assert profile.status_code == 200
    assert AuditEntry.objects.filter(action=actions.LOGIN, actor_id=user.pk).exists()
    change = AuditEntry.objects.get(action=actions.ROLES_CHANGE, object_pk=str(user.pk))
    assert change.after == {"groups": [roles.MEMBER], "source": "oidc"}


def test_a_secretariat_user_gets_the_secretariat_role_and_its_pages(sso):
    session, landed = _sign_in(sso, "sec1")
    assert landed.url == f"{sso}/"
    assert _groups("sec1") == {roles.SECRETARIAT}
    assert session.get(f"{sso}/moderation/", allow_redirects=False).status_code == 200


def test_roles_follow_the_provider_on_each_sign_in(sso):
    """A local account of the same name keeps its non-role groups; its roles are the IdP's."""
    user = factories.observer(username="member1")
    user.groups.add(Group.objects.get_or_create(name="newsletter")[0])
    _sign_in(sso, "member1")
    assert _groups("member1") == {roles.MEMBER, "newsletter"}


def test_no_mapped_role_means_no_access_and_a_clear_page(sso):
    session, landed = _sign_in(sso, "outsider")
    assert landed.status_code == 403 and landed.url == f"{sso}/oidc/refused/"
    assert "アクセス権がありません" in landed.text
    assert not User.objects.filter(username="outsider").exists()
    assert session.get(f"{sso}/accounts/profile/", allow_redirects=False).status_code == 302


def _header_logout(session: requests.Session, base: str):
    """Log out as a person would, with the header's logout form on the home page: (where our
    logout sent the browser, where it landed in the end)."""
    home = session.get(f"{base}/")
    parser = FormParser("logout")
    parser.feed(home.text)
    assert parser.action is not None and "csrfmiddlewaretoken" in parser.fields
    out = submit_first_form(session, home, "logout")
    sent_to = out.history[0].headers["Location"] if out.history else out.url
    if "logout" in out.text and "<form" in out.text:  # the provider asks to confirm
        out = submit_first_form(session, out, logout="yes")
    return urljoin(base, sent_to), out


def test_the_header_logout_ends_our_session_and_the_providers(sso):
    session, _ = _sign_in(sso, "member1")
    id_token = _session_data(session)["oidc_id_token"]
    assert 'action="/oidc/logout/"' in session.get(f"{sso}/").text
    sent_to, out = _header_logout(session, sso)
    assert out.url == f"{sso}/"
    # Our logout sent the browser to the provider's end-session endpoint with the id token.
    to_provider = urlparse(sent_to)
    assert to_provider.netloc != urlparse(sso).netloc
    assert parse_qs(to_provider.query)["id_token_hint"] == [id_token]
    assert session.get(f"{sso}/accounts/profile/", allow_redirects=False).status_code == 302
    assert AuditEntry.objects.filter(action=actions.LOGOUT).exists()
    # The provider forgot us too: SSO asks for the password again.
    assert provider_login_page(session, sso).status_code == 200


def test_a_local_users_header_logout_stays_local(sso):
    factories.admin(username="breakglass")
    session = requests.Session()
    page = session.get(f"{sso}/accounts/login/")
    submit_first_form(
        session, page, "/accounts/login/", username="breakglass", password="pass-for-tests-1"
    )
    assert 'action="/accounts/logout/"' in session.get(f"{sso}/").text
    sent_to, out = _header_logout(session, sso)
    assert urlparse(sent_to).netloc == urlparse(sso).netloc and out.url == f"{sso}/"
    assert session.get(f"{sso}/accounts/profile/", allow_redirects=False).status_code == 302


def _failures() -> list[dict]:
    return list(
        AuditEntry.objects.filter(action=actions.LOGIN_FAILED)
        .order_by("id")
        .values_list("after", flat=True)
    )


def test_failed_sso_sign_ins_are_recorded_once_with_why(sso):
    _sign_in(sso, "outsider")
    assert _failures() == [{"via": "oidc", "username": "outsider", "reason": "no role"}]
    session, callback = _until_callback(sso, "member1")
    query = parse_qs(urlparse(callback).query)
    query["state"] = ["forged-state"]
    session.get(f"{sso}/oidc/callback/?{urlencode(query, doseq=True)}")
    forged = _failures()[1]
    assert forged["via"] == "oidc" and "state" in forged["reason"]
    requests.get(f"{sso}/oidc/callback/?error=access_denied&state=x", timeout=10)
    assert _failures()[2] == {"via": "oidc", "reason": "access_denied"}
    assert len(_failures()) == 3
    assert not AuditEntry.objects.filter(action=actions.LOGIN).exists()


def _until_callback(base: str, username: str):
    """Sign in at the provider but stop before our callback: (session, callback URL)."""
    session = requests.Session()
    page = provider_login_page(session, base)
    parser = FormParser()
    parser.feed(page.text)
    url = urljoin(page.url, parser.action)
    data = {**parser.fields, "login": username, "password": "x"}
    response = session.post(url, data=data, allow_redirects=False)
    while True:
        assert response.is_redirect, (response.status_code, response.url, response.text[:400])
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(f"{base}/oidc/callback/"):
            return session, location
        response = session.get(location, allow_redirects=False)


def _refused(session, url) -> requests.Response:
    response = session.get(url)
    assert response.status_code == 403 and response.url.endswith("/oidc/refused/")
    assert "シングルサインオン" in response.text
    assert (
        session.get(
            response.url.rsplit("/oidc/", 1)[0] + "/accounts/profile/", allow_redirects=False
        ).status_code
        == 302
    )
    return response


def test_a_state_that_is_not_ours_is_refused(sso):
    session, callback = _until_callback(sso, "member1")
    query = parse_qs(urlparse(callback).query)
    query["state"] = ["forged-state"]
    _refused(session, f"{sso}/oidc/callback/?{urlencode(query, doseq=True)}")
    assert not User.objects.filter(username="member1").exists()


def test_a_nonce_mismatch_is_refused(sso):
    session, callback = _until_callback(sso, "member1")
    stored = Session.objects.get(session_key=session.cookies["sessionid"])
    data = stored.get_decoded()
    for state in data["oidc_states"].values():
        state["nonce"] = "not-the-nonce-the-provider-signed"
    stored.session_data = Session.objects.encode(data)
    stored.save()
    _refused(session, callback)
    assert not User.objects.filter(username="member1").exists()


def _id_token(sso) -> tuple[str, str]:
    session, _ = _sign_in(sso, "member1")
    token = _session_data(session)["oidc_id_token"]
    return token, jwt.decode(token, options={"verify_signature": False})["nonce"]


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_tampered_id_token_is_refused(sso):
    token, nonce = _id_token(sso)
    backend = RoleMappingBackend()
    assert backend.verify_token(token, nonce=nonce)["sub"] == "member1"  # the real one passes
    header, payload, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    forged = f"{header}.{_b64({**claims, 'sub': 'sec1'})}.{signature}"
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(forged, nonce=nonce)
    unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(unsigned, nonce=nonce)


def test_an_expired_id_token_is_refused(sso):
    from tests.oidc.conftest import ID_TOKEN_TTL

    token, nonce = _id_token(sso)
    time.sleep(ID_TOKEN_TTL + 1.5)
    with pytest.raises(SuspiciousOperation, match="expired"):
        RoleMappingBackend().verify_token(token, nonce=nonce)


def test_local_passwords_still_work_beside_sso(sso):
    factories.admin(username="breakglass")
    session = requests.Session()
    page = session.get(f"{sso}/accounts/login/")
    assert "oidc/authenticate/" in page.text  # the SSO button is shown
    landed = submit_first_form(
        session, page, "/accounts/login/", username="breakglass", password="pass-for-tests-1"
    )
    assert landed.url == f"{sso}/"
    assert session.get(f"{sso}/accounts/profile/", allow_redirects=False).status_code == 200
