"""Single sign-on (OpenID Connect) settings, read from the environment only.

No OIDC_RP_CLIENT_ID → SSO is off: no button, no backend, local login as before. Imported by
config/settings.py before the apps load, so this module uses nothing but the standard library.

    OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET      the client registered at the provider
    OIDC_OP_DISCOVERY                              issuer or its /.well-known URL (endpoints
                                                   are read from it at first use), or else:
    OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT,
    OIDC_OP_JWKS_ENDPOINT, OIDC_OP_LOGOUT_ENDPOINT (optional), OIDC_OP_ISSUER (optional)
    OIDC_RP_SIGN_ALGO (RS256), OIDC_RP_SCOPES ("openid email profile groups")
    DJANGO_OIDC_GROUPS_CLAIM ("groups")
    DJANGO_OIDC_ROLE_MAP   e.g. "committee-members=member,mext-secretariat=secretariat"
"""

import os

ENDPOINTS = (
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
    "OIDC_OP_LOGOUT_ENDPOINT",
    "OIDC_OP_ISSUER",
)


def parse_role_map(text: str) -> dict[str, str]:
    """ "a=member, b=secretariat" → {"a": "member", "b": "secretariat"}; blanks ignored."""
    mapping = {}
    for pair in text.split(","):
        group, sep, role = pair.partition("=")
        if sep and group.strip() and role.strip():
            mapping[group.strip()] = role.strip()
    return mapping


BACKEND = "accounts.oidc.RoleMappingBackend"


def oidc_settings(backends: list[str], environ=os.environ) -> dict:
    """The Django settings SSO needs (the backend added after `backends`, so axes still comes
    first); {"OIDC_ENABLED": False} when it is not configured."""
    client_id = environ.get("OIDC_RP_CLIENT_ID", "")
    if not client_id:
        return {"OIDC_ENABLED": False}
    values = {
        "OIDC_ENABLED": True,
        "AUTHENTICATION_BACKENDS": [*backends, BACKEND],
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": environ.get("OIDC_RP_CLIENT_SECRET", ""),
        "OIDC_OP_DISCOVERY": environ.get("OIDC_OP_DISCOVERY", ""),
        "OIDC_RP_SIGN_ALGO": environ.get("OIDC_RP_SIGN_ALGO", "RS256"),
        "OIDC_RP_SCOPES": environ.get("OIDC_RP_SCOPES", "openid email profile groups"),
        "OIDC_GROUPS_CLAIM": environ.get("DJANGO_OIDC_GROUPS_CLAIM", "groups"),
        "OIDC_ROLE_MAP": parse_role_map(environ.get("DJANGO_OIDC_ROLE_MAP", "")),
        # The id_token is kept for the provider's logout (id_token_hint), nothing else.
        "OIDC_STORE_ID_TOKEN": True,
        "OIDC_TIMEOUT": 10,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc:callback",
        "LOGIN_REDIRECT_URL_FAILURE": "/oidc/refused/",
        "OIDC_OP_LOGOUT_URL_METHOD": "accounts.oidc.provider_logout_url",
    }
    for name in ENDPOINTS:
        values[name] = environ.get(name, "")
    return values
