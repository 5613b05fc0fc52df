"""A paragraph's questions and source comments (the picker), and a comment's disposition."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import secretariat_required
from core.htmx import render_page
from policies.access import access_comment, visible_questions
from reports import selectors, services
from reports.access import access_edition, access_paragraph
from reports.forms import DispositionForm, LinkForm, QuestionsForm
from reports.models import Disposition
from reports.views.drafting import _drafting
from reports.views.pages import form_errors

PICKER = "reports/paragraph_links.html"


def _paragraph(request, pk):
    paragraph = access_paragraph(request.user, pk, for_write=True)
    _drafting(paragraph.edition)
    return paragraph


def _labels(edition) -> dict:
    return {p.pk: p.label for s in selectors.edition_outline(edition) for p in s.paragraphs}


def _picker_context(request, paragraph, **extra) -> dict:
    query = (request.GET.get("q") or "")[:100]
    labels = _labels(paragraph.edition)
    paragraph.label = labels.get(paragraph.pk, "")
    linked = set(paragraph.comment_links.values_list("comment_id", flat=True))
    dispositions = {d.comment_id: d for d in Disposition.objects.filter(edition=paragraph.edition)}
    comments = selectors.picker_comments(request.user, paragraph, query)
    for c in comments:
        c.is_linked = c.pk in linked
        c.disposition = dispositions.get(c.pk)
    ctx = {
        "paragraph": paragraph,
        "edition": paragraph.edition,
        "query": query,
        "comments": comments,
        "questions_form": QuestionsForm(
            questions=visible_questions(request.user),
            initial={"questions": list(paragraph.questions.all())},
        ),
        "link_form": LinkForm(),
        "link_error_for": None,
    }
    ctx.update(extra)
    return ctx


@secretariat_required
@require_safe
def paragraph_links(request, pk: int):
    paragraph = _paragraph(request, pk)
    return render_page(request, PICKER, _picker_context(request, paragraph), partial="picker-list")


@secretariat_required
@require_POST
def paragraph_questions(request, pk: int):
    paragraph = _paragraph(request, pk)
    form = QuestionsForm(request.POST, questions=visible_questions(request.user))
    if form.is_valid():
        try:
            services.paragraph_questions_set(
                paragraph=paragraph, questions=form.cleaned_data["questions"], by=request.user
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The questions were saved."))
            return redirect("reports:paragraph-links", paragraph.pk)
    ctx = _picker_context(request, paragraph, questions_form=form)
    return render(request, PICKER, ctx, status=422)


@secretariat_required
@require_POST
def paragraph_link(request, pk: int):
    paragraph = _paragraph(request, pk)
    form = LinkForm(request.POST)
    comment_pk = request.POST.get("comment")
    if form.is_valid():
        try:
            # access_comment: a comment the user cannot see is refused like a missing one.
            comment = access_comment(request.user, form.cleaned_data["comment"])
            services.paragraph_link_comment(
                paragraph=paragraph,
                comment=comment,
                kind=form.cleaned_data["kind"],
                reasoning=form.cleaned_data["reasoning"],
                by=request.user,
            )
        except Http404:
            form.add_error(None, _("This comment cannot be linked."))
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The comment was linked."))
            url = reverse("reports:paragraph-links", args=[paragraph.pk])
            if request.htmx:
                ctx = _picker_context(request, paragraph, notice=_("The comment was linked."))
                return render_page(request, PICKER, ctx, partial="picker-list")
            return redirect(f"{url}#pick-{comment_pk}")
    ctx = _picker_context(request, paragraph, link_form=form, link_error_for=comment_pk)
    return render_page(request, PICKER, ctx, partial="picker-list", status=422)


@secretariat_required
@require_POST
def paragraph_unlink(request, pk: int, comment_pk: int):
    paragraph = _paragraph(request, pk)
    comment = access_comment(request.user, comment_pk)
    services.paragraph_unlink_comment(paragraph=paragraph, comment=comment, by=request.user)
    messages.success(request, _("The comment was unlinked."))
    return redirect("reports:paragraph-links", paragraph.pk)


@secretariat_required
@require_http_methods(["GET", "POST"])
def disposition_edit(request, pk: int, comment_pk: int):
    edition = access_edition(request.user, pk, for_write=True)
    _drafting(edition)
    comment = access_comment(request.user, comment_pk)
    current = Disposition.objects.filter(edition=edition, comment=comment).first()
    labels = _labels(edition)
    stale, status = None, 200
    if request.method == "POST":
        form = DispositionForm(request.POST, edition=edition, labels=labels)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.disposition_set(edition=edition, comment=comment, by=request.user, **data)
            except services.StaleEdit as e:
                stale, status = e.current, 409
                form.add_error(None, _("Someone else saved this disposition meanwhile."))
            except ValidationError as error:
                form_errors(form, error)
                status = 422
            else:
                messages.success(request, _("The disposition was saved."))
                return redirect(reverse("reports:edition-detail", args=[edition.pk]) + "#coverage")
        else:
            status = 422
    else:
        initial = {"version": current.version if current else 0}
        if current:
            initial.update(
                kind=current.kind,
                paragraph=current.paragraph_id,
                reasoning=current.reasoning,
                answer_material=current.answer_material_id,
            )
        form = DispositionForm(initial=initial, edition=edition, labels=labels)
    ctx = {
        "edition": edition,
        "comment": comment,
        "current": current,
        "form": form,
        "stale": stale,
    }
    return render(request, "reports/disposition_form.html", ctx, status=status)
