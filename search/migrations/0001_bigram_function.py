"""Japanese-capable full-text search on a stock PostgreSQL: the ja_bigram_tsvector function.

PostgreSQL has no Japanese text-search configuration and pg_trgm cannot index two-character
words, so text is NFKC-normalised, lower-cased and cut into overlapping character bigrams
with their positions. A query's bigrams joined with <-> (phrase) then find any word of two
or more characters, and full-width/half-width forms match. IMMUTABLE so that apps can keep
the result in a generated tsvector column with a GIN index (core.search.BigramVector).

The function used to be created by accounts.0003 (and rewritten in PL/pgSQL by accounts.0006).
This migration replaces accounts.0003: a database that applied it counts this one as applied
and runs nothing; a fresh database runs this one instead. CREATE OR REPLACE keeps it harmless
wherever the function already exists. The migrations whose generated columns call the
function depend on this one.
"""

from django.db import migrations

PLPGSQL = r"""
CREATE OR REPLACE FUNCTION ja_bigram_tsvector(input text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
  t text := lower(normalize(input, NFKC));
  parts text[] := '{}';
  gram text;
BEGIN
  FOR i IN 1 .. length(t) - 1 LOOP
    gram := substr(t, i, 2);
    IF gram !~ '[[:space:]]' THEN
      parts := parts || ('''' || replace(replace(gram, '\', '\\'), '''', '''''') || ''':' || least(i, 16383));
    END IF;
  END LOOP;
  IF cardinality(parts) = 0 THEN
    RETURN ''::tsvector;
  END IF;
  RETURN array_to_string(parts, ' ')::tsvector;
END
$$;
"""

DROP = "DROP FUNCTION IF EXISTS ja_bigram_tsvector(text);"


class Migration(migrations.Migration):
    replaces = [("accounts", "0003_search_function")]
    dependencies = [("accounts", "0002_roles")]
    operations = [migrations.RunSQL(PLPGSQL, DROP)]
