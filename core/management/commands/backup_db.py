"""Write a pg_dump (custom format) of the app database under var/backups/.

The dump is made with the pg_dump whose major version matches the server's: pgserver's
bundled binaries for the embedded server, otherwise the first matching one found
(PATH, /usr/lib/postgresql/*/bin). A newer pg_dump is accepted when no exact match
exists, because pg_dump can read older servers; an older one never is.
"""

import datetime as dt
import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

BACKUP_DIR = Path(settings.BASE_DIR) / "var" / "backups"


def connection_env(alias: str = "default", dbname: str | None = None) -> dict[str, str]:
    """libpq variables for the configured database, so no password lands on a command line."""
    db = settings.DATABASES[alias]
    env = dict(os.environ)
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host") or ""
    pairs = {
        "PGHOST": host,
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": dbname or db["NAME"],
    }
    for key, value in pairs.items():
        if value:
            env[key] = value
        else:
            env.pop(key, None)
    return env


def server_major(alias: str = "default") -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _candidate_dirs() -> list[Path]:
    dirs = []
    try:
        from pgserver._commands import POSTGRES_BIN_PATH

        dirs.append(Path(POSTGRES_BIN_PATH))
    except ImportError:
        pass
    on_path = shutil.which("pg_dump")
    if on_path:
        dirs.append(Path(os.path.realpath(on_path)).parent)
    dirs += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"))]
    return dirs


def _binary_major(binary: Path) -> int | None:
    try:
        out = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", out)
    return int(match.group(1)) if match else None


def pg_tool(name: str, major: int) -> Path:
    """The `name` binary (pg_dump, pg_restore) best matching a server of `major` version."""
    found: dict[int, Path] = {}
    for directory in _candidate_dirs():
        binary = directory / name
        if binary.exists():
            version = _binary_major(binary)
            if version is not None:
                found.setdefault(version, binary)
    if major in found:
        return found[major]
    newer = sorted(v for v in found if v > major)
    if name == "pg_dump" and newer:
        return found[newer[0]]
    raise CommandError(
        f"No {name} for PostgreSQL {major} (found versions: {sorted(found) or 'none'})."
    )


class Command(BaseCommand):
    help = "Back up the database with pg_dump -Fc into var/backups/ (or --output FILE)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="dump file to write (default var/backups/<db>-<time>.dump)"
        )
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, **options):
        alias = options["database"]
        db_name = settings.DATABASES[alias]["NAME"]
        if options["output"]:
            output = Path(options["output"])
        else:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            output = BACKUP_DIR / f"{db_name}-{stamp}.dump"
        output.parent.mkdir(parents=True, exist_ok=True)
        pg_dump = pg_tool("pg_dump", server_major(alias))
        # Write beside the target first: a failed dump never leaves a truncated backup behind.
        partial = output.with_name(output.name + ".partial")
        result = subprocess.run(
            [
                str(pg_dump),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(partial),
            ],
            env=connection_env(alias),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        partial.replace(output)
        size = output.stat().st_size
        self.stdout.write(f"Backed up {db_name} to {output} ({size:,} bytes, {pg_dump})")
        return None
