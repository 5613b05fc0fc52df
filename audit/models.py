"""The audit trail: one append-only, hash-chained entry per write, sign-in or export by a person."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who did what to which object, when and from where; chained by SHA-256 to the entry before.

    The person is a plain id plus a snapshot of their name, not a foreign key: deleting or
    renaming an account must neither break the chain nor rewrite what was recorded.
    """

    created_at = models.DateTimeField(_("when"), db_index=True)
    actor_id = models.BigIntegerField(_("user id"), null=True, blank=True, db_index=True)
    actor_name = models.CharField(_("who"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    object_app = models.CharField(_("app"), max_length=100, blank=True)
    object_model = models.CharField(_("model"), max_length=100, blank=True)
    object_pk = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_app", "object_model", "object_pk"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.actor_name}"

    @property
    def object_label(self) -> str:
        return f"{self.object_app}.{self.object_model}" if self.object_model else ""
