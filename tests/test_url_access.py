"""Every URL pattern's view declares an access rule (accounts.decorators); none is left implicit."""

from django.urls import URLPattern, URLResolver, get_resolver


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _rule(callback):
    view = getattr(callback, "view_class", None) and callback
    return getattr(callback, "access_rule", None) or getattr(view, "access_rule", None)


def test_every_view_declares_an_access_rule():
    undeclared = []
    for route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue  # the admin site checks is_staff and permissions itself
        if not _rule(pattern.callback):
            undeclared.append(f"{route} -> {pattern.lookup_str}")
    assert not undeclared, "Views without a declared access rule:\n" + "\n".join(undeclared)


def test_public_views_are_exempt_from_login_and_others_are_not():
    for route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue
        rule = _rule(pattern.callback)
        exempt = getattr(pattern.callback, "login_required", True) is False
        assert exempt == (rule == "public"), f"{route}: rule {rule!r} but login exemption {exempt}"
