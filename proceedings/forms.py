"""Forms of the meeting record. Each keeps what the person typed when it comes back refused."""

from django import forms
from django.utils.translation import gettext_lazy as _

from committee.forms import clean_material_number
from committee.models import AgendaItem, Material
from core.text import TextGuardMixin
from proceedings.models import Attendance, Vote

MAX_TRANSCRIPT = 2_000_000  # characters; a long 議事録 is some 200,000


class AttendanceForm(TextGuardMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Attendance"), choices=Attendance.Status.choices, widget=forms.RadioSelect
    )
    arrived_at = forms.TimeField(
        label=_("Arrived late at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    left_at = forms.TimeField(
        label=_("Left early at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class TranscriptForm(TextGuardMixin, forms.Form):
    """Paste a transcript or upload it as a UTF-8 text file."""

    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item (unless the transcript names one with 「議題N」)"),
        queryset=AgendaItem.objects.none(),
        required=False,
    )
    text = forms.CharField(
        label=_("Transcript"),
        required=False,
        max_length=MAX_TRANSCRIPT,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Each statement starts with 【A委員】 or the name and a space (A委員　…)."),
    )
    upload = forms.FileField(label=_("or a text file (UTF-8)"), required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload:
            raw = upload.read(MAX_TRANSCRIPT * 4 + 1)
            try:
                data["text"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("upload", _("The file is not UTF-8 text."))
                return data
            # The text comes back in the box, so a refused import never loses it.
            self.data = self.data.copy()
            self.data["text"] = data["text"]
        if not (data.get("text") or "").strip() and not self.errors:
            self.add_error("text", _("Paste the transcript or choose a file."))
        return data


class SendForm(TextGuardMixin, forms.Form):
    deadline = forms.DateTimeField(
        label=_("Confirmation deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class CorrectionForm(TextGuardMixin, forms.Form):
    text = forms.CharField(label=_("Corrected statement"), widget=forms.Textarea(attrs={"rows": 5}))
    note = forms.CharField(
        label=_("Note to the secretariat"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(TextGuardMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("discuss", _("Discuss"))])
    response = forms.CharField(
        label=_("Reply to the member"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeliberationForm(TextGuardMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 8}))
    closes_at = forms.DateTimeField(
        label=_("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), required=False, queryset=AgendaItem.objects.none()
    )
    materials = forms.ModelMultipleChoiceField(
        label=_("Attached materials"),
        required=False,
        queryset=Material.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)
        self.fields["materials"].queryset = Material.objects.filter(meeting=meeting)


class VoteForm(TextGuardMixin, forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Opinion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RecusalForm(TextGuardMixin, forms.Form):
    reason = forms.CharField(
        label=_("Conflict of interest (reason)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PublishResultForm(TextGuardMixin, forms.Form):
    number = forms.CharField(label=_("Material number"), max_length=30)
    title = forms.CharField(label=_("Title"), max_length=300)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_number(self):
        return clean_material_number(self.cleaned_data["number"], self.meeting)
