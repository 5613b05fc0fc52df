"""Demo statistics: the real survey figures, loaded through the same import code admins use."""

from pathlib import Path

from dispatch_stats import services
from dispatch_stats.models import ImportKind

DATA = Path(__file__).resolve().parent / "data"
FILES = [
    (ImportKind.YEARLY, "dispatch_researchers.csv"),
    (ImportKind.REFERENCE, "reference_figures.csv"),
]


def seed():
    """Import both CSV files (idempotent: a second run finds every row unchanged)."""
    logs = []
    for kind, name in FILES:
        data = (DATA / name).read_bytes()
        logs.append(services.import_file(kind=kind, user=None, file_name=name, data=data))
    return logs
