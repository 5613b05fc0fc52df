"""Embedded PostgreSQL for development and tests when DATABASE_URL is unset.

The server is started from the `pgserver` wheel with its data under var/pgdata and is
left running between commands (cleanup_mode=None), so a second `make run` starts in
seconds. It listens on a Unix socket only, never on a TCP port.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = BASE_DIR / "var" / "pgdata"
DB_NAME = "committee"


def _server():
    import logging
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); harmless here.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

    import pgserver

    # pgserver logs every command at INFO on the root logger's handlers; keep it quiet.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    return pgserver.get_server(PGDATA, cleanup_mode=None)


def database_url() -> str:
    """Start the embedded server if needed and return a URL to the app database."""
    srv = _server()
    # initdb ran with --encoding=utf8 and the C.UTF-8 locale: UTF-8 ctype, stable sort.
    exists = srv.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")
    if "1 row" not in exists:
        srv.psql(f"CREATE DATABASE {DB_NAME} ENCODING 'UTF8' TEMPLATE template0;")
    return srv.get_uri(DB_NAME)


def stop() -> None:
    from pgserver._commands import pg_ctl

    srv = _server()
    pg_ctl(["-w", "stop"], pgdata=PGDATA, user=srv.system_user)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["stop"]:
        stop()
    else:
        print(database_url())
