"""Reads of an edition: its outline with labels, sources and dispositions; coverage; picker.

Every read is given the acting user and goes through reports.access, so a page, an export and
the comment trace on the question page cannot disagree about who sees what.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q

from accounts.models import User
from accounts.roles import is_secretariat
from policies.access import visible_comments, visible_questions
from policies.models import Comment, Question
from reports.access import visible_dispositions, visible_editions, visible_source_comments
from reports.models import Disposition, Edition, Paragraph, ParagraphComment, Section


@dataclass
class SectionView:
    section: Section
    number: str  # "第2章" for a chapter, "2.1" for a section
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class EditionView:
    edition: Edition
    sections: list[SectionView]
    disposition_kinds: dict[int, str]  # comment pk -> kind of its disposition in this edition

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]


def label_outline(sections: list[Section], paragraphs: list[Paragraph]) -> list[SectionView]:
    """Number chapters (第N章), sections (N.M) and paragraphs (N within the chapter); each
    paragraph gets `.label` ("第2章 3") and `.ordinal`."""
    by_section: dict[int, list[Paragraph]] = {}
    for p in sorted(paragraphs, key=lambda p: p.position):
        by_section.setdefault(p.section_id, []).append(p)
    views, chapter, sub, ordinal = [], 0, 0, 0
    for s in sorted(sections, key=lambda s: s.position):
        if s.level == Section.Level.CHAPTER:
            chapter, sub, ordinal = chapter + 1, 0, 0
            number = f"第{chapter}章"
        else:
            sub += 1
            number = f"{chapter}.{sub}" if chapter else str(sub)
        view = SectionView(section=s, number=number)
        for p in by_section.get(s.pk, []):
            ordinal += 1
            p.ordinal = ordinal
            p.label = f"第{chapter}章 {ordinal}" if chapter else str(ordinal)
            p.section_number = number
            view.paragraphs.append(p)
        views.append(view)
    return views


def paragraph_labels(edition_ids) -> dict[int, str]:
    """{paragraph pk: "第2章 3"} for the paragraphs of these editions. Two queries."""
    ids = list(edition_ids)
    if not ids:
        return {}
    sections = list(Section.objects.filter(edition_id__in=ids))
    paragraphs = list(
        Paragraph.objects.filter(edition_id__in=ids).only("pk", "section", "position", "edition")
    )
    labels = {}
    for edition_id in ids:
        views = label_outline(
            [s for s in sections if s.edition_id == edition_id],
            [p for p in paragraphs if p.edition_id == edition_id],
        )
        labels.update({p.pk: p.label for v in views for p in v.paragraphs})
    return labels


def edition_outline(edition: Edition) -> list[SectionView]:
    """The labelled outline without sources (two queries): exports, labels, comparisons."""
    return label_outline(list(edition.sections.all()), list(edition.paragraphs.all()))


@dataclass(frozen=True, slots=True)
class SourceLink:
    """A paragraph's source comment as the edition page lists it (reports_tags.paragraph_sources):
    plain values, not three model instances per link (a page has a thousand)."""

    comment_id: int
    question_id: int
    stance: str
    body: str
    is_hidden: bool
    deleted_at: datetime | None
    author: str
    disposition_kind: str | None  # in this edition, when the reader may see it


# What a paragraph shows of a source comment; not its search vector or rendered body.
SOURCE_FIELDS = [
    "paragraph_id",
    "comment_id",
    "comment__question_id",
    "comment__stance",
    "comment__body",
    "comment__is_hidden",
    "comment__deleted_at",
    "comment__author__username",
    "comment__author__display_name",
    "comment__author__first_name",
    "comment__author__last_name",
]


def _question_lists(user, edition: Edition, by_pk: dict[int, Paragraph]) -> None:
    """Each paragraph's `.question_list` (visible questions, in the outline's order): one row
    per question with the ids of the edition's paragraphs answering it."""
    questions = (
        visible_questions(user)
        .filter(report_paragraphs__edition=edition)
        .annotate(
            answering=ArrayAgg(
                "report_paragraphs__id", filter=Q(report_paragraphs__edition=edition)
            )
        )
        .select_related("perspective")
        .order_by("perspective__position", "position")
    )
    for question in questions:
        for paragraph_id in question.answering:
            by_pk[paragraph_id].question_list.append(question)


def _source_links(user, edition: Edition, by_pk: dict[int, Paragraph], kinds: dict) -> None:
    """Each paragraph's `.source_links` (SourceLink, oldest comment first)."""
    rows = (
        ParagraphComment.objects.filter(
            paragraph__edition=edition,
            comment__in=visible_source_comments(user, Comment.objects.all()),
        )
        .order_by("comment__created_at", "comment_id")
        .values_list(*SOURCE_FIELDS)
    )
    authors: dict[tuple, str] = {}  # one str(User) per author, the model's own rule
    for paragraph_id, comment_id, question_id, stance, body, hidden, deleted, *who in rows:
        key = tuple(who)
        if key not in authors:
            username, display, first, last = key
            authors[key] = str(
                User(username=username, display_name=display, first_name=first, last_name=last)
            )
        by_pk[paragraph_id].source_links.append(
            SourceLink(
                comment_id,
                question_id,
                stance,
                body,
                hidden,
                deleted,
                authors[key],
                kinds.get(comment_id),
            )
        )


def edition_page(user, edition: Edition) -> EditionView:
    """The edition as the user may see it: outline, each paragraph's questions and source
    comments (those the user may read, with author and their disposition's kind when the
    user may see it). Five queries whatever the size; each reads the edition's rows by a join,
    not by a list of paragraph ids (with hundreds of paragraphs the IN lists cost more than
    the rows), and links and dispositions are read as values (a page shows a thousand)."""
    paragraphs = list(edition.paragraphs.defer("body"))
    by_pk = {p.pk: p for p in paragraphs}
    for p in paragraphs:
        p.question_list, p.source_links = [], []
    _question_lists(user, edition, by_pk)
    kinds = dict(
        visible_dispositions(user).filter(edition=edition).values_list("comment_id", "kind")
    )
    _source_links(user, edition, by_pk, kinds)
    sections = label_outline(list(edition.sections.all()), paragraphs)
    return EditionView(edition=edition, sections=sections, disposition_kinds=kinds)


def coverage_questions(edition: Edition):
    """The questions a report must answer: every published question."""
    return Question.objects.published().select_related("perspective")


def comments_without_disposition(edition: Edition) -> list[Comment]:
    """Live comments on the report's questions that have no disposition in the edition."""
    return list(
        Comment.objects.shown()
        .filter(question__in=coverage_questions(edition))
        .exclude(report_dispositions__edition=edition)
        .select_related("author", "question__perspective")
        .order_by("question__perspective__position", "question__position", "created_at")
    )


def hidden_sources(edition: Edition) -> list[ParagraphComment]:
    """Source links of the edition whose comment was hidden or deleted after linking."""
    return list(
        ParagraphComment.objects.filter(paragraph__edition=edition)
        .filter(Q(comment__is_hidden=True) | Q(comment__deleted_at__isnull=False))
        .select_related("paragraph", "comment__author")
    )


@dataclass
class QuestionCoverage:
    question: Question
    total: int
    done: int
    missing: list[Comment]


def coverage(edition: Edition) -> list[QuestionCoverage]:
    """Per question: how many live comments have a disposition, and those that have none.
    Secretariat only. Three queries."""
    questions = list(coverage_questions(edition))
    comments = Comment.objects.shown().filter(question__in=questions)
    done_ids = set(
        Disposition.objects.filter(edition=edition, comment__in=comments).values_list(
            "comment_id", flat=True
        )
    )
    rows: dict[int, QuestionCoverage] = {
        q.pk: QuestionCoverage(question=q, total=0, done=0, missing=[]) for q in questions
    }
    for c in comments.select_related("author").order_by("created_at", "id"):
        row = rows[c.question_id]
        row.total += 1
        if c.pk in done_ids:
            row.done += 1
        else:
            row.missing.append(c)
    return list(rows.values())


PICKER_LIMIT = 100


def picker_comments(user, paragraph: Paragraph, query: str = "") -> list[Comment]:
    """Comments of the paragraph's questions the user may link (live ones), with stance and
    author, narrowed by a search in the body or the author's name. One query."""
    qs = (
        visible_comments(user)
        .shown()
        .filter(question__in=paragraph.questions.all())
        .select_related("author", "question__perspective")
        .order_by("question__perspective__position", "question__position", "created_at")
    )
    query = (query or "").strip()[:100]
    if query:
        qs = qs.filter(
            Q(body__icontains=query)
            | Q(author__display_name__icontains=query)
            | Q(author__username__icontains=query)
        )
    return list(qs[:PICKER_LIMIT])


def report_editions(user, report) -> list[Edition]:
    """The report's editions the user may read, oldest first."""
    return list(
        visible_editions(user).filter(report=report).select_related("meeting").order_by("id")
    )


def can_draft(user, edition: Edition) -> bool:
    """Only the secretariat drafts, and only an edition not yet published."""
    return is_secretariat(user) and edition.status != Edition.Status.PUBLISHED


def drafting_edition(user) -> Edition | None:
    """The latest edition the secretariat is still drafting (for "reflect in paragraph…")."""
    if not is_secretariat(user):
        return None
    return (
        Edition.objects.exclude(status=Edition.Status.PUBLISHED)
        .select_related("report")
        .order_by("-id")
        .first()
    )
