"""The comparison page's filter form (GET; invalid values are reported next to their field)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import TextGuardMixin
from schemes.models import Scheme, TargetType

SORT_CHOICES = [
    ("amount_desc", _("Amount per person per year (yen), highest first")),
    ("amount_asc", _("Amount per person per year (yen), lowest first")),
    ("name", _("Name")),
    ("country", _("Country or region")),
]


class SchemeFilterForm(TextGuardMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Foreign or domestic"),
        required=False,
        choices=[("", _("All"))] + list(Scheme.Kind.choices),
    )
    country = forms.ChoiceField(label=_("Country or region"), required=False)
    target = forms.ChoiceField(
        label=_("Target"), required=False, choices=[("", _("All"))] + list(TargetType.choices)
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    on = forms.DateField(
        label=_("Exchange rates as of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The latest rate on or before this date is used. Empty: today."),
    )

    def __init__(self, *args, countries: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All"))] + [(c, c) for c in countries]

    def filters(self) -> dict:
        """Cleaned filters; fields with invalid values fall back to 'no filter'."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return {
            "country": data.get("country") or "",
            "target": data.get("target") or "",
            "kind": data.get("kind") or "",
            "sort": data.get("sort") or "amount_desc",
            "on": data.get("on") or timezone.localdate(),
        }
