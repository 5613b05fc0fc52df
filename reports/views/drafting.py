"""The secretariat drafts an edition on the site: sections and paragraphs, inline (HTMX) or as
plain forms; moves with buttons; stale edits refused with the other version shown."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from accounts.decorators import secretariat_required
from reports import services
from reports.access import access_edition, access_paragraph, access_section
from reports.forms import ParagraphForm, SectionForm
from reports.views.pages import DETAIL, detail_context, form_errors

PARAGRAPH_FORM = "reports/paragraph_form.html"
SECTION_FORM = "reports/section_form.html"


def _drafting(edition) -> None:
    # A published edition is the record: it is not edited in place (make the next edition).
    if edition.status == edition.Status.PUBLISHED:
        raise Http404


def _editable_edition(request, pk):
    edition = access_edition(request.user, pk, for_write=True)
    _drafting(edition)
    return edition


def _editable(request, lookup, pk):
    obj = lookup(request.user, pk, for_write=True)
    _drafting(obj.edition)
    return obj


def outline_response(request, edition, *, notice="", focus=(None, None), anchor="", **extra):
    """HTMX: the refreshed outline with focus on `focus` = (dom id, kind) and the notice in a
    live region; without JavaScript: back to the edition page at the anchor."""
    if request.htmx:
        ctx = detail_context(
            request, edition, notice=notice, focus_id=focus[0], focus_dir=focus[1], **extra
        )
        response = render(request, DETAIL + "#outline", ctx, status=extra.get("status", 200))
        return reswap(retarget(response, "#outline"), "outerHTML")
    if notice:
        messages.success(request, notice)
    url = reverse("reports:edition-detail", args=[edition.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


# --- Sections --------------------------------------------------------------------------


@secretariat_required
@require_POST
def section_create(request, pk: int):
    edition = _editable_edition(request, pk)
    form = SectionForm(request.POST, auto_id="new-section-%s")
    if form.is_valid():
        try:
            section = services.section_create(
                edition=edition,
                title=form.cleaned_data["title"],
                level=form.cleaned_data["level"],
                by=request.user,
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return outline_response(
                request,
                edition,
                notice=_("The heading was added."),
                focus=(f"section-{section.pk}-title", "item"),
                anchor=f"section-{section.pk}",
            )
    if request.htmx:
        return outline_response(request, edition, section_form=form, status=422)
    return render(request, DETAIL, detail_context(request, edition, section_form=form), status=422)


def _edit(request, obj, *, form_class, template, partial, save, ctx_name, initial):
    """GET the form, or POST it: saved → outline; stale → 409 with the saved version shown and
    what the editor typed kept; invalid → 422."""
    auto_id = f"{ctx_name}-{obj.pk}-%s"
    stale, status = None, 200
    if request.method == "POST":
        form = form_class(request.POST, auto_id=auto_id)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                save(version=form.cleaned_data["version"] or 0, **data)
            except services.StaleEdit as e:
                if e.current is None:
                    raise Http404 from None
                stale, status = e.current, 409
                rebased = request.POST.copy()
                rebased["version"] = str(stale.version)
                form = form_class(rebased, auto_id=auto_id)
                form.is_valid()
                form.add_error(
                    None,
                    _(
                        "Someone else saved this while you were editing. Your text was not saved. "
                        "Their version is shown; save again to replace it with yours."
                    ),
                )
            except ValidationError as error:
                form_errors(form, error)
                status = 422
            else:
                return outline_response(
                    request,
                    obj.edition,
                    notice=_("Saved."),
                    focus=(f"{ctx_name}-{obj.pk}-title", "item"),
                    anchor=f"{ctx_name}-{obj.pk}",
                )
        else:
            status = 422
    else:
        form = form_class(auto_id=auto_id, initial={**initial, "version": obj.version})
    ctx = {"form": form, ctx_name: obj, "edition": obj.edition, "stale": stale}
    if request.htmx:
        return render(request, f"{template}#{partial}", ctx, status=status)
    return render(request, template, ctx, status=status)


@secretariat_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk: int):
    section = _editable(request, access_section, pk)

    def save(**values):
        services.section_update(section=section, by=request.user, **values)

    return _edit(
        request,
        section,
        form_class=SectionForm,
        template=SECTION_FORM,
        partial="section-form",
        save=save,
        ctx_name="section",
        initial={"title": section.title, "level": section.level},
    )


@secretariat_required
@require_POST
def section_move(request, pk: int, direction: str):
    section = _editable(request, access_section, pk)
    if direction not in ("up", "down"):
        raise Http404
    services.section_move(section=section, direction=direction, by=request.user)
    return outline_response(
        request,
        section.edition,
        focus=(f"section-move-{direction}-{section.pk}", direction),
        anchor=f"section-{section.pk}",
    )


@secretariat_required
@require_POST
def section_delete(request, pk: int):
    section = _editable(request, access_section, pk)
    services.section_delete(section=section, by=request.user)
    return outline_response(
        request, section.edition, notice=_("The heading was deleted."), focus=(None, "list")
    )


# --- Paragraphs ------------------------------------------------------------------------


@secretariat_required
@require_POST
def paragraph_create(request, pk: int):
    section = _editable(request, access_section, pk)
    form = ParagraphForm(request.POST, auto_id=f"new-para-{section.pk}-%s")
    if form.is_valid():
        try:
            paragraph = services.paragraph_create(
                section=section, body=form.cleaned_data["body"], by=request.user
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return outline_response(
                request,
                section.edition,
                notice=_("The paragraph was added."),
                focus=(f"paragraph-{paragraph.pk}-title", "item"),
                anchor=f"paragraph-{paragraph.pk}",
            )
    extra = {"para_form": form, "para_form_section": section.pk}
    if request.htmx:
        return outline_response(request, section.edition, status=422, **extra)
    return render(request, DETAIL, detail_context(request, section.edition, **extra), status=422)


@secretariat_required
@require_http_methods(["GET", "POST"])
def paragraph_edit(request, pk: int):
    paragraph = _editable(request, access_paragraph, pk)

    def save(**values):
        services.paragraph_update(paragraph=paragraph, by=request.user, **values)

    return _edit(
        request,
        paragraph,
        form_class=ParagraphForm,
        template=PARAGRAPH_FORM,
        partial="paragraph-form",
        save=save,
        ctx_name="paragraph",
        initial={"body": paragraph.body},
    )


@secretariat_required
@require_POST
def paragraph_move(request, pk: int, direction: str):
    paragraph = _editable(request, access_paragraph, pk)
    if direction not in ("up", "down"):
        raise Http404
    services.paragraph_move(paragraph=paragraph, direction=direction, by=request.user)
    return outline_response(
        request,
        paragraph.edition,
        focus=(f"paragraph-move-{direction}-{paragraph.pk}", direction),
        anchor=f"paragraph-{paragraph.pk}",
    )


@secretariat_required
@require_POST
def paragraph_delete(request, pk: int):
    paragraph = _editable(request, access_paragraph, pk)
    services.paragraph_delete(paragraph=paragraph, by=request.user)
    return outline_response(
        request, paragraph.edition, notice=_("The paragraph was deleted."), focus=(None, "list")
    )
