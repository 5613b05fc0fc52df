"""What the site search finds in the policies app: questions, comments and the strategy's
measures."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_secretariat
from core.dates import local_day
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
    qs = visible_comments(user)
    qs = qs.live() if is_secretariat(user) else qs.shown()
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
        context=f"{comment.author} · {local_day(comment.created_at)}",
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


def _questions(user):
    return visible_questions(user).select_related("perspective")


def _measures(user):
    return Measure.objects.select_related("pillar")


# Key, label, place on the results page, the rows the user may find, hit, the fields shown.
register(SearchKind("questions", _("Questions"), 10, _questions, _question_hit, ("title", "body")))
register(SearchKind("comments", _("Comments"), 20, _comments, _comment_hit, ("body",)))
# The strategy's measures are public and few: matched per row over the fields the strategy
# page shows, no stored column needed.
MEASURE_VECTOR = bigram_vector(*MEASURE_FIELDS)
register(
    SearchKind(
        "measures", _("Measures"), 60, _measures, _measure_hit, MEASURE_FIELDS, MEASURE_VECTOR
    )
)
