from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from agencies.forms import CountryField
from common import uploads
from species.models import Purpose, Source, Taxon, Term

from .choices import Direction


class PermitCheckForm(forms.Form):
    number = forms.CharField(label=_("Permit number"), max_length=64)
    country = CountryField(label=_("Issuing country"), required=False)
    stamp = forms.CharField(label=_("Security stamp number"), max_length=64, required=False)
    on_date = forms.DateField(
        label=_("Date of the check"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty means today."),
    )


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"), required=False, max_length=4000,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("The code printed under the QR code, e.g. 123-ABCD-EFGH-IJKL-MNOP."),
    )
    image = forms.ImageField(
        label=_("Photo of the QR code"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("code") and not data.get("image"):
            raise forms.ValidationError(_("Type the code or upload a photo of the QR code."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(label=_("Check only, save nothing"), required=False)

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        uploads.check_spreadsheet(file, settings.IMPORT_MAX_BYTES)
        return file


class RequiredDocumentsForm(forms.Form):
    taxon = forms.ModelChoiceField(label=_("Taxon"), queryset=Taxon.objects.filter(is_active=True))
    term = forms.ModelChoiceField(label=_("Term"), queryset=Term.objects.all(), required=False)
    source = forms.ModelChoiceField(label=_("Source"), queryset=Source.objects.all(), to_field_name="code")
    purpose = forms.ModelChoiceField(label=_("Purpose"), queryset=Purpose.objects.all(), to_field_name="code")
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    exporting_country = CountryField(label=_("Exporting country"), required=False)
    importing_country = CountryField(label=_("Importing country"), required=False)
    origin_country = CountryField(label=_("Country of origin"), required=False)
    on_date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The listing in force on this date is used; empty means today."),
    )
