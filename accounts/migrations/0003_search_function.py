"""Kept for history: the search function now belongs to search (search.0001_bigram_function,
which replaces this migration). Databases that applied this one keep their record and count
search.0001 as applied; it runs nothing. The SQL below is the function as first written,
which accounts.0006 restores when it is reversed.

Japanese-capable full-text search on a stock PostgreSQL.

PostgreSQL has no Japanese text-search configuration and pg_trgm cannot index two-character
words, so text is NFKC-normalised, lower-cased and cut into overlapping character bigrams
with their positions. A query's bigrams joined with <-> (phrase) then find any word of two
or more characters, and full-width/half-width forms match. IMMUTABLE so that apps can keep
the result in a generated tsvector column with a GIN index.
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION ja_bigram_tsvector(input text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT COALESCE(
    string_agg(
      '''' || replace(replace(gram, '\', '\\'), '''', '''''') || ''':' || least(pos, 16383),
      ' '
    )::tsvector,
    ''::tsvector)
  FROM (
    SELECT substr(t, i, 2) AS gram, i AS pos
    FROM (SELECT lower(normalize(input, NFKC)) AS t) AS norm,
         generate_series(1, greatest(length(t) - 1, 0)) AS i
  ) AS grams
  WHERE gram !~ '[[:space:]]'
$$;
"""

DROP = "DROP FUNCTION IF EXISTS ja_bigram_tsvector(text);"


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]
    operations = []  # moved to search.0001_bigram_function
