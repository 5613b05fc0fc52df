"""The secretariat drafts an edition on the site: sections and paragraphs, inline (HTMX) or as
plain forms; moves with buttons; stale edits refused with the other version shown."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from accounts.decorators import secretariat_required
from core.htmx import render_page
from reports import services
from reports.access import access_edition, access_paragraph, access_section
from reports.forms import ParagraphForm, SectionForm
from reports.views.pages import DETAIL, detail_context, form_errors, form_save


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
        status = extra.get("status", 200)
        response = render_page(request, DETAIL, ctx, partial="outline", status=status)
        return reswap(retarget(response, "#outline"), "outerHTML")
    if notice:
        messages.success(request, notice)
    url = reverse("reports:edition-detail", args=[edition.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _typed(form) -> dict:
    """The item's fields as the editor typed them (the loaded version travels apart)."""
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


def _saved(request, kind: str, obj, notice: str):
    """The outline after an add or a save, with focus on the item's title."""
    focus = (f"{kind}-{obj.pk}-title", "item")
    return outline_response(
        request, obj.edition, notice=notice, focus=focus, anchor=f"{kind}-{obj.pk}"
    )


@dataclass(frozen=True)
class OutlineItem:
    """What differs between a heading and a paragraph when it is edited, moved or deleted. The
    services take the item under its kind's name (`section=` or `paragraph=`)."""

    lookup: Callable
    form_class: type
    fields: tuple[str, ...]
    update: Callable
    move: Callable
    delete: Callable
    deleted: str


# The URLconf names the kind; the edit page is templates/reports/<kind>_form.html.
ITEMS = {
    "section": OutlineItem(
        access_section,
        SectionForm,
        ("title", "level"),
        services.section_update,
        services.section_move,
        services.section_delete,
        gettext_lazy("The heading was deleted."),
    ),
    "paragraph": OutlineItem(
        access_paragraph,
        ParagraphForm,
        ("body",),
        services.paragraph_update,
        services.paragraph_move,
        services.paragraph_delete,
        gettext_lazy("The paragraph was deleted."),
    ),
}


def _create(request, edition, form, *, kind: str, create, notice: str, refused: dict):
    """An add from the outline: saved → the outline with focus on the new item; refused → 422
    with the form (named in `refused`) back in the outline."""
    if form.is_valid():
        obj = form_save(form, create, by=request.user, **_typed(form))
        if obj is not None:
            return _saved(request, kind, obj, notice)
    # The add forms sit in #outline and inherit its hx-target: HTMX gets the outline alone.
    ctx = detail_context(request, edition, **refused)
    return render_page(request, DETAIL, ctx, partial="outline", status=422)


@secretariat_required
@require_POST
def section_create(request, pk: int):
    edition = _editable_edition(request, pk)
    form = SectionForm(request.POST, auto_id="new-section-%s")
    create = partial(services.section_create, edition=edition)
    notice = _("The heading was added.")
    refused = {"section_form": form}
    return _create(
        request, edition, form, kind="section", create=create, notice=notice, refused=refused
    )


@secretariat_required
@require_POST
def paragraph_create(request, pk: int):
    section = _editable(request, access_section, pk)
    form = ParagraphForm(request.POST, auto_id=f"new-para-{section.pk}-%s")
    return _create(
        request,
        section.edition,
        form,
        kind="paragraph",
        create=partial(services.paragraph_create, section=section),
        notice=_("The paragraph was added."),
        refused={"para_form": form, "para_form_section": section.pk},
    )


def _stale_form(request, form_class, auto_id, current):
    """What the editor typed, rebased on the version someone else saved, with the notice."""
    rebased = request.POST.copy()
    rebased["version"] = str(current.version)
    form = form_class(rebased, auto_id=auto_id)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Someone else saved this while you were editing. Your text was not saved. "
            "Their version is shown; save again to replace it with yours."
        ),
    )
    return form


@secretariat_required
@require_http_methods(["GET", "POST"])
def item_edit(request, kind: str, pk: int):
    """GET the form, or POST it: saved → outline; stale → 409 with the saved version shown and
    what the editor typed kept; invalid → 422."""
    item = ITEMS[kind]
    obj = _editable(request, item.lookup, pk)
    # Not "{kind}-{pk}-%s": a heading's title field would take the heading's own id.
    auto_id = f"edit-{kind}-{obj.pk}-%s"
    stale, status = None, 200
    if request.method == "POST":
        form = item.form_class(request.POST, auto_id=auto_id)
        status = 422
        if form.is_valid():
            version = form.cleaned_data["version"] or 0
            try:
                item.update(**{kind: obj}, by=request.user, version=version, **_typed(form))
            except services.StaleEdit as e:
                if e.current is None:
                    raise Http404 from None
                stale, status = e.current, 409
                form = _stale_form(request, item.form_class, auto_id, stale)
            except ValidationError as error:
                form_errors(form, error)
            else:
                return _saved(request, kind, obj, _("Saved."))
    else:
        initial = {name: getattr(obj, name) for name in item.fields}
        form = item.form_class(auto_id=auto_id, initial={**initial, "version": obj.version})
    ctx = {"form": form, kind: obj, "edition": obj.edition, "stale": stale}
    template = f"reports/{kind}_form.html"
    return render_page(request, template, ctx, partial=f"{kind}-form", status=status)


@secretariat_required
@require_POST
def item_move(request, kind: str, pk: int, direction: str):
    item = ITEMS[kind]
    obj = _editable(request, item.lookup, pk)
    if direction not in ("up", "down"):
        raise Http404
    item.move(**{kind: obj}, direction=direction, by=request.user)
    return outline_response(
        request,
        obj.edition,
        focus=(f"{kind}-move-{direction}-{obj.pk}", direction),
        anchor=f"{kind}-{obj.pk}",
    )


@secretariat_required
@require_POST
def item_delete(request, kind: str, pk: int):
    item = ITEMS[kind]
    obj = _editable(request, item.lookup, pk)
    item.delete(**{kind: obj}, by=request.user)
    return outline_response(request, obj.edition, notice=str(item.deleted), focus=(None, "list"))
