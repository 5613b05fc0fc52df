"""Forms for posting, editing and filtering comments."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from policies.models import Comment


class CommentForm(forms.Form):
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
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    idempotency_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("idempotency_token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["stance"].error_messages["required"] = _("Choose a stance.")


class CommentEditForm(forms.Form):
    """Editing one's own comment: the stance and the text."""

    stance = forms.ChoiceField(label=_("Stance"), choices=Comment.Stance.choices)
    body = forms.CharField(
        label=_("Comment"),
        max_length=Comment.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=CommentForm.base_fields["body"].help_text,
        error_messages={"required": _("Write your comment.")},
    )


class StanceFilterForm(forms.Form):
    """Filter the thread list by stance (GET; works without JavaScript)."""

    stance = forms.ChoiceField(
        label=_("Stance"),
        required=False,
        choices=[("", _("All stances")), *Comment.Stance.choices],
    )


class HideForm(forms.Form):
    """The secretariat hides a comment, saying why."""

    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)
