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
def _empty_cache():
    """Each test starts with an empty cache (rendered fragments must not leak between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def member_user(db):
    return factories.member(username="member_a", display_name="A委員")


@pytest.fixture
def other_member_user(db):
    return factories.member(username="member_b", display_name="B委員")


@pytest.fixture
def secretariat_user(db):
    return factories.secretariat(username="secretariat", display_name="事務局")


@pytest.fixture
def admin_user(db):
    return factories.admin(username="admin1", display_name="管理者")


@pytest.fixture
def observer_user(db):
    return factories.observer(username="observer1", display_name="傍聴者")


def _client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def member_client(member_user):
    return _client_for(member_user)


@pytest.fixture
def other_member_client(other_member_user):
    return _client_for(other_member_user)


@pytest.fixture
def secretariat_client(secretariat_user):
    return _client_for(secretariat_user)


@pytest.fixture
def admin_client_role(admin_user):
    return _client_for(admin_user)


@pytest.fixture
def observer_client(observer_user):
    return _client_for(observer_user)


@pytest.fixture
def htmx_headers():
    """Headers that make a request look like an HTMX fragment request."""
    return {"HTTP_HX_REQUEST": "true"}


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
