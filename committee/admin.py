"""Admin for meetings and their parts, for repairs; day-to-day edits go through the meeting pages.

Every save and delete here (change forms, inlines, the "delete selected" action) goes through
committee.services.admin_save / admin_delete, so it is in the meeting's change history like an
edit on the meeting pages and moves the object's version. The forms carry the version they
were opened with, and a save over someone else's newer save is refused, not applied silently.
Agenda positions are read-only here (the meeting page reorders them); the change log is
read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from committee import services
from committee.models import (
    AgendaItem,
    ChangeLog,
    Hearing,
    Material,
    MaterialVersion,
    Meeting,
    Minutes,
)
from committee.services.history import STALE
from core.admin import ReadOnlyAdmin
from core.text import TextGuardMixin


class VersionedAdminForm(TextGuardMixin, forms.ModelForm):
    """Carries the version the form was opened with (hidden), to refuse a stale save."""

    seen_version = forms.IntegerField(label=_("version"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        # A friendly early check, with what the admin typed kept; admin_save checks again
        # under the row lock.
        if self.instance.pk is not None and self.has_changed():
            current = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current != cleaned.get("seen_version"):
                raise forms.ValidationError(STALE, code="stale")
        return cleaned


def _seen_version(form):
    return getattr(form, "cleaned_data", {}).get("seen_version")


class LoggedSavesMixin:
    """Saves and deletes of the object and of its inlines through the logging services."""

    form = VersionedAdminForm
    saves_version = True  # services.admin_save checks and moves it (core.admin_guard)

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return  # "Save" without changes: no version bump, no empty history entry
        version = _seen_version(form) if change else None
        services.admin_save(obj=obj, by=request.user, version=version)

    def delete_model(self, request, obj):
        services.admin_delete(obj=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        # One by one so each object is logged (and an agenda renumbered); all or nothing.
        with transaction.atomic():
            for obj in queryset:
                services.admin_delete(obj=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)  # fills new_objects, changed_objects, deleted_objects
        seen = {f.instance.pk: _seen_version(f) for f in formset.initial_forms}
        # Changes first, checked against the versions the admin saw; then deletes (which
        # renumber the agenda and so move other items' versions); new rows last, so a new
        # agenda item takes the position after the remaining ones.
        for obj, _fields in formset.changed_objects:
            services.admin_save(obj=obj, by=request.user, version=seen.get(obj.pk))
        for obj in formset.deleted_objects:
            services.admin_delete(obj=obj, by=request.user)
        for obj in formset.new_objects:
            services.admin_save(obj=obj, by=request.user)
        formset.save_m2m()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Someone saved between the form check and the row lock: the admin's transaction has
        # rolled back; say so rather than fail with a server error.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.StaleEdit as stale:
            self.message_user(request, stale.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    form = VersionedAdminForm
    extra = 0
    fields = ["position", "title", "is_published", "seen_version"]
    readonly_fields = ["position"]


class MaterialAdminForm(VersionedAdminForm):
    def clean_number(self):
        # Normalised before the uniqueness check, as on the meeting page (資料１ is 資料1).
        return services.normalize_number(self.cleaned_data["number"])


class MaterialInline(admin.TabularInline):
    model = Material
    form = MaterialAdminForm
    extra = 0
    fields = ["number", "title", "is_published", "seen_version"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(LoggedSavesMixin, admin.ModelAdmin):
    list_display = [
        "number",
        "title",
        "starts_at",
        "period_start",
        "period_end",
        "status",
        "is_published",
    ]
    list_filter = ["status", "is_published"]
    search_fields = ["title"]
    inlines = [AgendaItemInline, MaterialInline]


class HearingInline(admin.TabularInline):
    model = Hearing
    form = VersionedAdminForm
    extra = 0
    exclude = ["created_by"]


@admin.register(AgendaItem)
class AgendaItemAdmin(LoggedSavesMixin, admin.ModelAdmin):
    list_display = ["title", "meeting", "position", "is_published"]
    list_filter = ["meeting"]
    search_fields = ["title"]
    inlines = [HearingInline]

    def get_readonly_fields(self, request, obj=None):
        # Positions are 1..n per meeting: a new item goes last, moves are on the meeting page,
        # and an item does not change meetings.
        return ["position"] if obj is None else ["meeting", "position"]


@admin.register(Hearing)
class HearingAdmin(LoggedSavesMixin, admin.ModelAdmin):
    list_display = ["speaker", "affiliation", "agenda_item", "is_published"]
    search_fields = ["speaker", "affiliation", "topic"]


class MaterialVersionInline(admin.TabularInline):
    model = MaterialVersion
    fields = ["original_name", "size", "content_type", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Material)
class MaterialAdmin(LoggedSavesMixin, admin.ModelAdmin):
    form = MaterialAdminForm
    list_display = ["number", "title", "meeting", "is_published"]
    list_filter = ["meeting", "is_published"]
    search_fields = ["number", "title"]
    inlines = [MaterialVersionInline]

    def get_readonly_fields(self, request, obj=None):
        # Its files are stored under its meeting; a material does not change meetings.
        return [] if obj is None else ["meeting"]


@admin.register(Minutes)
class MinutesAdmin(LoggedSavesMixin, admin.ModelAdmin):
    list_display = ["meeting", "is_published", "published_at", "updated_at"]
    exclude = ["updated_by"]  # set to the admin who saves

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["meeting"]


@admin.register(ChangeLog)
class ChangeLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "model_name", "object_repr", "meeting"]
    list_filter = ["action", "model_name"]
    search_fields = ["object_repr"]
    readonly_fields = [f.name for f in ChangeLog._meta.fields]
