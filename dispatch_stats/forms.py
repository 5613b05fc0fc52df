"""Forms for the admin import page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.text import TextGuardMixin
from dispatch_stats.models import ImportKind, Source


class ImportUploadForm(TextGuardMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"), choices=ImportKind.choices, initial=ImportKind.YEARLY
    )
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx or .csv)"),
        help_text=_(
            "Excel workbook or CSV (UTF-8, Shift_JIS or UTF-16; comma or tab separated). "
            "Up to %(mb)s MB."
        )
        % {"mb": settings.MAX_UPLOAD_SIZE // (1024 * 1024)},
    )
    source = forms.ModelChoiceField(
        label=_("Source of the figures"),
        queryset=Source.objects.all(),
        required=False,
        empty_label=_("— named in the file, or a new source below —"),
        help_text=_("Used for every row whose file names no source (no 出典 column or note)."),
    )
    source_name = forms.CharField(label=_("New source: name"), max_length=500, required=False)
    source_edition = forms.CharField(
        label=_("New source: edition or year"), max_length=200, required=False
    )
    source_url = forms.URLField(
        label=_("New source: URL"), max_length=1000, required=False, assume_scheme="https"
    )
    source_priority = forms.IntegerField(
        label=_("New source: priority"),
        min_value=1,
        max_value=9,
        required=False,
        help_text=_("1 = MEXT release, 2 = press report, 3 = transcription, 4 = derived."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is too large; the limit is %(mb)s MB.")
                % {"mb": settings.MAX_UPLOAD_SIZE // (1024 * 1024)}
            )
        return upload

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source_name"):
            self.add_error(
                "source_name",
                _("Pick an existing source or name a new one, not both."),
            )
        elif not data.get("source_name") and any(
            data.get(name) for name in ("source_edition", "source_url", "source_priority")
        ):
            self.add_error("source_name", _("Name the new source."))
        return data

    def typed_fields(self) -> dict[str, str]:
        """Every field but the file as the admin typed it (the raw text, not the cleaned value),
        to fill the form in again after a dry run run as a task."""
        return {name: self[name].data or "" for name in self.fields if name != "file"}

    def source_details(self) -> dict | None:
        """The source named on the form (name, edition, url, priority), or None."""
        data = self.cleaned_data
        if data.get("source"):
            source = data["source"]
            return {
                "name": source.name,
                "edition": source.edition,
                "url": source.url,
                "priority": None,
            }
        if data.get("source_name"):
            return {
                "name": data["source_name"].strip(),
                "edition": data.get("source_edition", "").strip(),
                "url": data.get("source_url", ""),
                "priority": data.get("source_priority") or 1,
            }
        return None


class ImportConfirmForm(TextGuardMixin, forms.Form):
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)
    sha256 = forms.CharField(max_length=64, widget=forms.HiddenInput)
