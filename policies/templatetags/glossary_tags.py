"""{% glossary_terms as terms %} once per page, then {{ text|glossarize:terms }}."""

from django import template

from policies import glossary

register = template.Library()


@register.simple_tag
def glossary_terms():
    return glossary.glossary_terms()


@register.filter
def glossarize(text, terms):
    return glossary.glossarize(text or "", terms or {})
