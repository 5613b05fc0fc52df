"""Forms of the consultation desk; each validates everything before a service writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from committee.forms import VersionField
from core.text import TextGuardMixin
from policies.desk.selectors import agenda_item_choices, agenda_item_label
from policies.models import Perspective, Question


def _sized(model, name: str, label, *, required) -> forms.CharField:
    """A text field as long as the model's column, with its message when left empty."""
    max_length = model._meta.get_field(name).max_length
    return forms.CharField(
        label=label, max_length=max_length, error_messages={"required": required}
    )


class PerspectiveForm(TextGuardMixin, forms.Form):
    """A perspective's name: its label (個人の観点) and title; the marker ①②③ is its place."""

    label = _sized(Perspective, "label", _("label"), required=_("Enter a label."))
    title = _sized(Perspective, "title", _("title"), required=_("Enter a title."))
    version = VersionField(required=False)


class AgendaItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return agenda_item_label(obj)


class QuestionForm(TextGuardMixin, forms.Form):
    """A question's text, the agenda item it is discussed under, and whether it is published."""

    title = _sized(Question, "title", _("title"), required=_("Enter a title."))
    body = forms.CharField(
        label=_("question"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the question.")},
    )
    agenda_item = AgendaItemChoiceField(
        label=_("agenda item"),
        queryset=agenda_item_choices(),
        required=False,
        empty_label=_("Not linked yet"),
        help_text=_("The meeting's agenda item where the committee discusses this question."),
    )
    is_published = forms.BooleanField(
        label=_("published"),
        required=False,
        help_text=_("Members see published questions and comment on them during the period."),
    )
    version = VersionField(required=False)


class PeriodForm(TextGuardMixin, forms.Form):
    """One step on a comment period: open now, extend to…, close now."""

    closes_at = forms.DateTimeField(
        label=_("comments close"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    version = VersionField()


class PublishForm(TextGuardMixin, forms.Form):
    """Publish or unpublish a question in one step."""

    published = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1", widget=forms.HiddenInput
    )
    version = VersionField()


class CommentsPublicationForm(TextGuardMixin, forms.Form):
    """The confirmation of publishing (or withdrawing) a question's comments: the version and
    the number of comments the page showed, so a change meanwhile is confirmed again."""

    version = VersionField()
    expected_count = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
