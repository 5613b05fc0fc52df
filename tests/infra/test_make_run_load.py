"""`make run`'s server (gunicorn, production settings, WhiteNoise) under 20 concurrent clients:
no errors, and the PostgreSQL connections it holds stay bounded (workers x threads), and an
exhausted connection pool answers 503 with Retry-After, never 500."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from tests import factories
from tests.infra import servers

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 20
SECONDS = 6
WORKERS, THREADS = 2, 4


def _session_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _count_app_connections(stop: threading.Event, peaks: list[int]) -> None:
    dsn = servers.database_url(application_name="infra-test-probe")
    with psycopg.connect(dsn, autocommit=True) as probe:
        while not stop.is_set():
            row = probe.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                [servers.APP_NAME],
            ).fetchone()
            peaks.append(row[0])
            time.sleep(0.1)


def _drive(base: str, session_key: str | None, paths: list[str]) -> list[tuple[str, int]]:
    # Redirects are answers here: a member sent to the login page would be a failure.
    op = servers.opener(session_key, follow=False)
    results = []
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        for path in paths:
            status, _headers, _body = servers.fetch(op, base + path)
            results.append((path, status))
    return results


def test_twenty_concurrent_clients_no_errors_and_bounded_connections():
    meeting = factories.MeetingFactory()
    members = [factories.member(username=f"load{i}") for i in range(CLIENTS // 2)]
    sessions = [_session_for(user) for user in members] + [None] * (CLIENTS - len(members))
    public_paths = ["/", "/meetings/", f"/meetings/{meeting.pk}/", "/healthz/", "/accounts/login/"]
    member_paths = ["/", f"/meetings/{meeting.pk}/", "/questions/mine/", "/healthz/"]

    stop, peaks = threading.Event(), []
    with servers.app_server(WEB_CONCURRENCY=str(WORKERS), WEB_THREADS=str(THREADS)) as base:
        probe = threading.Thread(target=_count_app_connections, args=(stop, peaks))
        probe.start()
        try:
            with ThreadPoolExecutor(CLIENTS) as pool:
                runs = [
                    pool.submit(_drive, base, key, member_paths if key else public_paths)
                    for key in sessions
                ]
                results = [r for run in runs for r in run.result()]
        finally:
            stop.set()
            probe.join()

    errors = [(path, status) for path, status in results if status != 200]
    assert len(results) > CLIENTS * 10, "the load did not run"
    assert errors == [], errors[:10]
    assert 0 < max(peaks) <= WORKERS * THREADS, peaks


def test_an_exhausted_connection_pool_answers_503_with_retry_after(member_user):
    """One pooled connection, held by a request stuck on a lock: the others wait for the pool's
    timeout and get a 503 the client may retry, and the stuck one still completes."""
    session_key = _session_for(member_user)
    overrides = {"WEB_CONCURRENCY": "1", "DJANGO_DB_POOL_MAX_SIZE": "1"}
    overrides["DJANGO_DB_POOL_TIMEOUT"] = "0.5"
    with (
        servers.app_server(**overrides) as base,
        psycopg.connect(servers.database_url("infra-test-lock")) as locker,
        ThreadPoolExecutor(4) as pool,
    ):
        locker.execute("LOCK TABLE django_session IN ACCESS EXCLUSIVE MODE")
        stuck = pool.submit(servers.fetch, servers.opener(session_key), base + "/")
        time.sleep(1)  # the first request now holds the only connection
        waiting = [
            pool.submit(servers.fetch, servers.opener(), base + "/healthz/") for _ in range(3)
        ]
        answers = [w.result() for w in waiting]
        locker.rollback()
        stuck_status = stuck.result()[0]
    statuses = [status for status, _headers, _body in answers]
    assert statuses == [503, 503, 503], statuses
    assert all(headers.get("Retry-After") == "10" for _s, headers, _b in answers)
    assert "一時的に利用できません" in answers[0][2].decode()
    assert stuck_status == 200
    connection.close()
