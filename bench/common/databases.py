"""Scratch databases: on DATABASE_URL's server or a throwaway cluster, migrated and seeded."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

from .base import PY, ROOT

SEED = Path(__file__).with_name("seed.py")


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
        [
            PY,
            str(Path(__file__).with_name("seed.py")),
            "seed",
            "--members",
            str(members),
            "--comments",
            str(comments),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        raise RuntimeError(f"scaling the demo data failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])
