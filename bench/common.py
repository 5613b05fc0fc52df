"""Shared pieces of the benchmark scripts: the BENCH line, scratch databases, gunicorn, HTTP.

Convention: every bench script ends by calling `report(name, figures)`, which prints one line
`BENCH {"name": ..., "figures": {...}}`; `bench/run_all.py` collects those lines into a table.
Scripts touch only scratch databases they create and send traffic only to 127.0.0.1.

`python bench/common.py seed --members N --comments M` (with DATABASE_URL set) scales the demo
data up; load.py and durability.py run it in a subprocess against their scratch database.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
GUNICORN = str(Path(PY).parent / "gunicorn")
BENCH_PASSWORD = "bench-pass-2026"


def in_process_settings() -> None:
    """Environment for benchmarks that run Django in this process (production-like settings,
    the test client's host name); call before importing Django."""
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


def members_and_agenda_item(n: int):
    """n members (bench0…, no usable password) and an open meeting's agenda item, for the
    in-process benchmarks that build their own questions and comments."""
    from django.contrib.auth.models import Group

    from accounts import roles
    from accounts.models import User
    from committee.models import AgendaItem, Meeting

    group, _ = Group.objects.get_or_create(name=roles.MEMBER)
    members = []
    for i in range(n):
        user = User(username=f"bench{i}", display_name=f"委員{i}")
        user.set_unusable_password()
        user.save()
        user.groups.add(group)
        members.append(user)
    meeting = Meeting.objects.create(number=6, title="第6回国際戦略委員会", is_published=True)
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="海外派遣の裾野拡大")
    return members, item


def report(name: str, figures: dict) -> None:
    """Print the one line run_all.py collects: `BENCH {"name": ..., "figures": {...}}`."""
    print("BENCH " + json.dumps({"name": name, "figures": figures}, ensure_ascii=False), flush=True)


def note(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


# --- Scratch databases -----------------------------------------------------------------


class Cluster:
    """A PostgreSQL cluster this script started itself (pgserver), so it may restart it."""

    def __init__(self, pgdata: Path):
        import pgserver

        self.pgdata = pgdata
        self.server = pgserver.get_server(pgdata, cleanup_mode="delete")

    def url(self, dbname: str) -> str:
        return self.server.get_uri(dbname)

    def psql(self, command: str) -> str:
        return self.server.psql(command)

    def restart(self) -> None:
        from pgserver._commands import pg_ctl

        pg_ctl(["-w", "-m", "fast", "restart"], pgdata=self.pgdata, user=self.server.system_user)

    def cleanup(self) -> None:
        self.server.cleanup()


def _admin_conninfo(url: str) -> tuple[str, str]:
    """(URL of the server's `postgres` database, name of the database in url)."""
    parts = urllib.parse.urlsplit(url)
    dbname = parts.path.lstrip("/")
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), dbname


@contextlib.contextmanager
def scratch_database(label: str, own_cluster: bool = False):
    """Yield (DATABASE_URL, cluster or None) of a fresh, empty database, dropped afterwards.

    With DATABASE_URL set (and own_cluster False) the database is created on that server;
    otherwise a throwaway pgserver cluster is started in a temporary directory.
    """
    import psycopg

    base = os.environ.get("DATABASE_URL")
    name = f"bench_{label}_{os.getpid()}"
    if base and not own_cluster:
        admin_url, _ = _admin_conninfo(base)
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
        parts = urllib.parse.urlsplit(base)
        url = urllib.parse.urlunsplit(parts._replace(path="/" + name))
        try:
            yield url, None
        finally:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    # Short path: the server's Unix socket lives in the data directory (108-byte limit).
    tmp = Path(tempfile.mkdtemp(prefix="bpg"))
    cluster = Cluster(tmp / "d")
    try:
        cluster.psql(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0;")
        yield cluster.url(name), cluster
    finally:
        with contextlib.suppress(Exception):
            cluster.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)


def app_env(database_url: str, *, debug: bool = False, **extra: str) -> dict[str, str]:
    """Environment for manage.py/gunicorn: production-like unless debug (HTTP on loopback)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        DJANGO_DEBUG="1" if debug else "0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_STATIC_MANIFEST="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="ERROR",
        AXES_FAILURE_LIMIT="1000",
        PYTHONWARNINGS="ignore",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def prepare_database(database_url: str, *, members: int, comments: int) -> dict:
    """Migrate, load the demo data and scale it up; returns what the seeder reports."""
    env = app_env(database_url, debug=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    out = subprocess.run(
        [PY, __file__, "seed", "--members", str(members), "--comments", str(comments)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        raise RuntimeError(f"scaling the demo data failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def comment_model():
    """policies.Comment when the comments feature exists, else None (call after django.setup)."""
    from django.apps import apps

    try:
        return apps.get_model("policies", "Comment")
    except LookupError:
        return None


def _fill_required(model, values: dict, n: int) -> dict:
    """Values for required fields the caller did not give, from choices/defaults by type."""
    import uuid

    from django.db import models

    out = dict(values)
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in out or field.attname in out:
            continue
        if field.has_default() or field.null or getattr(field, "auto_now_add", False):
            continue
        if field.choices:
            out[field.name] = field.choices[n % len(field.choices)][0]
        elif isinstance(field, models.UUIDField):
            out[field.name] = uuid.uuid4()
        elif isinstance(field, models.BooleanField):
            out[field.name] = False
        elif isinstance(field, (models.CharField, models.TextField)) and field.blank:
            out[field.name] = ""
        elif isinstance(field, (models.CharField, models.TextField)):
            out[field.name] = f"bench {n}"[: field.max_length or 100]
    return out


def _seed_main(members: int, comments: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth.models import Group

    from accounts import roles
    from accounts.models import User
    from policies.models import Question

    group, _ = Group.objects.get_or_create(name=roles.MEMBER)
    users = []
    for i in range(members):
        user, created = User.objects.get_or_create(
            username=f"bench{i:03d}", defaults={"display_name": f"負荷委員{i:03d}"}
        )
        if created:
            user.set_password(BENCH_PASSWORD)
            user.save()
        user.groups.add(group)
        users.append(user)
    made = 0
    model = comment_model()
    questions = list(Question.objects.all())
    if model is not None and questions:
        have = model.objects.count()
        fk_user = next(
            f.name
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is User and not f.null
        )
        fk_question = next(
            f.name for f in model._meta.concrete_fields if f.related_model is Question
        )
        text = "body" if any(f.name == "body" for f in model._meta.fields) else None
        rendered = None
        if any(f.name == "body_html" for f in model._meta.fields):
            from policies.markdown import render_markdown as rendered
        rows = []
        for n in range(have, comments):
            values = {fk_user: users[n % len(users)], fk_question: questions[n % len(questions)]}
            if text:
                values[text] = f"負荷試験のコメント {n}。海外派遣の裾野拡大について。" * 3
                if rendered is not None:
                    # The app stores the sanitised HTML when a comment is written; rows
                    # without it would be rendered on every view and skew the figures.
                    values["body_html"] = rendered(values[text])
            rows.append(model(**_fill_required(model, values, n)))
        model.objects.bulk_create(rows, batch_size=500)
        made = len(rows)
    print(
        json.dumps(
            {
                "members": User.objects.filter(groups=group).count(),
                "comments": model.objects.count() if model else None,
                "comments_created": made,
                "questions": len(questions),
            }
        )
    )


# --- gunicorn ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn on 127.0.0.1 with production-like settings; stops itself on exit."""

    def __init__(self, database_url: str, *, workers: int = 3, port: int | None = None):
        self.port = port or free_port()
        self.workers = workers
        self.env = app_env(database_url)
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False)  # noqa: SIM115

    def __enter__(self) -> Gunicorn:
        self.proc = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.tail()}")
            try:
                status, _, _ = request("127.0.0.1", self.port, "GET", "/healthz/")
                if status == 200 and len(self.worker_pids()) >= self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not become healthy:\n{self.tail()}")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        try:
            return [int(p) for p in children.read_text().split()]
        except OSError:
            return []

    def tail(self, lines: int = 30) -> str:
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


# --- HTTP with a session ----------------------------------------------------------------


def request(host, port, method, path, body=None, headers=None, timeout=10):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheaders(), resp.read()
    finally:
        conn.close()


class Session:
    """One user's browser-like session: keep-alive connection, cookies, CSRF from forms."""

    def __init__(self, port: int, timeout: float = 10):
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def _send(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        headers["Host"] = f"127.0.0.1:{self.port}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # gunicorn's sync workers close idle keep-alive connections: reconnect once.
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        for key, value in resp.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                val = rest.split(";", 1)[0]
                if val in ('""', "") or "Max-Age=0" in value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = val
        if resp.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return resp.status, resp, data

    def get(self, path):
        return self._send("GET", path)

    def post(self, path, fields: list[tuple[str, str]], referer: str | None = None):
        body = urllib.parse.urlencode(fields)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.port}{referer or path}",
            "Origin": f"http://127.0.0.1:{self.port}",
        }
        return self._send("POST", path, body=body, headers=headers)

    def login(self, username: str, password: str = BENCH_PASSWORD) -> bool:
        status, _, html = self.get("/accounts/login/")
        form = find_form(html.decode(), lambda f: "password" in f.names())
        if status != 200 or form is None:
            return False
        fields = form.values()
        fields = [(k, v) for k, v in fields if k not in ("username", "password")]
        fields += [("username", username), ("password", password)]
        status, _, _ = self.post(form.action or "/accounts/login/", fields, "/accounts/login/")
        return status == 302 and "sessionid" in self.cookies

    def close(self):
        if self.conn:
            self.conn.close()


class Form:
    def __init__(self, action: str, method: str):
        self.action = action
        self.method = method
        self.fields: list[tuple[str, str, str]] = []  # (kind, name, value)
        self.has_textarea = False

    def names(self) -> set[str]:
        return {name for _, name, _ in self.fields}

    def values(self) -> list[tuple[str, str]]:
        out, seen_radio = [], set()
        for kind, name, value in self.fields:
            if kind == "radio":
                if name in seen_radio:
                    continue
                seen_radio.add(name)
            if kind in ("submit", "checkbox"):
                continue
            out.append((name, value))
        return out


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None
        self.select_done = False
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.current = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            self.current.fields.append((kind, a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self.current.has_textarea = True
            self.textarea = a["name"]
            self.current.fields.append(("textarea", a["name"], ""))
        elif tag == "select" and a.get("name"):
            self.select, self.select_done = a["name"], False
        elif tag == "option" and self.select and not self.select_done and a.get("value"):
            self.current.fields.append(("select", self.select, a["value"]))
            self.select_done = True

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def find_form(html: str, predicate) -> Form | None:
    return next((f for f in parse_forms(html) if predicate(f)), None)


def comment_form(html: str) -> Form | None:
    """The page's comment form: a POST form with a textarea (not the logout/language forms)."""
    return find_form(html, lambda f: f.method == "post" and f.has_textarea)


def links(html: str, pattern: str) -> list[str]:
    return sorted(set(re.findall(rf'href="({pattern})"', html)))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["seed"])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--comments", type=int, default=2000)
    args = parser.parse_args()
    _seed_main(args.members, args.comments)
