"""Start real servers for the infra tests: the app under `make serve` (the command `make run`
uses), redis-server and moto's S3 server, each on a free port, each stopped afterwards."""

import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
APP_NAME = "committee-web"  # application_name of the served app's connections


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(application_name: str = APP_NAME) -> str:
    """A URL to the database the tests run against, tagged so its connections can be counted."""
    from django.db import connection

    db = connection.settings_dict
    # The embedded server's socket directory is an option (?host=...), a real server's is HOST.
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host") or ""
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    query = f"application_name={application_name}"
    if host.startswith("/"):
        return f"postgresql://{auth}@/{db['NAME']}?host={host}&{query}"
    return f"postgresql://{auth}@{host}:{db.get('PORT') or 5432}/{db['NAME']}?{query}"


def server_env(**overrides: str) -> dict[str, str]:
    """The caller's environment without the test settings (the Makefile sets production ones)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST", "REDIS_URL")) and k != "DATABASE_URL"
    }
    env["DATABASE_URL"] = database_url()
    from django.conf import settings

    env["DJANGO_SECRET_KEY"] = settings.SECRET_KEY  # sessions the tests create must verify
    env.update(overrides)
    return env


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - local
                if response.status < 500:
                    return
        except urllib.error.HTTPError as err:
            if err.code < 500:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


@contextmanager
def app_server(**env_overrides: str):
    """`make serve` on a free port; yields its base URL."""
    port = free_port()
    log_path = ROOT / "var" / f"serve-{port}.log"  # kept when the test fails
    log = open(log_path, "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "-s", "serve", f"PORT={port}"],
        cwd=ROOT,
        env=server_env(**env_overrides),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz/", proc)
        yield base
    except BaseException:
        _stop(proc)
        log.close()
        raise
    _stop(proc)
    log.close()
    log_path.unlink()


@contextmanager
def redis_server():
    """A throwaway redis-server when the binary exists, else the machine's on 6379."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield "redis://127.0.0.1:6379/15"
        return
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(proc)


@contextmanager
def s3_server():
    """moto's S3-protocol server on a free port; yields its endpoint URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for(endpoint + "/moto-api/", proc, timeout=60)
        yield endpoint
    finally:
        _stop(proc)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx itself is the answer


def opener(session_key: str | None = None, *, follow: bool = True):
    """A urllib opener with its own cookie jar (one per simulated reader)."""
    jar = http.cookiejar.CookieJar()
    if session_key:
        jar.set_cookie(
            http.cookiejar.Cookie(
                0,
                "sessionid",
                session_key,
                None,
                False,
                "127.0.0.1",
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )
        )
    handlers = [urllib.request.HTTPCookieProcessor(jar)]
    if not follow:
        handlers.append(_NoRedirect())
    return urllib.request.build_opener(*handlers)


def fetch(op, url: str, timeout: float = 30) -> tuple[int, dict, bytes]:
    try:
        with op.open(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@contextmanager
def task_worker(**env_overrides: str):
    """`make worker` (the worker `make run` starts beside the server)."""
    log_path = ROOT / "var" / f"worker-{free_port()}.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "-s", "worker"],
        cwd=ROOT,
        env=server_env(**env_overrides),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield proc
    finally:
        _stop(proc)
        log.close()
