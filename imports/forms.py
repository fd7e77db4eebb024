from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common import uploads

from .fields import FIELDS

MAX_UPLOAD_BYTES = getattr(settings, "IMPORT_MAX_BYTES", 30 * 1024 * 1024)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        if upload.size > MAX_UPLOAD_BYTES or getattr(upload, "too_large", False):
            raise forms.ValidationError(_("The file is too large; the limit is %(mb)d MB.")
                                        % {"mb": MAX_UPLOAD_BYTES // 1048576})
        uploads.check_spreadsheet(upload, MAX_UPLOAD_BYTES)
        return upload


class MappingForm(forms.Form):
    """One choice of column per field, the sheet, and an optional template name to save."""

    sheet = forms.ChoiceField(label=_("Sheet"), required=False)
    template_name = forms.CharField(label=_("Save this mapping as a template named"), required=False, max_length=120)

    def __init__(self, *args, headings: list[str], sheets: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [(s, s) for s in sheets]
        if not sheets:
            del self.fields["sheet"]
        choices = [("", _("— not in the file —"))] + [(str(i), f"{i + 1}. {h or '?'}") for i, h in enumerate(headings)]
        for name, label in FIELDS.items():
            self.fields[f"map_{name}"] = forms.ChoiceField(label=label, choices=choices, required=False)

    def mapping(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(f"map_{name}", "") for name in FIELDS}
