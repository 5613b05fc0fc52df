"""The actions the trail records, with their labels; callers pass these constants."""

from django.utils.translation import gettext_lazy as _

LOGIN = "auth.login"
LOGIN_FAILED = "auth.login_failed"
LOGOUT = "auth.logout"
USER_CREATE = "accounts.user_create"
USER_CHANGE = "accounts.user_change"
USER_DEACTIVATE = "accounts.user_deactivate"
USER_DELETE = "accounts.user_delete"
ROLES_CHANGE = "accounts.roles_change"
GROUP_CHANGE = "accounts.group_change"
EXPORT = "export"
PUBLISH = "publish"
UNPUBLISH = "unpublish"
MODERATE = "moderate"
IMPORT_CONFIRM = "import.confirm"
# Every change a service records in its own history (meetings, agendas, materials, minutes,
# perspectives, questions and their periods): the same before/after, site-wide.
CHANGE = "change"
EVIDENCE_LINK = "evidence.link"
EVIDENCE_UNLINK = "evidence.unlink"

LABELS = {
    LOGIN: _("Signed in"),
    LOGIN_FAILED: _("Failed sign-in"),
    LOGOUT: _("Signed out"),
    USER_CREATE: _("Account created"),
    USER_CHANGE: _("Account changed"),
    USER_DEACTIVATE: _("Account deactivated"),
    USER_DELETE: _("Account deleted"),
    ROLES_CHANGE: _("Roles changed"),
    GROUP_CHANGE: _("Group membership changed"),
    EXPORT: _("Members-only data exported"),
    PUBLISH: _("Published"),
    UNPUBLISH: _("Withdrawn from publication"),
    MODERATE: _("Comment moderated"),
    IMPORT_CONFIRM: _("Import confirmed"),
    CHANGE: _("Record changed"),
    EVIDENCE_LINK: _("Evidence linked"),
    EVIDENCE_UNLINK: _("Evidence unlinked"),
}


def label(action: str) -> str:
    return str(LABELS.get(action, action))
