"""Single sign-on: the OpenID Connect backend (roles from a groups claim) and its views.

The provider says who someone is and which groups they are in; DJANGO_OIDC_ROLE_MAP says
which of those groups are which of our roles. Someone with no mapped role gets no access.
Tokens are checked by mozilla-django-oidc (signature, nonce, expiry) and here (audience and,
when known, issuer); any failure ends on one refusal page, never a 500.
"""

import functools
import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts import roles
from accounts.decorators import public
from accounts.oidc_settings import BACKEND
from audit import actions
from audit.services import audit_record

log = logging.getLogger(__name__)
ROLE_NAMES = (roles.MEMBER, roles.SECRETARIAT, roles.ADMIN, roles.OBSERVER)
NO_ROLE_FLAG = "oidc_no_role"
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
    "OIDC_OP_ISSUER": "issuer",
}


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False))


@functools.cache
def _discovery(url: str) -> dict:
    if not url.rstrip("/").endswith("/.well-known/openid-configuration"):
        url = url.rstrip("/") + "/.well-known/openid-configuration"
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    return response.json()


def op_setting(name: str, *default):
    """A provider setting: from the environment when given there, else from discovery."""
    value = getattr(settings, name, "")
    if not value and name in DISCOVERED and getattr(settings, "OIDC_OP_DISCOVERY", ""):
        value = _discovery(settings.OIDC_OP_DISCOVERY).get(DISCOVERED[name], "")
    if not value and default:
        return default[0]
    if not value and name not in DISCOVERED:
        from mozilla_django_oidc.utils import import_from_settings

        return import_from_settings(name, *default)
    return value


def mapped_roles(claims: dict) -> set[str]:
    """Our roles for the provider's groups claim (a list, or one string)."""
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    role_map = settings.OIDC_ROLE_MAP
    return {role_map[g] for g in groups if g in role_map and role_map[g] in ROLE_NAMES}


class RoleMappingBackend(OIDCAuthenticationBackend):
    """Users are matched by preferred_username (or sub); their roles follow the provider."""

    get_settings = staticmethod(op_setting)

    def authenticate(self, request, **kwargs):
        if request is not None and hasattr(request, "session"):
            request.session.pop(NO_ROLE_FLAG, None)
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as exc:
            log.warning("OIDC sign-in refused: %s", exc)
            return None

    def verify_token(self, token, **kwargs):
        try:
            payload = super().verify_token(token, **kwargs)
        except (jwt.InvalidTokenError, KeyError, ValueError) as exc:  # expired, malformed, no kid
            raise SuspiciousOperation(f"id_token refused: {exc}") from exc
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id_token audience is not this client")
        issuer = op_setting("OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("id_token issuer does not match")
        return payload

    def verify_claims(self, claims):
        if not self.get_username(claims):
            return False
        if not mapped_roles(claims):
            self.request.session[NO_ROLE_FLAG] = True
            self.request.oidc_refused = {"username": self.get_username(claims), "reason": "no role"}
            return False
        return True

    def get_username(self, claims):
        return (claims.get("preferred_username") or claims.get("sub") or "")[:150]

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=self.get_username(claims))

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(
            self.get_username(claims), email=claims.get("email", "")
        )
        user.set_unusable_password()  # signs in through the provider only
        user.save(update_fields=["password"])
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        """Name, e-mail and roles as the provider says now; a role change is audited."""
        user.display_name = (claims.get("name") or user.display_name)[:100]
        user.email = claims.get("email") or user.email
        user.save(update_fields=["display_name", "email"])
        before = sorted(user.groups.filter(name__in=ROLE_NAMES).values_list("name", flat=True))
        after = sorted(mapped_roles(claims))
        if before != after:
            user.groups.remove(*Group.objects.filter(name__in=set(before) - set(after)))
            user.groups.add(*[Group.objects.get_or_create(name=n)[0] for n in after])
            audit_record(
                actor=user,
                action=actions.ROLES_CHANGE,
                obj=user,
                before={"groups": before},
                after={"groups": after, "source": "oidc"},
                request=self.request,
            )
        return user


def signed_in_by_sso(request) -> bool:
    """Whether this session was opened through the provider (its logout must end the
    provider's session too), not with a local password."""
    return enabled() and request.session.get(BACKEND_SESSION_KEY) == BACKEND


def provider_logout_url(request) -> str:
    """Where the provider ends its own session, then sends the browser back to our home."""
    endpoint = op_setting("OIDC_OP_LOGOUT_ENDPOINT", "")
    home = request.build_absolute_uri(reverse("home"))
    if not endpoint:
        return home
    query = {"post_logout_redirect_uri": home, "client_id": settings.OIDC_RP_CLIENT_ID}
    id_token = request.session.get("oidc_id_token")
    if id_token:
        query["id_token_hint"] = id_token
    return f"{endpoint}?{urlencode(query)}"


def _only_when_enabled(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class _Init(oidc_views.OIDCAuthenticationRequestView):
    get_settings = staticmethod(op_setting)


class _Callback(oidc_views.OIDCAuthenticationCallbackView):
    get_settings = staticmethod(op_setting)

    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation as exc:  # e.g. a state that is not ours
            log.warning("OIDC callback refused: %s", exc)
            request.oidc_refused = {"reason": str(exc)[:200]}
            return self.login_failure()

    def login_failure(self):
        # Every failed SSO sign-in ends here, so it is recorded here, once: a refused token
        # raises before Django's user_login_failed, and the provider's own ?error= never
        # reaches authenticate (audit.receivers leaves OIDC callbacks to this place).
        refused = getattr(self.request, "oidc_refused", None) or {
            "reason": self.request.GET.get("error", "") or "refused"
        }
        audit_record(
            actor=None,
            action=actions.LOGIN_FAILED,
            after={"via": "oidc", **refused},
            request=self.request,
        )
        return super().login_failure()


class _Logout(oidc_views.OIDCLogoutView):
    get_settings = staticmethod(op_setting)


login = public(require_safe(_only_when_enabled(_Init.as_view())))
callback = public(require_safe(_only_when_enabled(_Callback.as_view())))
logout = public(require_POST(_only_when_enabled(_Logout.as_view())))


@public
@require_safe
def refused(request):
    """Where every failed SSO sign-in lands: no role for this person, or the sign-in failed."""
    no_role = request.session.pop(NO_ROLE_FLAG, False)
    template = "accounts/oidc_no_role.html" if no_role else "accounts/oidc_failed.html"
    return render(request, template, status=403)
