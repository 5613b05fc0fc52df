"""The shape every history row shares (who, when, what, before, after): an abstract model that
each app's own history table (committee's ChangeLog, reports' ReportChange) extends with the
object it is filed under."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.bases import user_ref


class ChangeRecord(models.Model):
    """One recorded change (who, when, before, after), written by the service that made it."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        MOVE = "move", _("Moved")

    model_name = models.CharField(_("kind"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("object id"))
    object_repr = models.CharField(_("object"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = user_ref(_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), null=True, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        abstract = True
        ordering = ["-at", "-id"]
        # Unnamed: each history table gets its own generated name (as before the move here).
        indexes = [models.Index(fields=["model_name", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    @classmethod
    def record(cls, obj, *, action, by, before=None, after=None, **filed_under):
        """Write the row of one change to `obj`, filed under its owner (`meeting_id=…`,
        `edition_id=…`): the services call this and nothing else writes history."""
        return cls.objects.create(
            **filed_under,
            model_name=obj._meta.model_name,
            object_id=obj.pk,
            object_repr=str(obj)[:300],
            action=action,
            actor=by,
            before=before,
            after=after,
        )
