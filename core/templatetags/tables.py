"""The frame every data table on the site shares: the scroll box, the table with its hidden
caption, and the sentence shown instead when there are no rows; and a row of column headings.

    {% datatable rows caption=_("…") empty=_("No … yet.") class="history" %}
      <thead><tr>{% column_heads _("When") _("Who") %}</tr></thead>
      <tbody>{% for row in rows %}…{% endfor %}</tbody>
    {% enddatatable %}
"""

from django import template
from django.template.base import token_kwargs
from django.utils.html import format_html, format_html_join

register = template.Library()


class DataTableNode(template.Node):
    def __init__(self, rows, options, nodelist):
        self.rows, self.options, self.nodelist = rows, options, nodelist

    def render(self, context):
        options = {key: value.resolve(context) for key, value in self.options.items()}
        if not self.rows.resolve(context):
            return format_html("<p>{}</p>", options.get("empty", ""))
        css = format_html(' class="{}"', options["class"]) if options.get("class") else ""
        return format_html(
            '<div class="table-scroll">\n<table{}>\n'
            '<caption class="visually-hidden">{}</caption>\n{}</table>\n</div>',
            css,
            options.get("caption", ""),
            self.nodelist.render(context),
        )


@register.tag
def datatable(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("datatable needs the rows it shows")
    rows = parser.compile_filter(bits[1])
    options = token_kwargs(bits[2:], parser)
    if len(options) != len(bits) - 2:
        raise template.TemplateSyntaxError("datatable takes rows, then name=value options")
    nodelist = parser.parse(("enddatatable",))
    parser.delete_first_token()
    return DataTableNode(rows, options, nodelist)


@register.simple_tag
def column_heads(*labels) -> str:
    """`<th scope="col">` cells, one a label."""
    return format_html_join("", '<th scope="col">{}</th>', ((label,) for label in labels))
