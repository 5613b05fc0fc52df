"""Forms of the secretariat's drafting screens; the rules themselves live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from committee.forms import clean_material_number
from committee.models import Material, Meeting
from core.text import TextGuardMixin
from policies.models import Question
from reports.models import Disposition, Edition, Paragraph, Section


class ReportForm(TextGuardMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


class EditionForm(TextGuardMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Edition"), choices=Edition.Kind.choices)
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.order_by("number")
    )


class StatusForm(TextGuardMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Edition.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(label=_("Yes, do it anyway"), required=False)


class SectionForm(TextGuardMixin, forms.Form):
    title = forms.CharField(label=_("Heading"), max_length=200)
    level = forms.TypedChoiceField(
        label=_("Level"), choices=Section.Level.choices, coerce=int, initial=Section.Level.CHAPTER
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ParagraphForm(TextGuardMixin, forms.Form):
    body = forms.CharField(
        label=_("Text"),
        max_length=Paragraph.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown as in comments: paragraphs, lists, emphasis, links."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class QuestionsForm(TextGuardMixin, forms.Form):
    questions = forms.ModelMultipleChoiceField(
        label=_("Questions this paragraph answers"),
        queryset=Question.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = questions.select_related("perspective")


def _reasoning_field(label, *, rows: int) -> forms.CharField:
    """A disposition's reasoning: the services require it unless the comment is reflected."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=Disposition.REASONING_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=_("Required unless the comment is reflected."),
    )


class LinkForm(TextGuardMixin, forms.Form):
    """Link one comment (picked from the list) with its disposition in this edition."""

    comment = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("Disposition"),
        choices=Disposition.Kind.choices,
        initial=Disposition.Kind.REFLECTED,
    )
    reasoning = _reasoning_field(_("Reasoning"), rows=2)


class DispositionForm(TextGuardMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Disposition"), choices=Disposition.Kind.choices)
    paragraph = forms.ModelChoiceField(
        label=_("Paragraph"), queryset=Paragraph.objects.none(), required=False
    )
    reasoning = _reasoning_field(_("Reasoning / answer"), rows=4)
    answer_material = forms.ModelChoiceField(
        label=_("Material with the answer"), queryset=Material.objects.none(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, edition, labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["paragraph"]
        field.queryset = Paragraph.objects.filter(edition=edition)
        field.label_from_instance = lambda p: labels.get(p.pk, f"¶{p.number}")
        material = self.fields["answer_material"]
        material.queryset = Material.objects.select_related("meeting").order_by(
            "meeting__number", "id"
        )
        material.label_from_instance = lambda m: f"{m.meeting} {m.number} {m.title}"


class AttachForm(TextGuardMixin, forms.Form):
    """Attach an output to the edition's meeting as a numbered material."""

    WHAT = [
        ("edition", _("The edition (DOCX)")),
        ("responses", _("The responses table (XLSX)")),
        ("compare", _("The comparison with the previous edition (DOCX)")),
    ]
    what = forms.ChoiceField(label=_("Output"), choices=WHAT)
    number = forms.CharField(label=_("Material number"), max_length=30)
    title = forms.CharField(label=_("Title"), max_length=300)
    is_published = forms.BooleanField(
        label=_("Publish the material now"), required=False, initial=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_number(self):
        return clean_material_number(self.cleaned_data["number"], self.meeting)
