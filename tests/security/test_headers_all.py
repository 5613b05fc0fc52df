"""Security headers on every page the resolver knows, for each role, full page and HTMX fragment;
and, with production settings, HSTS and secure cookies."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests import factories
from tests.security.urlwalk import allowed_methods, fill, seed_demo, walk

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _directive(csp: str, name: str) -> str | None:
    for part in csp.split(";"):
        words = part.strip().split()
        if words and words[0] == name:
            return " ".join(words[1:])
    return None


def header_problems(response) -> list[str]:
    problems = []
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no nosniff")
    if not response.headers.get("Content-Type", "").startswith("text/html"):
        return problems
    csp = response.headers.get("Content-Security-Policy", "")
    script_src = _directive(csp, "script-src") or _directive(csp, "default-src")
    if not csp or script_src is None:
        problems.append("no CSP script policy")
    elif "unsafe-inline" in script_src or "unsafe-eval" in script_src or "*" in script_src:
        problems.append(f"weak script-src: {script_src}")
    if csp and "unsafe-eval" in csp:
        problems.append("unsafe-eval somewhere in the CSP")
    if csp and _directive(csp, "frame-ancestors") != "'none'":
        problems.append("frame-ancestors not 'none'")
    if csp and _directive(csp, "object-src") != "'none'":
        problems.append("object-src not 'none'")
    if response.headers.get("X-Frame-Options") != "DENY":
        problems.append("X-Frame-Options not DENY")
    if not response.headers.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    return problems


def test_every_page_carries_the_security_headers_for_every_role():
    seed_demo()
    users = {
        "anonymous": None,
        "observer": factories.observer(),
        "member": factories.member(),
        "secretariat": factories.secretariat(),
    }
    routes = [
        route
        for route in walk()
        if (methods := allowed_methods(route.callback)) is None or "GET" in methods
    ]
    paths = [fill(route)[0] for route in routes]
    wrong, html_pages = [], 0
    for who, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        for path in paths:
            for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                response = client.get(path, **headers)
                if response.headers.get("Content-Type", "").startswith("text/html"):
                    html_pages += 1
                for problem in header_problems(response):
                    wrong.append(
                        f"{who}: {path} {headers or ''} [{response.status_code}]: {problem}"
                    )
    assert not wrong, "\n".join(wrong)
    assert html_pages >= 40, "the walk should have reached the HTML pages"


def test_error_pages_carry_the_headers_too(client):
    response = client.get("/no-such-page-anywhere/")
    assert response.status_code == 404
    assert header_problems(response) == []


PRODUCTION_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
c = Client()
insecure = c.get("/accounts/login/")
secure = c.get("/accounts/login/", secure=True)
cookie = secure.cookies.get("csrftoken")
print(json.dumps({
    "debug": settings.DEBUG,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "redirect_status": insecure.status_code,
    "redirect_to": insecure.headers.get("Location", ""),
    "hsts": secure.headers.get("Strict-Transport-Security", ""),
    "csrf_cookie_flag_secure": bool(cookie and cookie["secure"]),
    "csp": secure.headers.get("Content-Security-Policy", ""),
}))
"""


def test_production_settings_add_hsts_and_secure_cookies():
    from django.db import connection

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    params = connection.settings_dict
    host = params.get("HOST") or params.get("OPTIONS", {}).get("host", "")
    if host.startswith("/"):
        url = f"postgresql://{params['USER']}@/{params['NAME']}?host={host}"
    else:
        url = (
            f"postgresql://{params['USER']}:{params.get('PASSWORD') or ''}@{host}:"
            f"{params.get('PORT') or 5432}/{params['NAME']}"
        )
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="production-like-secret-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=url,
        # Production serves collectstatic's manifest; tests have not run collectstatic.
        DJANGO_STATIC_MANIFEST="0",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["debug"] is False
    assert probe["session_cookie_secure"] and probe["csrf_cookie_secure"]
    assert probe["session_cookie_httponly"]
    assert probe["redirect_status"] == 301 and probe["redirect_to"].startswith("https://")
    assert "max-age=31536000" in probe["hsts"]
    assert "includeSubDomains" in probe["hsts"]
    assert probe["csrf_cookie_flag_secure"]
    assert "unsafe-inline" not in (_directive(probe["csp"], "script-src") or "")
