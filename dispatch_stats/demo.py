"""Demo statistics (replaced by the import-based loader of the dispatch_stats app)."""


def seed():
    return []
