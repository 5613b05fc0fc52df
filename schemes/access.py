"""Scheme lookups with permission: schemes are public reference data, so only existence matters."""

from django.http import Http404

from schemes.models import Scheme


def access_scheme(user, slug: str) -> Scheme:
    """Anyone may read any scheme; a missing slug answers 404. Changing a scheme goes through
    the admin site (admins only), never through these pages."""
    scheme = Scheme.objects.filter(slug=slug).prefetch_related("amounts").first()
    if scheme is None:
        raise Http404
    return scheme
