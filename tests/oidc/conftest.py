"""A real OpenID provider for the SSO tests: tests/oidc/provider (the `oidc-provider` npm
package) run with the machine's Node.js, its client registered for this test run's live server.

node_modules is not committed: when tests/oidc/provider/node_modules is missing the provider is
installed with `npm ci` (from the committed package-lock.json) into var/cache/oidc-provider.
Without Node.js the tests skip and say why.
"""

import os
import re
import shutil
import socket
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from django.conf import settings
from django.test import override_settings

from accounts.oidc import _discovery
from accounts.oidc_settings import oidc_settings

SOURCE = Path(__file__).parent / "provider"
CACHE = settings.BASE_DIR / "var" / "cache" / "oidc-provider"
CLIENT_ID, CLIENT_SECRET = "committee-workspace", "test-only-client-secret"
ROLE_MAP = "committee-members=member,mext-secretariat=secretariat"
ID_TOKEN_TTL = 3  # seconds: short, so a token kept for a few seconds is refused as expired


def _provider_dir() -> Path:
    if (SOURCE / "node_modules" / "oidc-provider").is_dir():
        return SOURCE
    if not (CACHE / "node_modules" / "oidc-provider").is_dir():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed: cannot install the test OpenID provider")
        CACHE.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json", "server.mjs"):
            shutil.copy2(SOURCE / name, CACHE / name)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
            cwd=CACHE,
            check=True,
            capture_output=True,
            timeout=300,
        )
    shutil.copy2(SOURCE / "server.mjs", CACHE / "server.mjs")
    return CACHE


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider(live_server):
    """The running provider's issuer URL; stopped at the end of the module."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: the SSO tests need it to run the OpenID provider")
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URI": f"{live_server.url}/oidc/callback/",
        "POST_LOGOUT_URI": f"{live_server.url}/",
        "ID_TOKEN_TTL": str(ID_TOKEN_TTL),
    }
    process = subprocess.Popen(
        [node, "server.mjs"],
        cwd=_provider_dir(),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        line = process.stdout.readline()
        while line and not line.startswith("READY"):
            line = process.stdout.readline()
        assert line.startswith("READY"), "the test OpenID provider did not start"
        yield line.split()[1]
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso(provider, live_server):
    """SSO switched on (as the environment variables would), against the test provider."""
    values = oidc_settings(
        list(settings.AUTHENTICATION_BACKENDS),
        environ={
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_DISCOVERY": provider,
            "DJANGO_OIDC_ROLE_MAP": ROLE_MAP,
        },
    )
    _discovery.cache_clear()
    with override_settings(**values):
        yield live_server.url


class FormParser(HTMLParser):
    """The first form of a page whose action contains `wanted`: its action and named inputs."""

    def __init__(self, wanted: str = ""):
        super().__init__()
        self.wanted = wanted
        self.action, self.fields, self._inside = None, {}, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.action is None and self.wanted in (a.get("action") or ""):
            self.action, self._inside = a.get("action") or "", True
        elif tag in ("input", "button") and self._inside and a.get("name"):
            self.fields[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


def submit_first_form(session: requests.Session, response, wanted: str = "", **values):
    """Fill and send the page's form (the first whose action contains `wanted`), as a browser
    would, following redirects."""
    parser = FormParser(wanted)
    parser.feed(response.text)
    assert parser.action is not None, f"no form on {response.url}: {response.text[:300]}"
    data = {**parser.fields, **values}
    return session.post(urljoin(response.url, parser.action), data=data, allow_redirects=True)


def provider_login_page(session: requests.Session, base: str):
    """Start SSO on our site; returns the provider's login page (after the redirects)."""
    response = session.get(f"{base}/oidc/authenticate/", timeout=10)
    assert response.status_code == 200 and re.search(r'name="login"', response.text), (
        response.url,
        response.text[:500],
    )
    return response
