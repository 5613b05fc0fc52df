"""The policies app's models, one module per concern; import them from here."""

from policies.models.comments import (
    CITATION_JOINS,
    STANCE_COLUMNS,
    Comment,
    CommentQuerySet,
    CommentRevision,
    DashboardVisit,
    ModerationEvent,
    StanceColumn,
)
from policies.models.consultation import (
    CIRCLED_NUMBERS,
    PERIOD_FIELDS,
    CommentPeriod,
    Perspective,
    Question,
    QuestionQuerySet,
    circled_number,
    question_code,
)
from policies.models.evidence import Evidence, measure_title, series_title
from policies.models.strategy import GlossaryTerm, Measure, Pillar

__all__ = [
    "CITATION_JOINS",
    "CIRCLED_NUMBERS",
    "PERIOD_FIELDS",
    "STANCE_COLUMNS",
    "Comment",
    "CommentPeriod",
    "CommentQuerySet",
    "CommentRevision",
    "DashboardVisit",
    "Evidence",
    "GlossaryTerm",
    "Measure",
    "ModerationEvent",
    "Perspective",
    "Pillar",
    "Question",
    "QuestionQuerySet",
    "StanceColumn",
    "circled_number",
    "measure_title",
    "question_code",
    "series_title",
]
