"""The filter form of the audit page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.audit_selectors import AuditFilter
from audit import actions
from core.text import TextGuardMixin


class AuditFilterForm(TextGuardMixin, forms.Form):
    person = forms.CharField(label=_("Person"), max_length=200, required=False)
    obj = forms.CharField(label=_("Object"), max_length=300, required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *actions.LABELS.items()]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError({"date_to": _("The end date is before the start date.")})
        return data

    def to_filter(self) -> AuditFilter:
        """The filter to apply; an invalid form filters nothing away it cannot read."""
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilter(
            person=(data.get("person") or "").strip(),
            obj=(data.get("obj") or "").strip(),
            action=data.get("action") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
