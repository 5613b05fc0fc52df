"""Forms for the secretariat's edits; each validates everything before a service writes."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from committee import filetypes
from committee.models import Material, Meeting
from committee.selectors import NUMBER_RE
from committee.services import MEETING_FIELDS, normalize_number, number_taken_message
from committee.stale import VersionedFormMixin
from core.text import TextGuardMixin
from core.uploads import refuse_oversized


def clean_material_number(number: str, meeting: Meeting, material: Material | None = None) -> str:
    """A material number in 審議会 style (資料1, 資料2-1, 参考資料1), normalised, and not used by
    another material of the meeting. Shared by the material form and the digest's attach form."""
    number = normalize_number(number)
    if not NUMBER_RE.match(number):
        raise forms.ValidationError(
            _("Use the committee's numbering: 資料1, 資料2-1 or 参考資料1.")
        )
    others = Material.objects.filter(meeting=meeting, number=number)
    if material is not None:
        others = others.exclude(pk=material.pk)
    if others.exists():
        raise forms.ValidationError(number_taken_message(number))
    return number


class VersionField(forms.IntegerField):
    """The version the editor loaded, sent back on save (optimistic locking)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class MeetingForm(TextGuardMixin, VersionedFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "internal_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "starts_at": _(
                "When the date is fixed. Otherwise leave empty and give a tentative period."
            ),
            "period_start": _("For a meeting whose date is not fixed yet (e.g. April to May)."),
            "internal_note": _("Seen by the secretariat only."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(_("Enter a title."))
        return title

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        p_start, p_end = data.get("period_start"), data.get("period_end")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The meeting cannot end before it starts."))
        if p_start and p_end and p_end < p_start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        if ends and not starts:
            self.add_error("starts_at", _("Enter the start time as well."))
        if bool(p_start) != bool(p_end):
            self.add_error(
                "period_end" if p_start else "period_start",
                _("Give both ends of the tentative period."),
            )
        if not starts and not (p_start and p_end) and not self.has_error("starts_at"):
            self.add_error("starts_at", _("Enter a date and time or a tentative period."))
        if starts and (p_start or p_end):
            self.add_error(
                "period_start", _("Leave the tentative period empty once the date is fixed.")
            )
        return data

    def _post_clean(self):
        # Constraint checks on the model would repeat the messages above without a field.
        try:
            self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)
        except forms.ValidationError as e:
            self._update_errors(e)
        self.validate_unique()


class AgendaItemForm(TextGuardMixin, VersionedFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_published = forms.BooleanField(label=_("Published"), required=False, initial=True)
    version = VersionField(required=False)

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Enter a title."))
        return title


class HearingForm(TextGuardMixin, VersionedFormMixin, forms.Form):
    speaker = forms.CharField(label=_("Speaker"), max_length=200)
    affiliation = forms.CharField(label=_("Affiliation"), max_length=200, required=False)
    topic = forms.CharField(label=_("Topic"), max_length=300, required=False)
    version = VersionField(required=False)

    def clean_speaker(self):
        speaker = self.cleaned_data["speaker"].strip()
        if not speaker:
            raise forms.ValidationError(_("Enter who is heard."))
        return speaker


MATERIAL_DESCRIPTION = ("number", "title", "is_published")


def material_description(form) -> dict:
    """A material's number, title and publication as a form cleaned them (the material
    services take them with the file)."""
    return {name: form.cleaned_data[name] for name in MATERIAL_DESCRIPTION}


class MaterialForm(TextGuardMixin, VersionedFormMixin, forms.Form):
    number = forms.CharField(
        label=_("Material number"),
        max_length=30,
        help_text=_("資料1, 資料2-1 or 参考資料1; unique within the meeting."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"))
    is_published = forms.BooleanField(label=_("Published"), required=False)
    version = VersionField(required=False)

    def __init__(self, *args, meeting: Meeting, material: Material | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.material = material
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint or CSV, up to %(size)s."
        ) % {"size": filesizeformat(settings.MAX_UPLOAD_SIZE)}
        if material is not None:
            self.fields["file"].required = False
            self.fields["file"].label = _("Replace the file (optional)")
            self.fields["file"].help_text = _(
                "The current file is kept as an earlier version. %(rule)s"
            ) % {"rule": self.fields["file"].help_text}
            self.fields["version"].required = True

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Enter a title."))
        return title

    def clean_number(self):
        return clean_material_number(self.cleaned_data["number"], self.meeting, self.material)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        refuse_oversized(
            upload.size, _("The file is too large (%(size)s). The limit is %(limit)s.")
        )
        try:
            detected = filetypes.detect(upload)
        except filetypes.FileTypeError as e:
            raise forms.ValidationError(str(e)) from None
        self.content_type = detected.content_type
        return upload


class MinutesForm(TextGuardMixin, VersionedFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "Plain text. Start each speaker's paragraph with the speaker in brackets, "
            "e.g. 【主査】 or 【A委員】, and separate paragraphs with an empty line."
        ),
    )
    is_published = forms.BooleanField(label=_("Published"), required=False)
    version = VersionField(required=False)
