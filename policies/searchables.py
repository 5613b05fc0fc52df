"""What the site search finds in the policies app: questions, comments and the strategy's
measures."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_secretariat
from core.search import bigram_vector, highlight
from core.searchables import Hit, SearchKind, register
from policies.access import visible_comments, visible_questions
from policies.models import Measure

SNIPPET_CHARS = 120
MEASURE_FIELDS = ("name", "abbreviation", "description")


def _question_hit(question, q: str) -> Hit:
    return Hit(
        url=reverse("policies:question-detail", args=[question.pk]),
        title=highlight(question.label, q),
        snippet=highlight(question.body, q, width=SNIPPET_CHARS),
        context=question.perspective.title,
        badges=[] if question.is_published else [_("Draft")],
    )


def _comments(user):
    # Deleted bodies are never searchable; hidden ones only for the secretariat (who moderates
    # them), as on the question page where everyone else sees "hidden" instead of the body.
    qs = visible_comments(user).filter(deleted_at__isnull=True)
    if not is_secretariat(user):
        qs = qs.filter(is_hidden=False)
    return qs.select_related("question__perspective", "author")


def _comment_hit(comment, q: str) -> Hit:
    badges = [_("Hidden")] if comment.is_hidden else []
    question = comment.question
    if comment.visibility == comment.Visibility.MEMBERS and not question.comments_published:
        badges.append(_("Members only"))
    return Hit(
        url=reverse("policies:question-detail", args=[question.pk]) + f"#comment-{comment.pk}",
        title=question.label,
        snippet=highlight(comment.body, q, width=SNIPPET_CHARS),
        context=f"{comment.author} · {comment.created_at:%Y-%m-%d}",
        badges=badges,
    )


def _measure_hit(measure, q: str) -> Hit:
    name = f"{measure.name}（{measure.abbreviation}）" if measure.abbreviation else measure.name
    return Hit(
        url=reverse("strategy:index") + f"#pillar-{measure.pillar_id}",
        title=highlight(name, q),
        snippet=highlight(measure.description, q, width=SNIPPET_CHARS),
        context=measure.pillar.title,
    )


register(
    SearchKind(
        key="questions",
        label=_("Questions"),
        order=10,
        visible=lambda user: visible_questions(user).select_related("perspective"),
        hit=_question_hit,
        fields=("title", "body"),
    )
)
register(
    SearchKind(
        key="comments",
        label=_("Comments"),
        order=20,
        visible=_comments,
        hit=_comment_hit,
        fields=("body",),
    )
)
# The strategy's measures are public and few: matched per row over the fields the strategy
# page shows, no stored column needed.
register(
    SearchKind(
        key="measures",
        label=_("Measures"),
        order=60,
        visible=lambda user: Measure.objects.select_related("pillar"),
        hit=_measure_hit,
        fields=MEASURE_FIELDS,
        vector=bigram_vector(*MEASURE_FIELDS),
    )
)
