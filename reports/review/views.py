"""The review screens: an edition's review (period, paragraphs with their reviews), a
paragraph's review thread with the composer, edits, hiding and dispositions. Every action is a
plain form that works without JavaScript; under HTMX the same template's partial is swapped.
A refusal answers 403 (period, role) or 409 (stale paragraph) or 422 (bad input), always with
the typed text kept and the current paragraph shown."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import login, secretariat_required
from accounts.roles import can_comment, is_secretariat
from core.errors import Refusal
from reports.models import ParagraphReview
from reports.review import selectors
from reports.review import services as review
from reports.review.access import access_review, review_edition, review_paragraph
from reports.review.forms import DisposeForm, HideForm, PeriodForm, ReviewEditForm, ReviewForm
from reports.views.pages import form_errors, render_page

EDITION = "reports/review/edition_review.html"
PARAGRAPH = "reports/review/paragraph_review.html"
EDIT = "reports/review/review_edit.html"


def _edition_url(edition) -> str:
    return reverse("reports:review-edition", args=[edition.pk])


def _paragraph_url(paragraph) -> str:
    return reverse("reports:review-paragraph", args=[paragraph.pk])


@login
@require_safe
def edition_review(request, pk: int):
    edition = review_edition(request.user, pk)
    page = selectors.edition_review(request.user, edition)
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


def _period_refused(request, edition, form, status):
    page = selectors.edition_review(request.user, edition)
    ctx = {"page": page, "edition": edition, "period_form": form, "is_staff": True}
    return render_page(request, EDITION, "period", ctx, status=status)


@secretariat_required
@require_POST
def period_set(request, pk: int):
    edition = review_edition(request.user, pk)
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            review.review_period_set(edition=edition, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
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


def _paragraph_ctx(request, paragraph, form, **extra):
    return {
        "paragraph": paragraph,
        "edition": paragraph.edition,
        "period": selectors.period_of(paragraph.edition),
        "reviews": selectors.paragraph_reviews(request.user, paragraph),
        "form": form,
        "can_review": can_comment(request.user),
        "is_staff": is_secretariat(request.user),
        "dispositions": ParagraphReview.Disposition.choices,
        **extra,
    }


@login
@require_http_methods(["GET", "HEAD", "POST"])
def paragraph_review(request, pk: int):
    """The paragraph's reviews and the composer; POST sends a comment or a suggestion."""
    paragraph = review_paragraph(request.user, pk)
    if request.method != "POST":
        form = ReviewForm(paragraph=paragraph)
        sent = request.GET.get("sent") == "1"
        return render(request, PARAGRAPH, _paragraph_ctx(request, paragraph, form, sent=sent))
    form = ReviewForm(request.POST)
    status, extra = 422, {}
    if form.is_valid():
        data = form.cleaned_data
        try:
            review.review_create(
                paragraph=paragraph,
                author=request.user,
                kind=data["kind"],
                stance=data["stance"],
                body=data["body"],
                suggested_text=data["suggested_text"],
                base_version=data["base_version"],
                idempotency_token=data["idempotency_token"],
            )
        except Refusal as refused:
            status, extra = refused.status, {"refusal": refused.message}
        except review.StaleSuggestion as stale:
            paragraph, status = stale.paragraph, 409
            extra = {"refusal": _("The paragraph was changed after you opened it.")}
        except ValidationError as error:
            form_errors(form, error)
        else:
            if request.htmx:
                fresh = ReviewForm(paragraph=paragraph)
                ctx = _paragraph_ctx(request, paragraph, fresh, sent=True)
                return render(request, PARAGRAPH + "#thread", ctx)
            return redirect(_paragraph_url(paragraph) + "?sent=1#reviews")
    if status != 422 and not form.errors:
        # Keep what was typed; a stale base is renewed so sending again is on purpose.
        values = request.POST.copy()
        values["base_version"] = paragraph.version
        form = ReviewForm(values)
        form.is_valid()
    ctx = _paragraph_ctx(request, paragraph, form, **extra)
    return render_page(request, PARAGRAPH, "thread", ctx, status=status)


@login
@require_http_methods(["GET", "HEAD", "POST"])
def review_edit(request, pk: int):
    item = access_review(request.user, pk, own=True)
    initial = {"stance": item.stance, "suggested_text": item.suggested_text, "body": item.body}
    form = ReviewEditForm(request.POST or None, initial=initial)
    status, refusal = 200, ""
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                review.review_update(review=item, by=request.user, **form.cleaned_data)
            except Refusal as refused:
                status, refusal = refused.status, refused.message
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Your review was changed."))
                return redirect(_paragraph_url(item.paragraph) + f"#review-{item.pk}")
    ctx = {"item": item, "paragraph": item.paragraph, "form": form, "refusal": refusal}
    return render(request, EDIT, ctx, status=status)


def _back(request, item, status=200, refusal=""):
    if status == 200:
        return redirect(_paragraph_url(item.paragraph) + "#reviews")
    ctx = _paragraph_ctx(
        request, item.paragraph, ReviewForm(paragraph=item.paragraph), refusal=refusal
    )
    return render_page(request, PARAGRAPH, "thread", ctx, status=status)


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
def review_hide(request, pk: int):
    item = access_review(request.user, pk, staff=True)
    form = HideForm(request.POST)
    if not form.is_valid():
        return _back(request, item, 422, _("Give a reason for hiding this comment."))
    review.review_hide(review=item, by=request.user, reason=form.cleaned_data["reason"])
    return _back(request, item)


@secretariat_required
@require_POST
def suggestion_dispose(request, pk: int):
    item = access_review(request.user, pk, staff=True)
    form = DisposeForm(request.POST)
    if form.is_valid():
        try:
            review.suggestion_dispose(review=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The disposition was saved."))
            return _back(request, item)
    message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return _back(request, item, 422, message)
