"""The meeting record: attendance, minutes by speaker with their confirmation, and 書面審議."""

from proceedings.models.attendance import Attendance
from proceedings.models.record import Confirmation, Correction, Record, Statement
from proceedings.models.written import Deliberation, Recusal, Vote

__all__ = [
    "Attendance",
    "Confirmation",
    "Correction",
    "Deliberation",
    "Record",
    "Recusal",
    "Statement",
    "Vote",
]
