"""Materials (資料): upload, edit, delete (secretariat) and download (whoever may see them)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import public, secretariat_required
from committee import selectors, services
from committee.access import access_material, access_material_file, access_meeting
from committee.forms import MATERIAL_DESCRIPTION, MaterialForm, material_description
from committee.stale import unsaved_form, versioned_save
from committee.views.common import initial, meeting_url


@secretariat_required
@require_http_methods(["GET", "POST"])
def material_create(request, pk: int):
    meeting = access_meeting(request.user, pk, for_write=True)
    suggestions = selectors.suggest_material_numbers(meeting)
    form = MaterialForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            material = services.material_create(
                meeting=meeting,
                **material_description(form),
                upload=form.cleaned_data["file"],
                content_type=form.content_type,
                by=request.user,
            )
        except ValidationError as error:  # the number was taken meanwhile
            form.add_error(None, error)
        else:
            messages.success(request, _("%(number)s was uploaded.") % {"number": material.number})
            return redirect(meeting_url(meeting, "materials-heading"))
    if not form.is_bound and suggestions:
        form.initial["number"] = suggestions[0]
    ctx = {"form": form, "meeting": meeting, "material": None, "suggestions": suggestions}
    return render(
        request, "committee/material_form.html", ctx, status=422 if form.is_bound else 200
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def material_edit(request, pk: int):
    material = access_material(request.user, pk, for_write=True)
    meeting = material.meeting
    if request.method == "POST":
        form = MaterialForm(request.POST, request.FILES, meeting=meeting, material=material)

        def save(*, version, number, title, is_published, file):
            services.material_update(
                material=material,
                version=version,
                number=number,
                title=title,
                is_published=is_published,
                upload=file,
                content_type=getattr(form, "content_type", ""),
                by=request.user,
            )

        result = versioned_save(form, save, fields=services.MATERIAL_FIELDS)
        if result.saved:
            messages.success(request, _("The material was saved."))
            return redirect(meeting_url(meeting, "materials-heading"))
    else:
        fields = list(MATERIAL_DESCRIPTION)
        result = unsaved_form(
            MaterialForm(meeting=meeting, material=material, initial=initial(material, fields))
        )
    ctx = {
        "form": result.form,
        "meeting": meeting,
        "material": material,
        "versions": material.versions.select_related("uploaded_by"),
        "result": result,
    }
    return render(request, "committee/material_form.html", ctx, status=result.status)


@secretariat_required
@require_POST
def material_delete(request, pk: int):
    material = access_material(request.user, pk, for_write=True)
    services.material_delete(material=material, by=request.user)
    messages.success(request, _("The material was deleted."))
    return redirect(meeting_url(material.meeting, "materials-heading"))


@public
@require_safe
def material_download(request, pk: int, version_pk: int | None = None):
    version = access_material_file(request.user, pk, version_pk)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
