"""Forms of the seizure pages: the case with rows of items, parties, conveyances and photos.

The forms only parse and show input; every rule is checked by the models (`full_clean`, run by the
model forms) and by `seizures.services` (create/update), whose errors are put back next to the fields.
"""
from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.forms import CountryField
from agencies.models import Agency, Country, Post
from common.limits import TEXT_MAX_LENGTH
from species.filtersets import search_taxa
from species.models import Taxon, Term, Unit

from .choices import IdDocumentType, PartyRole, SharingLevel
from .models import Attachment, Case, CaseParty, Conveyance, CustodyTransfer, SeizedItem
from .querysets import membership_of
from .services import DRAFT_OPTIONAL_FIELDS, MAX_ROWS_PER_CASE


class CountryListInput(forms.TextInput):
    """Several ISO country codes separated by commas or spaces."""

    def format_value(self, value):
        if isinstance(value, list | tuple):
            codes = []
            for v in value:
                if isinstance(v, Country):
                    codes.append(v.iso2)
                elif isinstance(v, int):
                    country = Country.objects.filter(pk=v).only("iso2").first()
                    codes.append(country.iso2 if country else str(v))
                else:
                    codes.append(str(v))
            return ", ".join(codes)
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        raw = data.get(name, "")
        return [code for code in raw.replace(";", ",").replace(" ", ",").upper().split(",") if code]


class CountryListField(forms.ModelMultipleChoiceField):
    widget = CountryListInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", Country.objects.all())
        kwargs.setdefault("to_field_name", "iso2")
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Two-letter codes separated by commas, e.g. KZ, RU."))
        super().__init__(**kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class CaseForm(forms.ModelForm):
    """The case itself. The sharing fields are only on a new case; later, supervisors change them apart."""

    origin_country = CountryField(label=_("country of origin"), required=False)
    export_country = CountryField(label=_("country of export/re-export"), required=False)
    destination_country = CountryField(label=_("country of destination"), required=False)
    transit_countries = CountryListField(label=_("transit countries"))
    shared_with_countries = CountryListField(label=_("shared with countries"))

    class Meta:
        model = Case
        fields = [
            "occurred_at", "post", "location_text", "latitude", "longitude", "detection_method", "transport_mode",
            "concealment", "origin_country", "export_country", "transit_countries", "destination_country",
            "description", "sharing_level", "shared_with_agencies", "shared_with_countries",
        ]
        widgets = {
            "occurred_at": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "shared_with_agencies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user=None, agency: Agency | None = None, draft: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if draft:
            for name in DRAFT_OPTIONAL_FIELDS:
                self.fields[name].required = False
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        if not self.instance.pk and not self.is_bound and not self.initial.get("occurred_at"):
            self.initial["occurred_at"] = timezone.localtime().replace(second=0, microsecond=0)
        agency = agency or (self.instance.agency if self.instance.pk else None)
        posts = Post.objects.filter(is_active=True)
        self.fields["post"].queryset = posts.filter(agency=agency) if agency else posts.none()
        if not self.instance.pk and not self.is_bound and not self.initial.get("post"):
            # a new case starts at the officer's usual post (from the membership), when it is an active post
            usual = getattr(membership_of(user), "post", None)
            if usual is not None and usual.is_active and agency is not None and usual.agency_id == agency.pk:
                self.initial["post"] = usual.pk
        if self.instance.pk:
            for name in ("sharing_level", "shared_with_agencies", "shared_with_countries"):
                del self.fields[name]
        else:
            others = Agency.objects.filter(is_active=True)
            self.fields["shared_with_agencies"].queryset = others.exclude(pk=agency.pk) if agency else others
            self.fields["shared_with_agencies"].required = False
            if agency is not None:
                self.instance.agency = agency

    def service_data(self) -> dict:
        """The cleaned values as `seizures.services.create_case/update_case` take them."""
        return {name: self.cleaned_data[name] for name in self.fields}


class TaxonChoiceField(forms.ModelChoiceField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        super().__init__(queryset=Taxon.objects.filter(is_active=True), required=False, **kwargs)


class ItemForm(forms.ModelForm):
    taxon = TaxonChoiceField(label=_("species"))
    taxon_label = forms.CharField(
        label=_("Species"), required=False,
        help_text=_("Type a scientific, Russian, Kyrgyz or English name and choose from the list."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-taxon-search": ""}),
    )
    origin_country = CountryField(
        label=_("specimen's country of origin"), required=False,
        help_text=_("Only when it differs from the case's; empty means the case's country of origin."),
    )

    class Meta:
        model = SeizedItem
        fields = [
            "taxon", "unidentified_description", "origin_country", "term", "quantity", "unit", "second_quantity",
            "second_unit", "live_count", "condition", "permit_number_as_written", "estimated_value", "currency",
            "disposition", "notes",
        ]
        widgets = {
            "notes": forms.TextInput(),
            "quantity": forms.NumberInput(attrs={"step": "any", "min": "0.001", "inputmode": "decimal"}),
            "second_quantity": forms.NumberInput(attrs={"step": "any", "min": "0.001", "inputmode": "decimal"}),
            "live_count": forms.NumberInput(attrs={"min": "0", "inputmode": "numeric"}),
            "permit_number_as_written": forms.TextInput(attrs={"autocomplete": "off", "data-permit-check": ""}),
            "currency": forms.TextInput(attrs={"size": "3", "maxlength": "3"}),
        }

    field_order = ["taxon_label", "taxon"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.all()
        self.fields["term"].label_from_instance = lambda t: f"{t.code} — {t.name}"
        self.fields["unit"].queryset = Unit.objects.all()
        self.fields["unit"].label_from_instance = lambda u: f"{u.code} — {u.name}"
        self.fields["unit"].empty_label = _("number of specimens")
        self.fields["second_unit"].queryset = Unit.objects.filter(is_mass=True)
        self.fields["second_unit"].label_from_instance = lambda u: u.name
        self.fields["second_unit"].empty_label = _("number of specimens")
        taxon = self.instance.taxon if self.instance.pk and self.instance.taxon_id else None
        if taxon is not None and not self.is_bound:
            self.initial["taxon_label"] = f"{taxon.scientific_name} — {taxon.common_name}".rstrip(" —")

    def clean(self) -> dict:
        data = super().clean()
        label = (data.get("taxon_label") or "").split("—")[0].strip()
        if not data.get("taxon") and len(label) >= 3:
            # typed but not picked from the list: take the species when the name fits exactly one
            matches = list(search_taxa(Taxon.objects.filter(is_active=True), label)[:2])
            if len(matches) == 1:
                data["taxon"] = self.instance.taxon = matches[0]
                self.errors.pop("taxon", None)
        return data

    def service_row(self) -> dict:
        row = {name: self.cleaned_data.get(name) for name in self._meta.fields}
        for name in ("unidentified_description", "permit_number_as_written", "currency", "notes", "condition"):
            row[name] = row[name] or ""
        if self.instance.pk:
            row["id"] = self.instance.pk
        return row


PARTY_KIND_PERSON, PARTY_KIND_COMPANY = "person", "company"


class PartyForm(forms.Form):
    """A person or a company with their role in the case. New names create new records of my agency."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Person or company"),
        choices=[(PARTY_KIND_PERSON, _("Person")), (PARTY_KIND_COMPANY, _("Company"))],
        initial=PARTY_KIND_PERSON,
    )
    role = forms.ChoiceField(label=_("role"), choices=PartyRole.choices, initial=PartyRole.SUSPECT)
    full_name = forms.CharField(
        label=_("Full name or company name, as written in the document"), max_length=255, required=False
    )
    birth_date = forms.DateField(label=_("date of birth"), required=False, widget=DateInput())
    nationality = CountryField(label=_("nationality or country"), required=False)
    id_document_type = forms.ChoiceField(
        label=_("identity document type"), choices=[("", "—"), *IdDocumentType.choices], required=False
    )
    id_document_number = forms.CharField(
        label=_("identity document or registration number"), max_length=64, required=False
    )
    phone = forms.CharField(label=_("phone"), max_length=40, required=False)
    notes = forms.CharField(label=_("notes"), max_length=255, required=False)

    def __init__(self, *args, party: CaseParty | None = None, **kwargs) -> None:
        self.party = party
        if party is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for_party(party)
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        data = super().clean()
        if not self.has_changed() and not data.get("id"):
            return data
        if not (data.get("full_name") or "").strip():
            self.add_error("full_name", _("Give the name."))
        return data

    def service_row(self, existing: CaseParty | None) -> dict:
        data = self.cleaned_data
        row: dict = {"role": data["role"], "notes": data.get("notes") or ""}
        if existing is not None:
            row["id"] = existing.pk
            if initial_for_party(existing) == {k: self._compare(k) for k in initial_for_party(existing)}:
                linked = existing.person or existing.company
                row["person" if existing.person_id else "company"] = linked
                return row
        country = data.get("nationality")
        if data["kind"] == PARTY_KIND_COMPANY:
            row["company"] = {
                "name": data["full_name"].strip(), "registration_number": data.get("id_document_number") or "",
                "country": country,
            }
        else:
            row["person"] = {
                "full_name": data["full_name"].strip(), "birth_date": data.get("birth_date"),
                "nationality": country, "id_document_type": data.get("id_document_type") or "",
                "id_document_number": data.get("id_document_number") or "", "phone": data.get("phone") or "",
                "id_document_country": country if data.get("id_document_number") else None,
            }
        return row

    def _compare(self, key: str):
        value = self.cleaned_data.get(key)
        if isinstance(value, Country):
            return value.iso2
        return value if value is not None else ""

    def service_error_field(self, field: str) -> str | None:
        """The form field showing a service error about `field` of the person/company/party."""
        mapping = {
            "name": "full_name", "full_name": "full_name", "registration_number": "id_document_number",
            "country": "nationality", "id_document_country": "nationality",
        }
        name = mapping.get(field, field)
        return name if name in self.fields else None


def initial_for_party(party: CaseParty) -> dict:
    if party.person_id:
        p = party.person
        return {
            "id": party.pk, "kind": PARTY_KIND_PERSON, "role": party.role, "full_name": p.full_name,
            "birth_date": p.birth_date or "", "nationality": p.nationality.iso2 if p.nationality_id else "",
            "id_document_type": p.id_document_type, "id_document_number": p.id_document_number,
            "phone": p.phone, "notes": party.notes,
        }
    c = party.company
    return {
        "id": party.pk, "kind": PARTY_KIND_COMPANY, "role": party.role, "full_name": c.name if c else "",
        "birth_date": "", "nationality": c.country.iso2 if c and c.country_id else "", "id_document_type": "",
        "id_document_number": c.registration_number if c else "", "phone": "", "notes": party.notes,
    }


class ConveyanceForm(forms.ModelForm):
    country = CountryField(label=_("country of registration"), required=False)

    class Meta:
        model = Conveyance
        fields = ["kind", "identifier", "carrier", "country", "description"]

    def service_row(self) -> dict:
        row = {name: self.cleaned_data.get(name) for name in self._meta.fields}
        row["carrier"] = row["carrier"] or ""
        row["description"] = row["description"] or ""
        if self.instance.pk:
            row["id"] = self.instance.pk
        return row


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["file", "kind", "description"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": "image/*,.pdf,.tif,.tiff"})}


class RowsMixin:
    """Rows of one kind; untouched empty rows are ignored and rows ticked "remove" are left out."""

    def rows(self) -> list[forms.Form]:
        return [
            form for form in self.forms
            if not (self.can_delete and self._should_delete_form(form)) and (_is_existing(form) or form.has_changed())
        ]


def _is_existing(form: forms.Form) -> bool:
    instance = getattr(form, "instance", None)
    return bool(instance.pk) if instance is not None else bool(form.initial.get("id"))


class BaseRowFormSet(RowsMixin, forms.BaseFormSet):
    pass


class BaseItemFormSet(RowsMixin, forms.BaseModelFormSet):
    pass


ItemFormSet = forms.modelformset_factory(
    SeizedItem, form=ItemForm, formset=BaseItemFormSet, extra=0, can_delete=True,
    max_num=MAX_ROWS_PER_CASE["items"], absolute_max=MAX_ROWS_PER_CASE["items"], validate_max=True,
)
ConveyanceFormSet = forms.modelformset_factory(
    Conveyance, form=ConveyanceForm, formset=BaseItemFormSet, extra=0, can_delete=True,
    max_num=MAX_ROWS_PER_CASE["conveyances"], absolute_max=MAX_ROWS_PER_CASE["conveyances"], validate_max=True,
)
AttachmentFormSet = forms.modelformset_factory(
    Attachment, form=AttachmentForm, formset=BaseItemFormSet, extra=0, can_delete=False, max_num=20, absolute_max=20,
    validate_max=True,
)
PartyFormSet = forms.formset_factory(
    PartyForm, formset=BaseRowFormSet, extra=0, can_delete=True,
    max_num=MAX_ROWS_PER_CASE["parties"], absolute_max=MAX_ROWS_PER_CASE["parties"], validate_max=True,
)


class CloseForm(forms.Form):
    confirm = forms.BooleanField(label=_("I confirm the case is finished."), required=True)


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("reason for voiding"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=TEXT_MAX_LENGTH)


class SharingForm(forms.Form):
    sharing_level = forms.ChoiceField(label=_("sharing level"), choices=SharingLevel.choices)
    shared_with_agencies = forms.ModelMultipleChoiceField(
        label=_("shared with agencies"), queryset=Agency.objects.filter(is_active=True), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    shared_with_countries = CountryListField(label=_("shared with countries"))


class CustodyForm(forms.ModelForm):
    """One link of the evidence custody chain: who handed what to whom, when and where."""

    class Meta:
        model = CustodyTransfer
        fields = ["item", "transferred_at", "from_name", "from_organisation", "to_name", "to_organisation",
                  "location", "purpose"]
        widgets = {"transferred_at": DateTimeLocalInput()}

    def __init__(self, *args, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = SeizedItem.objects.filter(case=case).select_related("taxon", "term")
        self.fields["item"].empty_label = _("All items of the case")
        self.fields["transferred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if not self.is_bound:
            self.initial["transferred_at"] = timezone.localtime().replace(second=0, microsecond=0)
