"""Forms for the admin import page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.text import TextGuardMixin
from dispatch_stats.models import ImportKind


class ImportUploadForm(TextGuardMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"), choices=ImportKind.choices, initial=ImportKind.YEARLY
    )
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx or .csv)"),
        help_text=_("Excel workbook or CSV (UTF-8 or Shift_JIS). Up to %(mb)s MB.")
        % {"mb": settings.MAX_UPLOAD_SIZE // (1024 * 1024)},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is too large; the limit is %(mb)s MB.")
                % {"mb": settings.MAX_UPLOAD_SIZE // (1024 * 1024)}
            )
        return upload


class ImportConfirmForm(TextGuardMixin, forms.Form):
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)
    sha256 = forms.CharField(max_length=64, widget=forms.HiddenInput)
