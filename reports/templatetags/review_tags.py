"""The review's section of 「自分の論点」 (policies' dashboard, a page reports may not be
imported by): `{% load review_tags %}{% my_reviews %}` lists the paragraphs under review with
the deadline and whether the user has reviewed each."""

from django import template

from reports.review.selectors import my_reviews as pending_reviews

register = template.Library()


@register.inclusion_tag("reports/review/includes/my_reviews.html", takes_context=True)
def my_reviews(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"pending": pending_reviews(user) if user is not None else []}
