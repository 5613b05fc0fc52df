"""What became of a comment in the report, for pages other apps own (question page, digest):
`{% load reports_tags %}` then `{% report_trace c %}` beside a comment."""

from html import escape as quote  # Django's escape, without its lazy-string wrapper
from types import SimpleNamespace
from typing import NamedTuple

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from core.choices import choice_labels
from policies.models import Comment
from reports.models import Disposition
from reports.selectors import drafting_edition
from reports.traces import meeting_traces

register = template.Library()

_UNSET = object()


def _traces(request, user, question_id: int) -> dict:
    # One load per request for all the questions of the comment's meeting, however many
    # comments and questions the page shows (the question page, the meeting's digest).
    loaded = getattr(request, "_report_traces", None)
    if loaded is None:
        loaded = request._report_traces = {"questions": set(), "traces": {}}
    if question_id not in loaded["questions"]:
        covered, traces = meeting_traces(user, question_id)
        loaded["traces"].update(traces)
        loaded["questions"].update(covered)
    return loaded["traces"]


def _drafting(request, user):
    edition = getattr(request, "_report_drafting", _UNSET)
    if edition is _UNSET:
        edition = request._report_drafting = drafting_edition(user)
    return edition


@register.inclusion_tag("reports/includes/comment_trace.html", takes_context=True)
def report_trace(context, comment):
    """The comment's disposition in the latest edition the reader may see ("reflected in
    骨子案 第2章 3", or the disposition and its reasoning); for the secretariat also the link
    to record one in the edition being drafted."""
    request = context.get("request")
    if request is None or comment is None or not getattr(comment, "pk", None):
        return {}
    user = request.user
    return {
        "d": _traces(request, user, comment.question_id).get(comment.pk),
        "comment": comment,
        "drafting": _drafting(request, user),
    }


def _stance_span(stance: str, label: str) -> str:
    return f'<span class="stance stance-{quote(stance)}">{label}</span>'


class _Labels(NamedTuple):
    question_url: str  # a question's URL without its pk
    stances: dict[str, str]  # stance value: its <span>
    kinds: dict[str, str]
    hidden: str
    sources: str  # the summary of a paragraph's sources
    questions: str


def _labels() -> _Labels:
    # Once per language and process: labels are read a thousand times on one page.
    language = get_language()
    if language not in _LABELS:
        # Translated first: escaping a lazy label gives a lazy string, translated at each use.
        stances = choice_labels(Comment.Stance.choices)
        kinds = choice_labels(Disposition.Kind.choices)
        _LABELS[language] = _Labels(
            reverse("policies:question-detail", args=[0])[: -len("0/")],
            {value: _stance_span(value, escape(label)) for value, label in stances.items()},
            {value: escape(label) for value, label in kinds.items()},
            escape(gettext("Hidden or deleted since")),
            escape(gettext("Questions and source comments")),
            escape(gettext("Questions:")),
        )
    return _LABELS[language]


_LABELS: dict[str, _Labels] = {}


def _source_items(links, labels: _Labels) -> str:
    """A paragraph's source comments (reports.selectors.SourceLink) as list items (author,
    stance, disposition, excerpt). Built here, every value escaped: an edition page shows a
    thousand of them and the template engine's per-variable cost dominated its time."""
    url, stances, kinds, hidden = labels.question_url, labels.stances, labels.kinds, labels.hidden
    items = []
    for link in links:
        kind = link.disposition_kind
        badge = f' <span class="badge disposition-{kind}">{kinds[kind]}</span>' if kind else ""
        if link.is_hidden or link.deleted_at is not None:
            badge += f' <span class="badge badge-draft">{hidden}</span>'
        body = link.body
        excerpt = quote(body if len(body) <= 80 else body[:79] + "…")
        stance = stances.get(link.stance) or _stance_span(link.stance, "")
        items.append(
            f'<li><a href="{url}{link.question_id}/#comment-{link.comment_id}">'
            f"{quote(link.author)}</a> "
            f'{stance}{badge} <span class="source-excerpt">{excerpt}</span></li>'
        )
    return "".join(items)


def _question_links(questions, labels: _Labels) -> str:
    """A paragraph's questions as links, joined by "、" (one URL pattern for the page rather
    than a {% url %} per question of each of its hundreds of paragraphs)."""
    url = labels.question_url
    return "、".join(f'<a href="{url}{q.pk}/">{quote(q.label)}</a>' for q in questions)


@register.filter
def paragraph_sources(paragraph) -> str:
    """A paragraph's questions and source comments, folded (reports.selectors.edition_page
    gives `.question_list` and `.source_links`); nothing when it has neither. One filter for
    each of the page's paragraphs rather than six template nodes and two translations."""
    questions, links = paragraph.question_list, paragraph.source_links
    if not (questions or links):
        return ""
    labels = _labels()
    asked = (
        f'<p class="paragraph-questions">{labels.questions} {_question_links(questions, labels)}'
        "</p>"
        if questions
        else ""
    )
    return mark_safe(  # noqa: S308 - labels escaped, the two lists escape their values
        f'<details class="paragraph-sources">\n'
        f"    <summary>{labels.sources} ({len(links)})</summary>\n"
        f"    {asked}\n"
        f'    <ul class="source-comments">{_source_items(links, labels)}</ul>\n'
        f"  </details>"
    )


# A paragraph's drafting tools (reports/includes/paragraph_tools.html): name and extra args.
_TOOL_URLS = {
    "move_up": ("reports:paragraph-move", "up"),
    "move_down": ("reports:paragraph-move", "down"),
    "edit": ("reports:paragraph-edit",),
    "links": ("reports:paragraph-links",),
    "delete": ("reports:paragraph-delete",),
}
_SENTINEL = 918273645  # no other part of these URLs holds this number
_TOOL_PATTERNS: dict[str, dict[str, str]] = {}


@register.filter
def tool_urls(paragraph) -> dict[str, str]:
    """The URLs of a paragraph's drafting tools. Each is reversed once per language (with a
    stand-in pk, then filled in), not nine {% url %} for each of the page's paragraphs, which
    were a third of the drafting page's time."""
    language = get_language()
    if language not in _TOOL_PATTERNS:
        _TOOL_PATTERNS[language] = {
            key: reverse(name, args=[_SENTINEL, *rest]).replace(str(_SENTINEL), "{pk}")
            for key, (name, *rest) in _TOOL_URLS.items()
        }
    return {key: url.format(pk=paragraph.pk) for key, url in _TOOL_PATTERNS[language].items()}


TOOLS_TEMPLATE = "reports/includes/paragraph_tools.html"
_STAND_IN_LABEL = "paragraph-label-stand-in"  # no digits: the pk is stamped first


@register.simple_tag(takes_context=True)
def paragraph_tools(context, paragraph) -> str:
    """A paragraph's drafting tools (TOOLS_TEMPLATE). That template reads the paragraph only
    through its pk and label, so it is rendered once per page with a stand-in paragraph and
    stamped for each one: two hundred includes, each with three CSRF inputs and eight
    translations, were most of the drafting page's time."""
    cache = context.render_context.dicts[0]  # one render of the page, as {% include %} caches
    stamp = cache.get(TOOLS_TEMPLATE)
    if stamp is None:
        template = context.template.engine.get_template(TOOLS_TEMPLATE)
        with context.push(p=SimpleNamespace(pk=_SENTINEL, label=_STAND_IN_LABEL)):
            stamp = cache[TOOLS_TEMPLATE] = template.render(context)
    return mark_safe(  # noqa: S308 - the template's output; the label escaped as it would be
        stamp.replace(str(_SENTINEL), str(paragraph.pk)).replace(
            _STAND_IN_LABEL, escape(paragraph.label)
        )
    )
