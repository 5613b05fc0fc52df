"""Load a pg_dump -Fc file into an EMPTY database (the app's, or --target-db on the same server).

Refuses a database that already holds tables: restoring over live data mixes two states.
`--force` drops and recreates the public schema first, after a typed confirmation
(or --noinput). The restore runs in one transaction: it lands completely or not at all.
"""

import subprocess
from pathlib import Path

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from psycopg import sql

from core.management.commands.backup_db import connection_env, pg_tool, server_major

USER_RELATIONS = """
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%%' AND n.nspname NOT LIKE 'pg_temp%%'
"""


def connect(alias: str, dbname: str, **kwargs) -> psycopg.Connection:
    params = connections[alias].get_connection_params()
    params["dbname"] = dbname
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, **kwargs)


def database_exists(alias: str, dbname: str) -> bool:
    with connect(alias, "postgres") as conn:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        return conn.execute(query, [dbname]).fetchone() is not None


def relation_count(alias: str, dbname: str) -> int:
    with connect(alias, dbname) as conn:
        return conn.execute(USER_RELATIONS).fetchone()[0]


class Command(BaseCommand):
    help = "Restore a pg_dump -Fc file into an empty database (refuses one that has tables)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="dump written by backup_db / make backup")
        parser.add_argument("--database", default="default", help="database alias (server)")
        parser.add_argument(
            "--target-db", help="restore into this database on the same server instead"
        )
        parser.add_argument(
            "--create", action="store_true", help="create --target-db when it does not exist"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="DROP and recreate the public schema of a non-empty target first",
        )
        parser.add_argument("--noinput", action="store_true", help="do not ask to confirm --force")

    def handle(self, *args, **options):
        alias = options["database"]
        dump = Path(options["file"])
        if not dump.is_file():
            raise CommandError(f"No such dump file: {dump}")
        target = options["target_db"] or connections[alias].settings_dict["NAME"]
        if options["create"] and options["target_db"]:
            self._create_if_missing(alias, target)
        elif not database_exists(alias, target):
            raise CommandError(f"Database {target!r} does not exist (pass --create to create it).")

        existing = relation_count(alias, target)
        if existing:
            if not options["force"]:
                raise CommandError(
                    f"Database {target!r} is not empty ({existing} tables, views or sequences). "
                    "Restore into an empty database, or pass --force to DROP its public schema."
                )
            if not options["noinput"]:
                answer = input(f"Type the database name ({target}) to drop its public schema: ")
                if answer.strip() != target:
                    raise CommandError("Not confirmed; nothing changed.")
            # Close Django's own connection first so the DROP does not wait on it.
            connections[alias].close()
            with connect(alias, target, autocommit=True) as conn:
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
            self.stdout.write(f"Dropped and recreated the public schema of {target}.")

        pg_restore = pg_tool("pg_restore", server_major(alias))
        # The public schema already exists in a fresh database; a dump made with a newer
        # pg_dump re-creates it, so --clean is not used and errors stop the run.
        result = subprocess.run(
            [
                str(pg_restore),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                target,
                str(dump),
            ],
            env=connection_env(alias, dbname=target),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        self.stdout.write(
            f"Restored {dump} into {target} ({relation_count(alias, target)} relations)."
        )

    def _create_if_missing(self, alias: str, target: str) -> None:
        if not database_exists(alias, target):
            with connect(alias, "postgres", autocommit=True) as conn:
                conn.execute(
                    sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                        sql.Identifier(target)
                    )
                )
                self.stdout.write(f"Created database {target}.")
