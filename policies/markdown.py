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


def markdown_to_text(text: str) -> str:
    """The comment body as plain text, for spreadsheet cells and mail: the same parse as
    render_markdown, without the markers. Paragraphs are separated by a blank line, list items
    start with "・" (or "1."), a link reads "text (url)", emphasis and code marks are dropped."""
    out: list[str] = []
    lists: list[list] = []  # per open list: [ordered?, next number]
    prefix, gap = "", ""
    for token in _md.parse(text or ""):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            ordered = token.type == "ordered_list_open"
            lists.append([ordered, int(token.attrs.get("start", 1) or 1)])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            prefix = "  " * len(lists)
            gap = "\n\n" if not lists else gap
        elif token.type == "list_item_open" and lists:
            ordered, number = lists[-1]
            indent = "  " * (len(lists) - 1)
            prefix = f"{indent}{number}. " if ordered else f"{indent}・"
            lists[-1][1] = number + 1
        elif token.type == "inline":
            out.append((gap if out else "") + prefix + _inline_text(token.children or []))
            prefix = "  " * len(lists)
            # Lines of one list follow each other; anything else is its own paragraph.
            gap = "\n" if lists else "\n\n"
    return "".join(out)


def _inline_text(children) -> str:
    parts: list[str] = []
    hrefs: list[tuple[str, int]] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "link_open":
            hrefs.append((child.attrs.get("href", ""), len(parts)))
        elif child.type == "link_close" and hrefs:
            href, start = hrefs.pop()
            label = "".join(parts[start:])
            if href and href != label and href != f"mailto:{label}":
                parts.append(f" ({href})")
    return "".join(parts)
