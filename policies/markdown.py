"""Members' comments in a small Markdown subset, rendered to sanitised HTML.

markdown-it-py turns paragraphs, lists, emphasis and links into HTML with raw HTML switched
off; nh3 then keeps only the tags we allow, drops any URL scheme but http, https and mailto,
and marks every link rel="nofollow noopener". Two layers, because either alone has a history
of bypasses.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "em", "strong", "a", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_md = (
    MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    # Headings, images, code blocks, quotes and rules are beyond what a comment needs.
    .disable(
        [
            "heading",
            "lheading",
            "image",
            "code",
            "fence",
            "blockquote",
            "hr",
            "html_block",
            "html_inline",
            "reference",
        ]
    )
)


def render_markdown(text: str) -> SafeString:
    """The comment body as safe HTML (paragraphs, lists, emphasis, links)."""
    html = _md.render(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
