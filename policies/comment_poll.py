"""The ETag of the polled comment list: everything the reader may see there, so a poll that
finds nothing new is answered 304 Not Modified (core.http.conditional) without rendering."""

from django.conf import settings
from django.db.models.functions import MD5
from django.utils import timezone
from django.utils.translation import get_language

from accounts.roles import can_comment, can_see_internal, is_secretariat
from core.fragments import template_stamp
from core.http import etag_of, queryset_fingerprint
from dispatch_stats.citations import latest_import_id
from policies.models import Comment

# What the list shows of each comment (as comment_fragment_key does for its cached fragment).
COMMENT_LIST_STATE = [
    "id", "parent_id", "author_id", "author__display_name", "author__username", "stance",
    "visibility", "created_at", "activity_at", "edited_at", "deleted_at", "is_hidden",
    "hidden_reason", "cited_evidence_id", "cited_evidence__scheme_id", "cited_evidence__measure_id",
    "cited_evidence__reference_topic", "cited_evidence__note", "body_digest", "cited_point",
]  # fmt: skip


def comment_list_etag(request, question, list_params: dict, template: str) -> str:
    user = request.user
    comments = Comment.objects.filter(question=question).annotate(body_digest=MD5("body_html"))
    return etag_of(
        question.pk,
        queryset_fingerprint(comments, COMMENT_LIST_STATE),
        question.comments_published,
        # A cited data point shows "now Y after the import of <date>": an import changes it.
        latest_import_id(),
        question.is_open(),
        user.pk,
        can_comment(user),
        can_see_internal(user),
        is_secretariat(user),
        get_language(),
        timezone.get_current_timezone_name(),
        sorted(list_params.items()),
        template_stamp(template),
        # Own comments carry forms whose CSRF token is masked from the cookie's secret.
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
    )
