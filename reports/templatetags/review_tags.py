"""The review's section of 「自分の論点」 (policies' dashboard, a page reports may not be
imported by): `{% load review_tags %}{% my_reviews %}` lists the paragraphs under review with
the deadline and whether the user has reviewed each; `{{ review|tracked_change }}` shows a
wording suggestion as a tracked change, `{{ review.created_at|time_tag }}` its moment."""

from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join

from core.dates import local_minute
from reports.outputs import compare
from reports.review.selectors import my_reviews as pending_reviews

register = template.Library()


@register.inclusion_tag("reports/review/includes/my_reviews.html", takes_context=True)
def my_reviews(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"pending": pending_reviews(user) if user is not None else []}


_MARKS = {1: "<ins>{}</ins>", -1: "<del>{}</del>", 0: "{}"}


@register.filter(name="tracked_change")
def tracked_change(review) -> str:
    """A wording suggestion as a tracked change against the text it replaces (the 新旧対照表's
    marks): `{{ review|tracked_change }}`."""
    return _tracked_change(review.base_text, review.suggested_text)


@lru_cache(maxsize=1024)
def _tracked_change(base_text: str, suggested_text: str) -> str:
    # The one cache of a suggestion's tracked change, diff and markup alike: a thread is read
    # far more often than a suggestion is written or its base changes.
    parts = compare.tracked_change(base_text, suggested_text)
    marks = format_html_join("", "{}", ((format_html(_MARKS[op], text),) for op, text in parts))
    return format_html('<p class="tracked-change">{}</p>', marks)


@register.filter(name="time_tag", expects_localtime=True)
def time_tag(moment) -> str:
    """`<time datetime="…ISO 8601…">Y-m-d H:i</time>` in the current zone: what
    `<time datetime="{{ v|date:'c' }}">{{ v|date:"Y-m-d H:i" }}</time>` gives, without the date
    filter's format parsing for every review of a thread."""
    if not moment:
        return ""
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), local_minute(moment))
