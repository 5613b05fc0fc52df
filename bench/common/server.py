"""gunicorn on 127.0.0.1 with production-like settings, for the load and durability runs."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from .base import GUNICORN, PY, ROOT
from .databases import app_env
from .web import request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen | None, timeout: float) -> None:
    """SIGTERM, then SIGKILL to the whole process group if it is still there after timeout."""
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def tail(path: str, lines: int) -> str:
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


class Gunicorn:
    """gunicorn on 127.0.0.1 with production-like settings; stops itself on exit."""

    def __init__(
        self,
        database_url: str,
        *,
        workers: int = 3,
        port: int | None = None,
        production_config: bool = False,
    ):
        self.port = port or free_port()
        self.workers = workers
        # config/gunicorn.conf.py as `make run` uses it (gthread workers), or sync workers.
        self.production_config = production_config
        self.env = app_env(database_url)
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False)  # noqa: SIM115

    def __enter__(self) -> Gunicorn:
        config = ["--config", "config/gunicorn.conf.py"] if self.production_config else []
        self.proc = subprocess.Popen(
            [
                GUNICORN,
                *config,
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
        stop(self.proc, 15)

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        try:
            return [int(p) for p in children.read_text().split()]
        except OSError:
            return []

    def tail(self, lines: int = 30) -> str:
        return tail(self.log.name, lines)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class TaskWorker:
    """`manage.py procrastinate worker` as `make run` starts it, on the same database; stops
    itself on exit. Its output goes to a temporary log (tail() for errors)."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="worker-", suffix=".log", delete=False)  # noqa: SIM115

    def __enter__(self) -> TaskWorker:
        self.proc = subprocess.Popen(
            [PY, "manage.py", "procrastinate", "worker"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def __exit__(self, *exc) -> None:
        stop(self.proc, 20)

    def tail(self, lines: int = 30) -> str:
        return tail(self.log.name, lines)
