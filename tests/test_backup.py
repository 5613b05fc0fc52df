"""Backup and restore: a dump restored into a fresh database has the same rows."""

import os

import psycopg
import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from psycopg import sql

from core.management.commands.restore_db import connect
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

APP_LABELS = {"accounts", "committee", "policies", "dispatch_stats", "schemes"}


def _app_tables() -> list[str]:
    """Every table of our apps that exists in the database (models without a migration yet
    have no table to compare)."""
    existing = set(connection.introspection.table_names())
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in APP_LABELS and model._meta.db_table in existing
        }
    )


def _snapshot(conn, tables: list[str]) -> dict[str, tuple[int, list]]:
    """Row count and the first rows (by primary-key order, i.e. column 1) of each table."""
    out = {}
    for table in tables:
        ident = sql.Identifier(table)
        count = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(ident)).fetchone()[0]
        rows = conn.execute(
            sql.SQL("SELECT * FROM {} ORDER BY 1 LIMIT 20").format(ident)
        ).fetchall()
        out[table] = (count, rows)
    return out


@pytest.fixture
def scratch_db():
    name = f"{connection.settings_dict['NAME']}_restore_{os.getpid()}"
    yield name
    connection.close()
    with connect("default", "postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _seed():
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    factories.member(display_name="バックアップ確認 <委員>", affiliation="東京 'A' 大学")
    from policies.models import Perspective

    factories.QuestionFactory(
        perspective=Perspective.objects.order_by("position").first(),
        position=99,
        title="復元される論点",
        body="改行\nと記号 & < >",
    )


def test_backup_then_restore_into_fresh_database_matches(tmp_path, scratch_db):
    _seed()
    dump = tmp_path / "backup.dump"
    call_command("backup_db", output=str(dump), stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert dump.stat().st_size > 0
    assert dump.read_bytes()[:5] == b"PGDMP"  # custom format

    call_command(
        "restore_db",
        str(dump),
        target_db=scratch_db,
        create=True,
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )

    tables = _app_tables()
    assert "accounts_user" in tables and "committee_meeting" in tables
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params) as src, connect("default", scratch_db) as dst:
        before, after = _snapshot(src, tables), _snapshot(dst, tables)
        src_migrations = src.execute("SELECT count(*) FROM django_migrations").fetchone()
        dst_migrations = dst.execute("SELECT count(*) FROM django_migrations").fetchone()
    assert before == after
    assert src_migrations == dst_migrations
    assert sum(count for count, _ in before.values()) > 20, "the seed should have made rows"
    assert before["accounts_user"][0] >= 7


def test_restore_refuses_a_database_that_has_tables(tmp_path):
    dump = tmp_path / "backup.dump"
    call_command("backup_db", output=str(dump), stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The test database itself is migrated, so it is not empty.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_db", str(dump))
    assert connection.cursor()  # nothing was dropped: the app's tables are still there
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations")
        assert cursor.fetchone()[0] > 0


def test_restore_of_a_missing_file_or_database_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match="No such dump file"):
        call_command("restore_db", str(tmp_path / "nope.dump"))
    dump = tmp_path / "backup.dump"
    dump.write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore_db", str(dump), target_db="no_such_database_for_restore_xyz")
