"""Authorisation matrix of the policies app: questions, comments (own, someone else's, on an
unpublished or closed question), history and moderation, dashboard, evidence, the digest and
moderation list, the strategy pages and the site search."""

import uuid

import pytest

from committee.models import Material
from policies.models import Comment, Evidence, ModerationEvent
from tests.security.matrix import (
    LOGIN,
    OK,
    Row,
    cases,
    everyone,
    expect,
    run_case,
    signed_in,
    staff_only,
    staff_see,
)
from tests.security.world import MISSING

pytestmark = pytest.mark.django_db

GET_ON_POST_ONLY = expect(LOGIN, 403, 403, 403, 405, 405)
# role_required(SECRETARIAT, ADMIN, hide=True): existence of the history is private.
HIDDEN_STAFF = staff_only(200, refused=404)


def _comments(w):
    return sorted(
        Comment.objects.values_list("pk", "body", "stance", "deleted_at", "is_hidden", "question")
    )


def _new_comment(w):
    return {"body": "新しい意見 ZQPOSTED", "stance": "support", "idempotency_token": uuid.uuid4()}


def _edit(w):
    return {"body": "書き直した意見 ZQEDITED", "stance": "concern"}


def _moderation(w):
    return (
        sorted(Comment.objects.values_list("pk", "is_hidden", "hidden_reason")),
        ModerationEvent.objects.count(),
    )


QUESTION_SCOPES = {
    "published": lambda w: w.question.pk,
    "unpublished": lambda w: w.draft_question.pk,
    "missing": lambda w: MISSING,
}
# Comment scopes, seen from `member`: own, someone else's, own on an unpublished question,
# own on a closed question, hidden (own), nonexistent.
COMMENT_SCOPES = {
    "own": lambda w: w.own_comment.pk,
    "other's": lambda w: w.other_comment.pk,
    "other's, members only": lambda w: w.internal_comment.pk,
    "own, on unpublished question": lambda w: w.draft_comment.pk,
    "own, on closed question": lambda w: w.closed_own_comment.pk,
    "own, hidden": lambda w: w.hidden_comment.pk,
    "missing": lambda w: MISSING,
}


def _author_write(scope: str) -> dict:
    """Only the author writes a comment; anyone else gets the same 404 as a missing one
    (observers stop at the role check: 403)."""
    if scope == "missing":
        return expect(LOGIN, 403, 404, 404, 404, 404)
    if scope.startswith("own, on unpublished"):
        # The author can no longer see the question: 404 like any unknown comment.
        return expect(LOGIN, 403, 404, 404, 404, 404)
    if scope.startswith("own, on closed") or scope == "own, hidden":
        # The author's own, but the period is over or it was hidden: refused, told why.
        return expect(LOGIN, 403, 403, 404, 404, 404)
    if scope == "own":
        return expect(LOGIN, 403, OK, 404, 404, 404)
    return expect(LOGIN, 403, 404, OK, 404, 404)


ROWS = [
    Row("policies:question-list", "none", lambda w: "/questions/", everyone(200)),
    Row("policies:dashboard", "none", lambda w: "/questions/mine/", signed_in(200)),
    Row("strategy:index", "none", lambda w: "/strategy/", everyone(200)),
    Row("strategy:glossary", "none", lambda w: "/strategy/glossary/", everyone(200)),
    Row("search", "none", lambda w: "/search/", everyone(200)),
    # The Japanese head of every draft marker: drafts must not be found by those who may not
    # see them (run_case fails on any marker shown).
    Row("search", "drafts", lambda w: "/search/?q=未公開草案", everyone(200)),
    Row("search", "all kinds", lambda w: "/search/?q=公開&kind=comments", everyone(200)),
    Row("moderation:list", "none", lambda w: "/moderation/", staff_only(200)),
    Row("moderation:list", "hidden only", lambda w: "/moderation/?hidden=1", staff_only()),
    # The old addresses (before moderation left the digest: namespace) redirect, method kept.
    Row("digest:moderation-moved", "none", lambda w: "/digest/moderation/", everyone(308)),
    Row(
        "digest:moderate-moved",
        "own",
        lambda w: f"/digest/moderation/{w.own_comment.pk}/",
        everyone(308),
    ),
    # ?edit= opens the composer: someone else's comment or a missing one is 404, in the full
    # page and in the composer fragment (hx-target=composer). The polled list fragment (any
    # other target) builds no form and ignores ?edit=, so it answers 200 and shows no more
    # than the list anyone on the page already sees.
    Row(
        "policies:question-detail",
        "published, ?edit= own comment",
        lambda w: f"/questions/{w.question.pk}/?edit={w.own_comment.pk}",
        expect(200, 200, 200, 404, 404, 404),
        htmx_expect=everyone(200),
    ),
    Row(
        "policies:question-detail",
        "published, ?edit= own comment, composer fragment",
        lambda w: f"/questions/{w.question.pk}/?edit={w.own_comment.pk}",
        expect(200, 200, 200, 404, 404, 404),
        htmx_headers={"HTTP_HX_TARGET": "composer"},
    ),
    Row(
        "policies:question-detail",
        "published, ?reply_to= members-only comment",
        lambda w: f"/questions/{w.question.pk}/?reply_to={w.internal_comment.pk}",
        # Observers have no form, so reply_to is ignored for them.
        everyone(200),
        htmx_headers={"HTTP_HX_TARGET": "composer"},
    ),
    Row(
        "policies:question-detail",
        "published, ?reply_to= hidden comment, composer fragment",
        lambda w: f"/questions/{w.question.pk}/?reply_to={w.hidden_comment.pk}",
        expect(200, 200, 404, 404, 404, 404),
        htmx_headers={"HTTP_HX_TARGET": "composer"},
    ),
    Row(
        "policies:question-detail",
        "published, ?edit= missing comment",
        lambda w: f"/questions/{w.question.pk}/?edit={MISSING}",
        expect(200, 200, 404, 404, 404, 404),
        htmx_expect=everyone(200),
    ),
    Row(
        "policies:question-detail",
        "published, ?edit= missing comment, composer fragment",
        lambda w: f"/questions/{w.question.pk}/?edit={MISSING}",
        expect(200, 200, 404, 404, 404, 404),
        htmx_headers={"HTTP_HX_TARGET": "composer"},
    ),
    # The question is published, its agenda item (or the item's meeting) is not: the page
    # opens for everyone, but the draft item's title is the secretariat's alone, as on the
    # committee pages (committee.access.access_agenda_item: drafts 404 for members).
    Row(
        "policies:question-detail",
        "published question on an unpublished agenda item",
        lambda w: f"/questions/{w.question_on_draft_item.pk}/",
        everyone(200),
    ),
    Row(
        "policies:question-detail",
        "published question on an item of an unpublished meeting",
        lambda w: f"/questions/{w.question_on_draft_meeting.pk}/",
        everyone(200),
    ),
    Row(
        "policies:question-detail",
        "comments published (with hidden and deleted ones)",
        lambda w: f"/questions/{w.open_book_question.pk}/",
        everyone(200),
    ),
    Row(
        "policies:comment-history",
        "hidden, on a question whose comments are published",
        lambda w: f"/questions/comments/{w.published_hidden_comment.pk}/history/",
        HIDDEN_STAFF,
    ),
    Row(
        "policies:question-detail",
        "closed",
        lambda w: f"/questions/{w.closed_question.pk}/",
        everyone(200),
    ),
    Row(
        "policies:comment-create",
        "closed question",
        lambda w: f"/questions/{w.closed_question.pk}/comments/",
        expect(LOGIN, 403, 403, 403, 403, 403),
        method="POST",
        data=_new_comment,
        state=_comments,
    ),
    Row(
        "policies:comment-create",
        "question not yet open",
        lambda w: f"/questions/{w.future_question.pk}/comments/",
        expect(LOGIN, 403, 403, 403, 403, 403),
        method="POST",
        data=_new_comment,
        state=_comments,
    ),
    Row(
        "policies:comment-create",
        "published, reply to a hidden comment",
        lambda w: f"/questions/{w.question.pk}/comments/",
        expect(LOGIN, 403, 403, 403, 403, 403),
        method="POST",
        data=lambda w: {**_new_comment(w), "parent": str(w.hidden_comment.pk)},
        state=_comments,
    ),
    Row(
        "policies:comment-create",
        "published, reply to a deleted comment",
        lambda w: f"/questions/{w.question.pk}/comments/",
        expect(LOGIN, 403, 403, 403, 403, 403),
        method="POST",
        data=lambda w: {**_new_comment(w), "parent": str(w.deleted_comment.pk)},
        state=_comments,
    ),
    Row(
        "policies:comment-create",
        "published, reply to a comment on an unpublished question",
        lambda w: f"/questions/{w.question.pk}/comments/",
        # Members cannot see that comment (refused, 403 with the message); for the
        # secretariat it is a comment of another question: 404.
        expect(LOGIN, 403, 403, 403, 404, 404),
        method="POST",
        data=lambda w: {**_new_comment(w), "parent": str(w.draft_comment.pk)},
        state=_comments,
    ),
    Row(
        "policies:comment-create",
        "published, reply to members-only comment",
        lambda w: f"/questions/{w.question.pk}/comments/",
        expect(LOGIN, 403, OK, OK, OK, OK),
        method="POST",
        data=lambda w: {**_new_comment(w), "parent": str(w.internal_comment.pk)},
        state=_comments,
        changes=True,
    ),
    Row(
        "policies:comment-create",
        "published",
        lambda w: f"/questions/{w.question.pk}/comments/",
        # commenter_required: observers stop at the role check, commenters at the method.
        expect(LOGIN, 403, 405, 405, 405, 405),
    ),
]

for scope, pk in QUESTION_SCOPES.items():
    public = {
        "published": everyone(200),
        "unpublished": staff_see(200),
        "missing": everyone(404),
    }[scope]
    staff = staff_only(404) if scope == "missing" else staff_only(200)
    ROWS += [
        Row(
            "policies:question-detail",
            scope,
            lambda w, pk=pk: f"/questions/{pk(w)}/",
            public,
        ),
        Row(
            "policies:comment-create",
            scope,
            lambda w, pk=pk: f"/questions/{pk(w)}/comments/",
            {
                "published": expect(LOGIN, 403, OK, OK, OK, OK),
                "unpublished": expect(LOGIN, 403, 404, 404, OK, OK),
                "missing": expect(LOGIN, 403, 404, 404, 404, 404),
            }[scope],
            method="POST",
            data=_new_comment,
            state=_comments,
            changes=scope == "published",
        ),
        Row(
            "policies:evidence-manage",
            scope,
            lambda w, pk=pk: f"/questions/{pk(w)}/evidence/",
            staff,
        ),
        Row(
            "policies:evidence-manage",
            scope,
            lambda w, pk=pk: f"/questions/{pk(w)}/evidence/",
            staff_only(404) if scope == "missing" else staff_only(OK),
            method="POST",
            data={"target": "reference:world_researcher_flows", "note": "ZQ"},
            state=lambda w: Evidence.objects.count(),
            changes=scope != "missing",
        ),
        Row(
            "digest:question",
            scope,
            lambda w, pk=pk: f"/digest/questions/{pk(w)}/",
            staff,
        ),
    ]

for scope, pk in COMMENT_SCOPES.items():
    staff_any = staff_only(404, refused=404) if scope == "missing" else HIDDEN_STAFF
    ROWS += [
        Row(
            "policies:comment-update",
            scope,
            lambda w, pk=pk: f"/questions/comments/{pk(w)}/edit/",
            _author_write(scope),
            method="POST",
            data=_edit,
            state=_comments,
            changes=True,
        ),
        Row(
            "policies:comment-delete",
            scope,
            lambda w, pk=pk: f"/questions/comments/{pk(w)}/delete/",
            _author_write(scope),
            method="POST",
            state=_comments,
            changes=True,
        ),
        Row(
            "policies:comment-history",
            scope,
            lambda w, pk=pk: f"/questions/comments/{pk(w)}/history/",
            staff_any,
        ),
        Row(
            "policies:comment-moderate",
            scope,
            lambda w, pk=pk: f"/questions/comments/{pk(w)}/moderate/",
            staff_only(404, refused=404) if scope == "missing" else staff_only(OK, refused=404),
            method="POST",
            data={"action": "unhide"} if scope == "own, hidden" else {"reason": "ZQ 理由"},
            state=_moderation,
            changes=scope != "missing",
        ),
        Row(
            "moderation:moderate",
            scope,
            lambda w, pk=pk: f"/moderation/{pk(w)}/",
            staff_only(404) if scope == "missing" else staff_only(OK),
            method="POST",
            data={"action": "unhide"} if scope == "own, hidden" else {"reason": "ZQ 理由"},
            state=_moderation,
            changes=scope != "missing",
        ),
    ]

for name, action in (("comment-update", "edit"), ("comment-delete", "delete")):
    ROWS.append(
        Row(
            f"policies:{name}",
            "own",
            lambda w, action=action: f"/questions/comments/{w.own_comment.pk}/{action}/",
            expect(LOGIN, 403, 405, 405, 405, 405),
        )
    )
ROWS += [
    Row(
        "policies:comment-moderate",
        "own",
        lambda w: f"/questions/comments/{w.own_comment.pk}/moderate/",
        expect(LOGIN, 404, 404, 404, 405, 405),
    ),
    Row(
        "moderation:moderate",
        "own",
        lambda w: f"/moderation/{w.own_comment.pk}/",
        GET_ON_POST_ONLY,
    ),
]

EVIDENCE_SCOPES = {
    "published": lambda w: w.uncited_evidence.pk,
    "unpublished": lambda w: w.draft_evidence.pk,
    "missing": lambda w: MISSING,
}
for scope, pk in EVIDENCE_SCOPES.items():
    ROWS += [
        Row(
            "policies:evidence-detail",
            scope,
            lambda w, pk=pk: f"/questions/evidence/{pk(w)}/",
            {
                "published": everyone(200),
                "unpublished": staff_see(200),
                "missing": everyone(404),
            }[scope],
        ),
        Row(
            "policies:evidence-unlink",
            scope,
            lambda w, pk=pk: f"/questions/evidence/{pk(w)}/unlink/",
            staff_only(404) if scope == "missing" else staff_only(OK),
            method="POST",
            state=lambda w: Evidence.objects.count(),
            changes=scope != "missing",
        ),
    ]
ROWS.append(
    Row(
        "policies:evidence-detail",
        "published, cited by members-only and hidden comments",
        lambda w: f"/questions/evidence/{w.evidence.pk}/",
        everyone(200),
    )
)
ROWS.append(
    Row(
        "policies:evidence-unlink",
        "published, cited by comments",
        lambda w: f"/questions/evidence/{w.evidence.pk}/unlink/",
        # Refused while comments cite it: told why (409), nothing unlinked.
        staff_only(409),
        method="POST",
        state=lambda w: Evidence.objects.count(),
    )
)
ROWS.append(
    Row(
        "policies:evidence-unlink",
        "published",
        lambda w: f"/questions/evidence/{w.evidence.pk}/unlink/",
        GET_ON_POST_ONLY,
    )
)

DIGEST_VIEWS = (("meeting", ""), ("meeting-xlsx", "digest.xlsx"), ("meeting-csv", "digest.csv"))
DIGEST_SCOPES = {
    "published": lambda w: w.meeting.pk,
    "unpublished": lambda w: w.draft_meeting.pk,
    "missing": lambda w: MISSING,
}
for scope, pk in DIGEST_SCOPES.items():
    staff = staff_only(404) if scope == "missing" else staff_only(200)
    for name, suffix in DIGEST_VIEWS:
        ROWS.append(
            Row(
                f"digest:{name}",
                scope,
                lambda w, pk=pk, suffix=suffix: f"/digest/meetings/{pk(w)}/{suffix}",
                staff,
            )
        )
    ROWS.append(
        Row(
            "digest:meeting-attach",
            scope,
            lambda w, pk=pk: f"/digest/meetings/{pk(w)}/attach/",
            staff_only(404) if scope == "missing" else staff_only(OK),
            method="POST",
            data={"number": "資料9", "title": "意見集約 ZQ"},
            state=lambda w: Material.objects.count(),
            changes=scope != "missing",
        )
    )
ROWS.append(
    Row(
        "digest:meeting-attach",
        "published",
        lambda w: f"/digest/meetings/{w.meeting.pk}/attach/",
        GET_ON_POST_ONLY,
    )
)


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_policies_matrix(world, row, role):
    problems = run_case(world, row, role)
    assert not problems, "\n".join(problems)
