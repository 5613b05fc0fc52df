"""The content generation: a number that grows with every committed write to content tables.

A statement trigger on every table (but the bookkeeping ones in PUBLIC_CACHE_SKIP_TABLES)
records the writing transaction once in core_contentchange (keyed by its id: no two writers
ever wait for each other). Its rows become visible when that transaction commits, so the count
changes exactly when new content is visible. Old rows are folded into core_contentgenerationbase
in one statement (the sum stays the same), so the count stays cheap.
"""

from django.conf import settings
from django.db import connection

FUNCTION = """
CREATE OR REPLACE FUNCTION core_record_content_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO core_contentchange (txid, at) VALUES (txid_current(), clock_timestamp())
  ON CONFLICT (txid) DO NOTHING;
  RETURN NULL;
END $$;
"""
TRIGGER = (
    "CREATE OR REPLACE TRIGGER core_content_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
    "ON {table} FOR EACH STATEMENT EXECUTE FUNCTION core_record_content_change()"
)
OWN_TABLES = {"core_contentchange", "core_contentgenerationbase"}


def content_tables(all_tables: list[str]) -> list[str]:
    skip = set(settings.PUBLIC_CACHE_SKIP_TABLES) | OWN_TABLES
    prefixes = tuple(settings.PUBLIC_CACHE_SKIP_PREFIXES)
    return [t for t in all_tables if t not in skip and not t.startswith(prefixes)]


def install_triggers(using=None, **kwargs) -> None:
    """post_migrate: (re)install the trigger on every content table, new ones included."""
    from django.db import connections

    conn = connections[using or "default"]
    tables = conn.introspection.table_names(include_views=False)
    if "core_contentchange" not in tables:
        return
    with conn.cursor() as cursor:
        cursor.execute(FUNCTION)
        for table in content_tables(tables):
            cursor.execute(TRIGGER.format(table=conn.ops.quote_name(table)))


def current() -> tuple[int, float | None]:
    """(generation, epoch seconds of the latest change): one small query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce((SELECT compacted FROM core_contentgenerationbase WHERE id = 1), 0)"
            " + (SELECT count(*) FROM core_contentchange), extract(epoch FROM greatest("
            "(SELECT at FROM core_contentgenerationbase WHERE id = 1), "
            "(SELECT max(at) FROM core_contentchange)))"
        )
        generation, changed = cursor.fetchone()
    return int(generation), float(changed) if changed is not None else None


def compact(older_than_seconds: int = 600) -> int:
    """Fold old change rows into the base count in one statement (the generation stays the
    same); returns how many rows were folded."""
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH gone AS (DELETE FROM core_contentchange WHERE at < clock_timestamp() - "
            "make_interval(secs => %s) RETURNING at) "
            "INSERT INTO core_contentgenerationbase (id, compacted, at) "
            "SELECT 1, count(*), max(at) FROM gone "
            "ON CONFLICT (id) DO UPDATE SET "
            "compacted = core_contentgenerationbase.compacted + EXCLUDED.compacted, "
            "at = greatest(core_contentgenerationbase.at, EXCLUDED.at) "
            "RETURNING (SELECT count(*) FROM gone)",
            [older_than_seconds],
        )
        row = cursor.fetchone()
    return row[0] if row else 0
