"""Moved to core.search (the bigram search helpers every app's models use).

Kept so that migrations and branches written before the move still import: a migration that
says `accounts.search.BigramVector` gets the same class. Import from core.search in new code.
"""

from core.search import (  # noqa: F401
    BigramVector,
    DeferSearchVectorManager,
    bigram_tsquery,
    bigram_vector,
    highlight,
    matches,
    rank,
    search_vector_field,
)
