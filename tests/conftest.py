"""Fixtures shared by every test module: users per role, clients, and the browser."""

import os
import shutil

import pytest
from django.test import Client

from tests import factories


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    """Uploads and seeded demo materials go to a temporary folder, never into var/media."""
    from django.conf import settings

    previous = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    yield
    settings.MEDIA_ROOT = previous


@pytest.fixture(autouse=True)
def _session_seen_write(monkeypatch):
    """The session's "last seen" is rewritten once a minute of requests: on a loaded machine a
    test spanning a minute would see those three extra queries in its query counts. Tests of
    the idle clock set the interval back (accounts.middleware.SessionTimeoutMiddleware)."""
    from accounts.middleware import SessionTimeoutMiddleware

    monkeypatch.setattr(SessionTimeoutMiddleware, "WRITE_EVERY", 24 * 60 * 60)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (rendered fragments must not leak between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield


# One user and one logged-in client per role, generated below.
# The admin's client is `admin_client_role` (pytest-django's `admin_client` is a superuser).
ROLE_FIXTURES = [
    # (role, user fixture, client fixture, username, display name)
    (factories.member, "member_user", "member_client", "member_a", "A委員"),
    (factories.member, "other_member_user", "other_member_client", "member_b", "B委員"),
    (factories.secretariat, "secretariat_user", "secretariat_client", "secretariat", "事務局"),
    (factories.admin, "admin_user", "admin_client_role", "admin1", "管理者"),
    (factories.observer, "observer_user", "observer_client", "observer1", "傍聴者"),
]


def _client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _user_fixture(make, username: str, display_name: str):
    @pytest.fixture
    def user(db):
        return make(username=username, display_name=display_name)

    return user


def _client_fixture(user_fixture: str):
    @pytest.fixture
    def client_for_role(request):
        return _client_for(request.getfixturevalue(user_fixture))

    return client_for_role


for _make, _user_name, _client_name, _username, _display_name in ROLE_FIXTURES:
    globals()[_user_name] = _user_fixture(_make, _username, _display_name)
    globals()[_client_name] = _client_fixture(_user_name)


@pytest.fixture
def htmx_headers():
    """Headers that make a request look like an HTMX fragment request."""
    return {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def history_restore_headers(htmx_headers):
    """Headers of htmx's back-button history restore (its cache off): it needs the whole page."""
    return {**htmx_headers, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


# --- Browser (Playwright driving Debian's chromium) ------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"chromium not found at {CHROMIUM}: run `make browser` (apt-get install chromium)"
        )
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (own cookies) in Japanese; fails the test on CSP violations."""
    context = browser.new_context(locale="ja-JP", base_url=live_server.url)
    context.set_default_timeout(10_000)
    pg = context.new_page()
    errors = []
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.console_errors = errors
    yield pg
    context.close()
    csp = [e for e in errors if "Content Security Policy" in e or "Refused to" in e]
    assert not csp, f"CSP violations in the browser: {csp}"


@pytest.fixture
def new_page(browser, live_server):
    """Factory for extra pages, each in its own context (a second user in the same test)."""
    contexts = []

    def make():
        context = browser.new_context(locale="ja-JP", base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def browser_login(page, username: str, password: str = "pass-for-tests-1"):
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()
