"""Embedded PostgreSQL for development and tests when DATABASE_URL is unset.

The server is started from the `pgserver` wheel with its data under var/pgdata and is
left running between commands (cleanup_mode=None), so a second `make run` starts in
seconds. It listens on a Unix socket only, never on a TCP port.

An interrupted start or a killed `make run` can leave an empty or half-written
postmaster.pid or pgserver handle list behind; both are treated as "not running" and
cleared, so `make db-stop` and the next `make run` still work.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# EMBEDDED_PGDATA: another data directory (the tests start a throwaway server there).
PGDATA = Path(os.environ.get("EMBEDDED_PGDATA") or BASE_DIR / "var" / "pgdata")
DB_NAME = "committee"
POSTMASTER_PID = PGDATA / "postmaster.pid"
HANDLE_PIDS = PGDATA / ".handle_pids.json"


def _running_pid() -> int | None:
    """The postmaster's pid when postmaster.pid names a live process, else None."""
    try:
        first_line = POSTMASTER_PID.read_text().splitlines()[0]
        pid = int(first_line.strip())
    except (OSError, IndexError, ValueError):
        return None
    import psutil

    try:
        return pid if psutil.Process(pid).name() == "postgres" else None
    except psutil.Error:
        return None


def _clear_stale_files() -> None:
    """Remove what a dead server left: pgserver would crash reading an empty file."""
    if _running_pid() is None:
        POSTMASTER_PID.unlink(missing_ok=True)
        HANDLE_PIDS.unlink(missing_ok=True)
        return
    try:
        import json

        json.loads(HANDLE_PIDS.read_text())
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        HANDLE_PIDS.unlink(missing_ok=True)


def _server():
    import logging
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); harmless here.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

    import pgserver

    # pgserver logs every command at INFO on the root logger's handlers; keep it quiet.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    _clear_stale_files()
    return pgserver.get_server(PGDATA, cleanup_mode=None)


def database_url() -> str:
    """Start the embedded server if needed and return a URL to the app database."""
    srv = _server()
    # initdb ran with --encoding=utf8 and the C.UTF-8 locale: UTF-8 ctype, stable sort.
    exists = srv.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")
    if "1 row" not in exists:
        srv.psql(f"CREATE DATABASE {DB_NAME} ENCODING 'UTF8' TEMPLATE template0;")
    return srv.get_uri(DB_NAME)


def stop() -> str:
    """Stop the server if it runs (never starting one to do so); returns what was done."""
    if _running_pid() is None:
        _clear_stale_files()
        return "embedded PostgreSQL is not running"
    from pgserver._commands import pg_ctl

    # pgserver runs the server as its own system user when started by root.
    user = "pgserver" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=user)
    HANDLE_PIDS.unlink(missing_ok=True)
    return "embedded PostgreSQL stopped"


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["stop"]:
        print(stop())
    else:
        print(database_url())
