"""`{{ comment.body|markdown }}`: the comment subset of Markdown, sanitised."""

from django import template
from django.utils.safestring import mark_safe

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
