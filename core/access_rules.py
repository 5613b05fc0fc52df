"""The access rules every view declares, as far as they need no roles: anyone (public) or any
signed-in user (login). accounts.decorators adds the role rules on top and re-exports these, so
core's own views (task progress) and its middlewares (privacy, public cache) read one rule."""

from django.contrib.auth.decorators import login_not_required

PUBLIC = "public"
LOGIN = "login"


def public(view):
    """Anyone, anonymous included; the view itself must filter to published content."""
    view = login_not_required(view)
    view.access_rule = PUBLIC
    return view


def login(view):
    """Any signed-in user (observer, member, secretariat, admin)."""
    view.access_rule = LOGIN
    return view
