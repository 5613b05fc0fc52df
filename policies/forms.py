"""Forms for posting, editing and filtering comments."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import TextGuardMixin
from policies.models import Comment, Measure
from schemes.models import Scheme


def _citation_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Cite evidence"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Optional: one of the evidence items linked to this question."),
        error_messages={
            "invalid_choice": _("Choose one of the evidence items linked to this question.")
        },
    )


def _cited_year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Fiscal year of the cited figure"),
        required=False,
        min_value=1900,
        max_value=2200,
        help_text=_("Optional, for a statistics series: cite one year's figure, e.g. 2023."),
    )


class CitationMixin:
    """The evidence picker: shown only when the question has evidence (evidence_choices)."""

    def _set_citation_choices(self, evidence_choices) -> None:
        if evidence_choices:
            self.fields["cited_evidence"].choices = [("", _("No citation")), *evidence_choices]
        else:
            del self.fields["cited_evidence"]
            del self.fields["cited_year"]


class CommentForm(TextGuardMixin, CitationMixin, forms.Form):
    """A new comment or reply; the hidden token makes a double submit harmless."""

    stance = forms.ChoiceField(
        label=_("Stance"), choices=[("", _("Choose…")), *Comment.Stance.choices]
    )
    body = forms.CharField(
        label=_("Comment"),
        max_length=Comment.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Up to 4,000 characters. Paragraphs, lists (- item), *emphasis*, **bold** and "
            "[links](https://…) are formatted."
        ),
        error_messages={"required": _("Write your comment.")},
    )
    cited_evidence = _citation_field()
    cited_year = _cited_year_field()
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    idempotency_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, evidence_choices=None, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("idempotency_token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["stance"].error_messages["required"] = _("Choose a stance.")
        self._set_citation_choices(evidence_choices)


class CommentEditForm(TextGuardMixin, CitationMixin, forms.Form):
    """Editing one's own comment: the stance and the text."""

    stance = forms.ChoiceField(label=_("Stance"), choices=Comment.Stance.choices)
    body = forms.CharField(
        label=_("Comment"),
        max_length=Comment.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=CommentForm.base_fields["body"].help_text,
        error_messages={"required": _("Write your comment.")},
    )
    cited_evidence = _citation_field()
    # Comment.version when the form was opened: a save in another window makes this one stale.
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    cited_year = _cited_year_field()

    def __init__(self, *args, evidence_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_citation_choices(evidence_choices)


class StanceFilterForm(TextGuardMixin, forms.Form):
    """Filter the thread list by stance (GET; works without JavaScript)."""

    stance = forms.ChoiceField(
        label=_("Stance"),
        required=False,
        choices=[("", _("All stances")), *Comment.Stance.choices],
    )


class HideForm(TextGuardMixin, forms.Form):
    """The secretariat hides a comment, saying why."""

    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)


class EvidenceLinkForm(TextGuardMixin, forms.Form):
    """The secretariat links one item to a question: one grouped picker, never a typed URL."""

    target = forms.ChoiceField(
        label=_("Evidence"),
        error_messages={
            "required": _("Choose what to link."),
            "invalid_choice": _("Choose one of the listed items."),
        },
    )
    note = forms.CharField(
        label=_("Note by the secretariat"),
        required=False,
        max_length=500,
        help_text=_("Optional: why this matters for the question (shown on the card)."),
    )

    def __init__(self, *args, target_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("Choose…")), *target_choices]

    def target_fields(self) -> dict:
        """The chosen target as Evidence fields (the choice was one of the listed rows)."""
        kind, _sep, rest = self.cleaned_data["target"].partition(":")
        if kind == "series":
            direction, _sep, term = rest.partition(":")
            return {"series_direction": direction, "series_term": term}
        if kind == "reference":
            return {"reference_topic": rest}
        if kind == "scheme":
            return {"scheme": Scheme.objects.get(pk=int(rest))}
        return {"measure": Measure.objects.get(pk=int(rest))}
