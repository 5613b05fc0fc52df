"""書面審議 (decisions in writing): a proposal put to the members, their votes, conflicts of
interest (利害関係), and the 議決記録 the result becomes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committee.models import AgendaItem, Material, Meeting
from core.bases import Created, Updated, Versioned, user_ref


class Deliberation(Versioned, Created):
    """A proposal (案) the members decide in writing between the opening and the deadline."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for votes")
        DECIDED = "decided", _("Result recorded")
        PUBLISHED = "published", _("Published")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Not adopted")
        NO_QUORUM = "no_quorum", _("No quorum")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="written_deliberations",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("proposal"))
    materials = models.ManyToManyField(
        Material, blank=True, related_name="+", verbose_name=_("attached materials")
    )
    closes_at = models.DateTimeField(_("deadline"))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    chair = user_ref(_("chair"))
    # The members when it opened (user pks): they, and only they, may vote.
    roster = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    tally = models.JSONField(null=True, blank=True)
    decided_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    material = models.ForeignKey(
        Material, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = user_ref(blank=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("decision in writing")
        verbose_name_plural = _("decisions in writing")

    def __str__(self) -> str:
        return self.title


class Vote(Updated):
    """A member's vote: one per member, changeable until the deadline."""

    class Choice(models.TextChoices):
        FOR = "for", _("In favour")
        AGAINST = "against", _("Against")
        OPINION = "opinion", _("With an opinion")

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    text = models.TextField(_("opinion"), blank=True)

    class Meta:
        ordering = ["deliberation", "member__username"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["deliberation", "member"], name="vote_once")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.choice}"


class Recusal(Created):
    """A conflict of interest (利害関係) a member declared on a proposal or an agenda item."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, null=True, blank=True, related_name="recusals"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.CheckConstraint(
                condition=Q(deliberation__isnull=True, agenda_item__isnull=False)
                | Q(deliberation__isnull=False, agenda_item__isnull=True),
                name="recusal_one_target",
            ),
            models.UniqueConstraint(
                fields=["deliberation", "member"],
                condition=Q(deliberation__isnull=False),
                name="recusal_once_per_deliberation",
            ),
            models.UniqueConstraint(
                fields=["agenda_item", "member"],
                condition=Q(agenda_item__isnull=False),
                name="recusal_once_per_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} recused"
