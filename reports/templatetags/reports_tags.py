"""What became of a comment in the report, for pages other apps own (question page, digest):
`{% load reports_tags %}` then `{% report_trace c %}` beside a comment."""

from django import template

from reports.selectors import drafting_edition, question_traces

register = template.Library()

_UNSET = object()


def _traces(request, user, question_id: int) -> dict:
    # One load per question and request, however many comments the page shows.
    cache = getattr(request, "_report_traces", None)
    if cache is None:
        cache = request._report_traces = {}
    if question_id not in cache:
        cache[question_id] = question_traces(user, question_id)
    return cache[question_id]


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
