"""{% oidc_login_button %}: the single sign-on button on the login page, only when configured."""

from django import template

from accounts.oidc import enabled

register = template.Library()


@register.inclusion_tag("accounts/includes/oidc_button.html", takes_context=True)
def oidc_login_button(context):
    return {"enabled": enabled(), "next": context.get("next", "")}
