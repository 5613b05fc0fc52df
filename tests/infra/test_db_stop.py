"""`make db-stop` works whatever an interrupted run left behind (empty pid files included)."""

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def _run(args, pgdata):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["EMBEDDED_PGDATA"] = str(pgdata)
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


def _db_stop(pgdata):
    return _run(["make", "--no-print-directory", "-s", "db-stop"], pgdata)


def _start(pgdata):
    result = _run([".venv/bin/python", "-m", "config.embedded_pg"], pgdata)
    assert result.returncode == 0, result.stderr
    assert "postgresql://" in result.stdout


@pytest.fixture(scope="module")
def pgdata():
    # Under var/ (not /tmp's private per-user folders): pgserver runs postgres as its own
    # system user when started by root, which must be able to reach the directory.
    (ROOT / "var").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ROOT / "var", prefix="pgdata-test-") as parent:
        os.chmod(parent, 0o755)  # noqa: S103 - postgres's user must traverse it
        path = Path(parent) / "pgdata"
        yield path
        _db_stop(path)


def test_stop_when_nothing_was_ever_started(tmp_path):
    result = _db_stop(tmp_path / "never")
    assert result.returncode == 0, result.stderr
    assert "not running" in result.stdout


def test_stop_after_an_interrupted_run_with_empty_pid_files(pgdata):
    _start(pgdata)
    # A run killed mid-write: the handle list is empty while the server still runs.
    (pgdata / ".handle_pids.json").write_text("")
    result = _db_stop(pgdata)
    assert result.returncode == 0, result.stderr
    assert "stopped" in result.stdout
    # Killed during start-up: an empty postmaster.pid and no server.
    (pgdata / "postmaster.pid").write_text("")
    (pgdata / ".handle_pids.json").write_text("")
    result = _db_stop(pgdata)
    assert result.returncode == 0, result.stderr
    assert "not running" in result.stdout
    # And the next run starts again on the same data.
    _start(pgdata)
    assert "stopped" in _db_stop(pgdata).stdout
