"""The consultation questions (論点) section of a meeting's page: policies owns questions, so the
committee's template includes this tag instead of committee code importing policies."""

from django import template

from committee.access import visible_agenda_items
from policies.access import visible_questions

register = template.Library()


@register.inclusion_tag("policies/includes/meeting_questions.html", takes_context=True)
def meeting_questions(context, meeting):
    """Questions on the meeting's visible agenda items, with their deadlines. One query."""
    user = context["request"].user
    questions = (
        visible_questions(user)
        .filter(agenda_item__meeting=meeting, agenda_item__in=visible_agenda_items(user))
        .select_related("perspective", "agenda_item")
        .order_by("agenda_item__position", "perspective__position", "position")
    )
    return {"questions": list(questions)}
