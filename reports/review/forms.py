"""Forms of the review: the period, a review of a paragraph, hiding, a disposition."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import TextGuardMixin
from policies.models import Comment
from reports.models import ParagraphReview

STANCES = [(s.value, s.label) for s in ParagraphReview.COMMENT_STANCES]


class PeriodForm(TextGuardMixin, forms.Form):
    opens_at = forms.DateTimeField(
        label=_("Review opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Review closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class ReviewForm(TextGuardMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What you send"),
        choices=ParagraphReview.Kind.choices,
        initial=ParagraphReview.Kind.COMMENT,
        widget=forms.RadioSelect,
    )
    stance = forms.ChoiceField(
        label=_("Stance (for a comment)"), choices=STANCES, required=False, widget=forms.RadioSelect
    )
    suggested_text = forms.CharField(
        label=_("Suggested wording (for a wording suggestion)"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    body = forms.CharField(
        label=_("Comment, or the reason for the suggestion"),
        max_length=Comment.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    idempotency_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, paragraph=None, **kwargs):
        super().__init__(*args, **kwargs)
        if paragraph is not None and not self.is_bound:
            self.initial.update(
                base_version=paragraph.version,
                suggested_text=paragraph.body,
                idempotency_token=uuid.uuid4(),
            )


class ReviewEditForm(TextGuardMixin, forms.Form):
    """Editing one's own review: a comment's stance, a suggestion's wording, and the text."""

    stance = forms.ChoiceField(label=_("Stance"), choices=STANCES, widget=forms.RadioSelect)
    suggested_text = forms.CharField(
        label=_("Suggested wording"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5})
    )
    body = forms.CharField(
        label=_("Comment, or the reason for the suggestion"),
        max_length=Comment.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # The review's version when the form was opened: a save in another window makes it stale.
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["stance" if kind == ParagraphReview.Kind.SUGGESTION else "suggested_text"]


class DisposeForm(TextGuardMixin, forms.Form):
    disposition = forms.ChoiceField(
        label=_("Disposition"), choices=ParagraphReview.Disposition.choices
    )
    reasoning = forms.CharField(
        label=_("Reasoning (required unless adopted)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
