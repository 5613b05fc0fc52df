"""`{{ comment.body|markdown }}`: the comment subset of Markdown, sanitised."""

import hashlib

from django import template
from django.utils.safestring import mark_safe

from core.fragments import template_stamp
from policies.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)


@register.filter(name="comment_html")
def comment_html(comment):
    """The comment's stored rendering (sanitised by render_markdown when written), or a fresh
    one for rows written without it (imports, old rows)."""
    if comment.body_html:
        return mark_safe(comment.body_html)  # noqa: S308 - produced by render_markdown
    return render_markdown(comment.body)


@register.filter(name="comment_fragment_key")
def comment_fragment_key(comment) -> str:
    """Everything the cached comment fragment shows, so any change renders it afresh: the
    text (edits set edited_at), moderation and deletion, the author's name and the citation."""
    evidence = comment.cited_evidence if comment.cited_evidence_id else None
    return "|".join(
        str(part)
        for part in (
            template_stamp("policies/question_detail.html"),
            comment.pk,
            comment.parent_id,
            comment.question_id,
            comment.created_at.isoformat(),
            comment.edited_at.isoformat() if comment.edited_at else "",
            comment.deleted_at.isoformat() if comment.deleted_at else "",
            comment.is_hidden,
            comment.hidden_reason,
            comment.stance,
            comment.visibility,
            comment.author_id,
            comment.author,
            comment.cited_evidence_id or "",
            evidence.title if evidence else "",
            hashlib.md5(
                (comment.body_html or comment.body).encode(), usedforsecurity=False
            ).hexdigest(),
        )
    )
