"""Demo schemes (replaced by the import-based loader of the schemes app)."""


def seed():
    return []
