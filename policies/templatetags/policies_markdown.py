"""`{{ comment.body|markdown }}`: the comment subset of Markdown, sanitised."""

from django import template

from policies.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)
