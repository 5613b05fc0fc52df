"""A paragraph's review box: the comment composer of the question page (policies.composer),
with the paragraph's scope, address and labels. New review (comment or 修文案) or the edit of
one's own; a refused write comes back in the same box with the text, stance and wording kept,
and static/js/policies.js keeps the local draft (paragraph-<pk>:new, paragraph-<pk>:edit-<id>)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import can_comment, is_secretariat
from core.htmx import render_page, wants_partial
from policies.composer import Composer
from reports.models import Paragraph, ParagraphReview
from reports.review import selectors
from reports.review.access import access_review
from reports.review.forms import ReviewEditForm, ReviewForm

TEMPLATE = "reports/review/paragraph_review.html"


def paragraph_url(paragraph) -> str:
    return reverse("reports:review-paragraph", args=[paragraph.pk])


def new_composer(paragraph: Paragraph, form=None, *, status: int = 200) -> Composer:
    return Composer(
        form=form or ReviewForm(paragraph=paragraph),
        status=status,
        scope=f"paragraph-{paragraph.pk}",
        action=paragraph_url(paragraph),
        heading=_("Comment or suggest a wording"),
        submit=_("Send"),
    )


def edit_composer(item: ParagraphReview, form=None, *, status: int = 200) -> Composer:
    if form is None:
        initial = {"stance": item.stance, "suggested_text": item.suggested_text}
        initial.update(body=item.body, version=item.version)
        form = ReviewEditForm(kind=item.kind, initial=initial)
    return Composer(
        mode="edit",
        form=form,
        target=item,
        status=status,
        scope=f"paragraph-{item.paragraph_id}",
        action=reverse("reports:review-edit", args=[item.pk]),
        heading=_("Edit your review"),
        submit=_("Save changes"),
        cancel_url=paragraph_url(item.paragraph),
    )


def composer_from_query(request, paragraph: Paragraph) -> Composer:
    """?edit=<id> opens one's own review in the box (the link works without JS)."""
    if not can_comment(request.user):
        return Composer()
    if not request.GET.get("edit"):
        return new_composer(paragraph)
    item = access_review(request.user, request.GET["edit"], own=True)
    if item.paragraph_id != paragraph.pk or not item.is_shown or item.disposition:
        raise Http404
    return edit_composer(item)


def context(request, paragraph: Paragraph, composer: Composer, **extra) -> dict:
    return {
        "paragraph": paragraph,
        "edition": paragraph.edition,
        "period": selectors.period_of(paragraph.edition),
        "reviews": selectors.paragraph_reviews(request.user, paragraph),
        "composer": composer,
        "can_review": can_comment(request.user),
        "is_staff": is_secretariat(request.user),
        # Translated once, not in each suggestion's disposition form.
        "dispositions": [(v, str(label)) for v, label in ParagraphReview.Disposition.choices],
        "review_url": paragraph_url(paragraph),
        **extra,
    }


def render_refused(request, paragraph: Paragraph, composer: Composer):
    """The box with the typed text and the message (HTMX: the box in place, and the current
    paragraph out of band; without JS: the whole page, text in the box)."""
    ctx = context(request, paragraph, composer, current_oob=wants_partial(request))
    return render_page(request, TEMPLATE, ctx, partial="refused", status=composer.status)
