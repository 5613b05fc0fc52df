"""Sections of other apps' pages that show policies data, owned here so the arrows between apps
point one way (committee and schemes never import policies):

    {% load policies_sections %}
    {% scheme_citations scheme as citations %}     (a scheme page's "cited by questions")
"""

from django import template

from policies.evidence import scheme_citations as citations_of_scheme

register = template.Library()


@register.simple_tag(takes_context=True)
def scheme_citations(context, scheme) -> list:
    """The questions and comments citing the scheme that the reader may see."""
    return citations_of_scheme(context["request"].user, scheme)
