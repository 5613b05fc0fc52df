"""Admin for perspectives, questions and comments (the secretariat's back office)."""

from django.contrib import admin

from policies.models import Comment, CommentRevision, Evidence, Perspective, Question


@admin.register(Perspective)
class PerspectiveAdmin(admin.ModelAdmin):
    list_display = ["position", "label", "title", "comment_opens_at", "comment_closes_at"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "perspective",
        "agenda_item",
        "opens_at",
        "closes_at",
        "is_published",
        "comments_published",
    ]
    list_filter = ["perspective", "is_published", "comments_published"]
    list_select_related = ["perspective", "agenda_item"]


class CommentRevisionInline(admin.TabularInline):
    model = CommentRevision
    extra = 0
    can_delete = False
    readonly_fields = ["body", "stance", "written_at", "replaced_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    # Comments are written through the site, where the services check the period and rules.
    list_display = ["__str__", "question", "stance", "created_at", "is_hidden", "deleted_at"]
    list_filter = ["stance", "is_hidden", "visibility", "question__perspective"]
    list_select_related = ["author", "question__perspective"]
    search_fields = ["body", "author__username", "author__display_name"]
    readonly_fields = [
        "question",
        "author",
        "parent",
        "body",
        "stance",
        "created_at",
        "edited_at",
        "deleted_at",
        "is_hidden",
        "hidden_reason",
        "hidden_by",
        "hidden_at",
        "idempotency_token",
        "cited_evidence",
    ]
    # Moderation goes through the site's moderation page (services record who and when);
    # the admin may only switch a single comment's visibility.
    fields = [*readonly_fields[:5], "visibility", *readonly_fields[5:]]
    inlines = [CommentRevisionInline]

    def has_add_permission(self, request):
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    # Linked and unlinked on the site (policies:evidence-manage), where the services refuse
    # duplicates and unlinking cited items; the admin lists them for the record.
    list_display = ["question", "position", "title", "note", "created_at", "created_by"]
    list_filter = ["question__perspective"]
    list_select_related = ["question__perspective", "scheme", "measure", "created_by"]
    readonly_fields = [
        "question",
        "position",
        "series_direction",
        "series_term",
        "reference_topic",
        "scheme",
        "measure",
        "note",
        "created_at",
        "created_by",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
