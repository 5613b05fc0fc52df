"""Paths, the BENCH line and in-process Django set-up shared by every benchmark."""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
GUNICORN = str(Path(PY).parent / "gunicorn")
BENCH_PASSWORD = "bench-pass-2026"


def in_process_settings() -> None:
    """Environment for benchmarks that run Django in this process (production-like settings,
    the test client's host name, the repository root on sys.path); call before importing
    Django."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-insecure-key")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
    os.environ.setdefault("DJANGO_STATIC_MANIFEST", "0")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")


@contextlib.contextmanager
def throwaway_database(label: str):
    """Set Django up and run the body in its own test database (test_bench_<label>_<pid>) on
    the configured server, migrated and dropped afterwards, as the test runner would."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    settings.DATABASES["default"]["TEST"].update(
        {"NAME": f"test_bench_{label}_{os.getpid()}", "CHARSET": "UTF8"}
    )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def analyze() -> None:
    """ANALYZE the whole database, as autovacuum does soon after a bulk load: without it the
    planner guesses row counts for freshly filled tables, which a live site never sees."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def members_and_agenda_item(n: int):
    """n members (bench0…, no usable password) and an open meeting's agenda item, for the
    in-process benchmarks that build their own questions and comments."""

    from accounts import roles
    from committee.models import AgendaItem, Meeting

    members = [_user(f"bench{i}", f"委員{i}", roles.MEMBER) for i in range(n)]
    meeting = Meeting.objects.create(number=6, title="第6回国際戦略委員会", is_published=True)
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="海外派遣の裾野拡大")
    return members, item


def secretariat(username: str = "bench_sec", display_name: str = "事務局"):
    """A user in the secretariat's group (no usable password: the benchmarks force_login)."""
    from accounts import roles

    return _user(username, display_name, roles.SECRETARIAT)


def _user(username: str, display_name: str, role: str):
    """A user in `role`'s group with no usable password (the benchmarks force_login)."""
    from django.contrib.auth.models import Group

    from accounts.models import User

    user = User(username=username, display_name=display_name)
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def report(name: str, figures: dict, *, echo: bool = False, table: str = "") -> None:
    """Print the one line run_all.py collects: `BENCH {"name": ..., "figures": {...}}`;
    echo: each figure on its own line first, for a person reading the output; table: a
    markdown table run_all.py prints under the summary (the Lighthouse scores per page)."""
    if echo:
        for key, value in figures.items():
            print(f"{key:>22}: {value}")
    line = {"name": name, "figures": figures, **({"table": table} if table else {})}
    print("BENCH " + json.dumps(line, ensure_ascii=False), flush=True)


def note(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed_get(client, url: str, runs: int, before=None) -> tuple[list[float], bytes, int]:
    """In-process: GET `url` once to warm templates and translations, `runs` times timed (ms,
    each answered 200; `before()` called untimed ahead of each), then once counting SQL
    queries. (times, the last body, queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return times, response.content, len(queries.captured_queries)


def timed(fn, runs: int) -> tuple[float, object, float]:
    """(median ms, the last result, best ms) of `runs` calls after a warm-up call."""
    fn()
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result, min(times)


def page(client, url: str, runs: int) -> tuple[float, int, float]:
    """In-process: (median ms, queries, best ms) of `runs` GETs of `url` after a warm-up one,
    each answered 200."""
    times, _body, queries = timed_get(client, url, runs)
    return statistics.median(times), queries, min(times)
