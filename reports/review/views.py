"""The review screens: an edition's review (period, paragraphs with their reviews), a
paragraph's review thread with the comment composer (reports.review.composer), edits and
dispositions; hiding is the moderation page's (reports.review.moderation). Every action is a
plain form that works without JavaScript; under HTMX the same template's partial is swapped.
A refusal answers 403 (period, role), 409 (stale paragraph or edit) or 422 (bad input), always
with the typed text kept in the box and the current paragraph shown."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import login, secretariat_required
from accounts.roles import is_secretariat
from core.errors import Refusal
from core.htmx import render_page
from policies.composer import attempt, stored
from reports.review import selectors
from reports.review import services as review
from reports.review.access import access_review, review_edition, review_paragraph
from reports.review.composer import TEMPLATE as PARAGRAPH
from reports.review.composer import (
    composer_from_query,
    context,
    edit_composer,
    new_composer,
    paragraph_url,
    render_refused,
)
from reports.review.forms import DisposeForm, PeriodForm, ReviewEditForm, ReviewForm
from reports.views.pages import form_errors

EDITION = "reports/review/edition_review.html"


def _edition_url(edition) -> str:
    return reverse("reports:review-edition", args=[edition.pk])


@login
@require_safe
def edition_review(request, pk: int):
    edition = review_edition(request.user, pk)
    page = selectors.edition_review_page(request.user, edition)
    initial = {}
    if page.period:
        initial = {"opens_at": page.period.opens_at, "closes_at": page.period.closes_at}
    ctx = {
        "page": page,
        "edition": edition,
        "period_form": PeriodForm(initial=initial),
        "is_staff": is_secretariat(request.user),
    }
    return render(request, EDITION, ctx)


def _saved(form, write) -> bool:
    """Run write(**cleaned_data) for a valid form; a ValidationError lands on the form."""
    if not form.is_valid():
        return False
    try:
        write(**form.cleaned_data)
    except ValidationError as error:
        form_errors(form, error)
        return False
    return True


def _period_refused(request, edition, form, status):
    page = selectors.edition_review_page(request.user, edition)
    ctx = {"page": page, "edition": edition, "period_form": form, "is_staff": True}
    return render_page(request, EDITION, ctx, partial="period", status=status)


@secretariat_required
@require_POST
def period_set(request, pk: int):
    edition = review_edition(request.user, pk)
    form = PeriodForm(request.POST)
    if _saved(form, partial(review.review_period_set, edition=edition, by=request.user)):
        messages.success(request, _("The review period was saved."))
        return redirect(_edition_url(edition))
    return _period_refused(request, edition, form, 422)


@secretariat_required
@require_POST
def period_close(request, pk: int):
    edition = review_edition(request.user, pk)
    period = selectors.period_of(edition)
    if period is None:
        return _period_refused(request, edition, PeriodForm(), 409)
    review.review_period_close_now(period=period, by=request.user)
    messages.success(request, _("The review was closed."))
    return redirect(_edition_url(edition))


def _stored(request, paragraph, composer, item, message):
    """HTMX: a fresh box, the refreshed thread (out of band) and the event that drops the box's
    local draft (only now); without JS: back to the thread."""
    if request.htmx:
        ctx = context(request, paragraph, new_composer(paragraph), reviews_oob=True)
        response = render_page(request, PARAGRAPH, ctx, partial="posted")
        return stored(response, composer, composer.scope)
    messages.success(request, message)
    return redirect(paragraph_url(paragraph) + f"#review-{item.pk}")


@login
@require_http_methods(["GET", "HEAD", "POST"])
def paragraph_review(request, pk: int):
    """The paragraph's reviews and the review box (?edit=<id>: one's own review in it); POST
    sends a comment or a wording suggestion."""
    paragraph = review_paragraph(request.user, pk)
    if request.method == "POST":
        return _create(request, paragraph)
    composer = composer_from_query(request, paragraph)
    partial = "composer" if request.htmx.target == "composer" else ""  # else the whole page
    return render_page(request, PARAGRAPH, context(request, paragraph, composer), partial=partial)


def _renew_base(request, paragraph) -> ReviewForm:
    # The typed text stays; the base becomes the current paragraph, so sending again is on
    # purpose (the member has seen what changed).
    values = request.POST.copy()
    values["base_version"] = paragraph.version
    form = ReviewForm(values)
    form.is_valid()
    return form


def _create(request, paragraph):
    form = ReviewForm(request.POST)
    # Invalid until proven otherwise: a box that comes back is a 4xx, never a 200.
    composer = new_composer(paragraph, form, status=422)
    if not form.is_valid():
        return render_refused(request, paragraph, composer)

    def write():
        nonlocal paragraph
        try:
            return review.review_create(
                paragraph=paragraph, author=request.user, **form.cleaned_data
            )
        except review.StaleSuggestion as stale:
            paragraph, composer.form = stale.paragraph, _renew_base(request, stale.paragraph)
            raise

    item = attempt(composer, write)
    if item is None:
        return render_refused(request, paragraph, composer)
    return _stored(request, paragraph, composer, item, _("Your review was sent."))


@login
@require_POST
def review_edit(request, pk: int):
    item = access_review(request.user, pk, own=True)
    form = ReviewEditForm(request.POST, kind=item.kind)
    composer = edit_composer(item, form, status=422)
    data = {"stance": "", "suggested_text": "", **form.cleaned_data} if form.is_valid() else {}
    if data:
        data["version"] = data["version"] or None
        saved = attempt(
            composer, lambda: review.review_update(review=item, by=request.user, **data)
        )
        if saved is not None:
            message = _("Your review was changed.")
            return _stored(request, item.paragraph, composer, saved, message)
    return render_refused(request, item.paragraph, composer)


def _back(request, item, status=200, refusal=""):
    """After a thread action: back to the thread, or the thread with the refusal (4xx)."""
    if status == 200:
        return redirect(paragraph_url(item.paragraph) + f"#review-{item.pk}")
    paragraph = item.paragraph
    ctx = context(request, paragraph, composer_from_query(request, paragraph), refusal=refusal)
    return render_page(request, PARAGRAPH, ctx, partial="reviews", status=status)


@login
@require_POST
def review_delete(request, pk: int):
    item = access_review(request.user, pk, own=True)
    try:
        review.review_delete(review=item, by=request.user)
    except Refusal as refused:
        return _back(request, item, refused.status, refused.message)
    messages.success(request, _("Your review was withdrawn."))
    return _back(request, item)


@secretariat_required
@require_POST
def suggestion_dispose(request, pk: int):
    item = access_review(request.user, pk, staff=True)
    form = DisposeForm(request.POST)
    if _saved(form, partial(review.suggestion_dispose, review=item, by=request.user)):
        messages.success(request, _("The disposition was saved."))
        return _back(request, item)
    message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return _back(request, item, 422, message)
