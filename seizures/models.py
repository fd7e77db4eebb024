import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency, Country, Post
from common import dates, uploads
from common.hygiene import CleanTextMixin, clean_instance
from common.limits import LimitedTextField
from common.textnorm import normalise_document_number, search_key
from permits.models import Permit
from species.models import Taxon, Term, Unit

from .choices import (
    AttachmentKind,
    CaseStatus,
    Concealment,
    ConveyanceKind,
    DetectionMethod,
    Disposition,
    IdDocumentType,
    ItemCondition,
    OutcomeType,
    PartyRole,
    Sex,
    SharingLevel,
    TransportMode,
)
from .querysets import CaseChildQuerySet, CaseQuerySet, CompanyQuerySet, PartyQuerySet

currency_validator = RegexValidator(r"^[A-Z]{3}$", _("Use the ISO 4217 currency code, e.g. KGS, USD."))


def not_in_future(value) -> None:
    now = timezone.now()
    if hasattr(value, "hour"):
        if value > now + timezone.timedelta(minutes=5):
            raise ValidationError(_("This date and time is in the future."))
    elif value > timezone.localdate():
        raise ValidationError(_("This date is in the future."))


class ReferenceCounter(models.Model):
    """The last sequence number used for an agency's case references in a year."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="unique_counter_per_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"

    @classmethod
    def take_next(cls, agency: Agency, year: int) -> int:
        """The next sequence number for an agency and year, safe under concurrent use (row lock)."""
        with transaction.atomic():
            counter, _created = cls.objects.select_for_update().get_or_create(agency=agency, year=year)
            cls.objects.filter(pk=counter.pk).update(last=F("last") + 1)
            counter.refresh_from_db(fields=["last"])
            return counter.last

    @classmethod
    def take_many(cls, agency: Agency, year: int, count: int) -> range:
        """`count` consecutive sequence numbers for an agency and year in one locked update (bulk writers)."""
        with transaction.atomic():
            counter, _created = cls.objects.select_for_update().get_or_create(agency=agency, year=year)
            cls.objects.filter(pk=counter.pk).update(last=F("last") + count)
            counter.refresh_from_db(fields=["last"])
            return range(counter.last - count + 1, counter.last + 1)


def format_reference(agency_code: str, year: int, sequence: int) -> str:
    """`KG-CUS`, 2026, 42 → `KG-CUS-2026-00042`."""
    return f"{agency_code}-{year}-{sequence:05d}"


class Case(CleanTextMixin, models.Model):
    """A seizure case, owned by one agency, with a reference unique per agency and year."""

    reference = models.CharField(_("reference number"), max_length=32, unique=True, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cases", verbose_name=_("agency"))
    agency_case_number = models.CharField(
        _("agency's own case number"), max_length=64, blank=True, db_index=True,
        help_text=_("The number the agency gave the case in its own records (kept from imported files)."),
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases_recorded",
        verbose_name=_("recorded by"),
    )
    occurred_at = models.DateTimeField(_("date and time of seizure"), validators=[not_in_future, dates.event_date])
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("post")
    )
    location_text = models.CharField(_("location"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    detection_method = models.CharField(_("detection method"), max_length=20, choices=DetectionMethod.choices)
    transport_mode = models.CharField(_("transport mode"), max_length=20, choices=TransportMode.choices)
    concealment = models.CharField(
        _("concealment method"), max_length=24, choices=Concealment.choices, default=Concealment.NONE
    )
    origin_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("country of origin"),
    )
    export_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("country of export/re-export"),
        help_text=_("The country the specimens were (re-)exported from, when it is not the country of origin."),
    )
    transit_countries = models.ManyToManyField(
        Country, blank=True, related_name="+", verbose_name=_("transit countries")
    )
    transit_posts = models.ManyToManyField(Post, blank=True, related_name="+", verbose_name=_("transit posts"))
    destination_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("country of destination"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.DRAFT, db_index=True
    )
    sharing_level = models.CharField(
        _("sharing level"), max_length=20, choices=SharingLevel.choices, default=SharingLevel.NATIONAL
    )
    shared_with_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="cases_shared_with", verbose_name=_("shared with agencies")
    )
    shared_with_countries = models.ManyToManyField(
        Country, blank=True, related_name="cases_shared_with", verbose_name=_("shared with countries")
    )
    description = LimitedTextField(_("description"), blank=True)
    outcome = models.CharField(_("legal outcome"), max_length=20, choices=OutcomeType.choices, blank=True)
    fine_amount = models.DecimalField(
        _("fine amount"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    fine_currency = models.CharField(
        _("fine currency"), max_length=3, blank=True, validators=[currency_validator]
    )
    criminal_case_number = models.CharField(_("criminal case number"), max_length=64, blank=True)
    court_result = LimitedTextField(_("court result"), blank=True)
    is_voided = models.BooleanField(_("voided"), default=False)
    void_reason = LimitedTextField(_("reason for voiding"), blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("voided by"), editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    #: Raised by one on every change: a writer who read an older version gets "changed meanwhile".
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(
        verbose_name=_("historical case"), excluded_fields=["updated_at"],
        m2m_fields=[shared_with_agencies, shared_with_countries],
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("seizure case")
        verbose_name_plural = _("seizure cases")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "sequence"], name="unique_case_sequence"),
        ]
        indexes = [
            models.Index(fields=["agency", "-occurred_at"]),
            # The list order and its cursor (occurred_at, id); date ranges are ranges on this column.
            models.Index(fields=["occurred_at", "id"], name="case_occurred_id_idx"),
            models.Index(fields=["origin_country", "occurred_at"], name="case_origin_occurred_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs) -> None:
        if not self.reference:
            occurred = self.occurred_at or timezone.now()
            self.year = timezone.localtime(occurred).year if timezone.is_aware(occurred) else occurred.year
            self.sequence = ReferenceCounter.take_next(self.agency, self.year)
            self.reference = format_reference(self.agency.code, self.year, self.sequence)
        elif self.pk is not None and not kwargs.get("force_insert"):
            self.version = (self.version or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.fine_amount is not None and not self.fine_currency:
            errors["fine_currency"] = _("Give the currency of the fine.")
        if self.is_voided and not self.void_reason.strip():
            errors["void_reason"] = _("A voided case needs a reason.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class SeizedItem(CleanTextMixin, models.Model):
    """One line of what was seized: a taxon (or unidentified), a CITES term and a quantity."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="items", verbose_name=_("case"))
    taxon = models.ForeignKey(
        Taxon, on_delete=models.PROTECT, null=True, blank=True, related_name="seized_items",
        verbose_name=_("taxon"),
    )
    unidentified_description = models.CharField(
        _("description if unidentified"), max_length=255, blank=True
    )
    origin_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("specimen's country of origin"),
        help_text=_("Empty means the case's country of origin."),
    )
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("term"))
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit"),
        help_text=_("Empty means number of specimens."),
    )
    second_quantity = models.DecimalField(
        _("second measure"), max_digits=14, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.001"))],
        help_text=_("Optional, when both are known: the weight when the quantity counts specimens, or the "
                    "number of specimens when the quantity is a weight."),
    )
    second_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("unit of the second measure"), help_text=_("Empty means number of specimens."),
    )
    live_count = models.PositiveIntegerField(_("live specimens"), null=True, blank=True)
    condition = models.CharField(_("condition"), max_length=20, choices=ItemCondition.choices, blank=True)
    estimated_value = models.DecimalField(
        _("estimated value"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[currency_validator])
    disposition = models.CharField(
        _("disposition"), max_length=20, choices=Disposition.choices, default=Disposition.EVIDENCE
    )
    permit = models.ForeignKey(
        Permit, on_delete=models.PROTECT, null=True, blank=True, related_name="seized_items",
        verbose_name=_("permit presented"),
    )
    permit_number_as_written = models.CharField(_("permit number as written"), max_length=64, blank=True)
    cites_appendix_at_seizure = models.CharField(
        _("CITES appendix on the seizure date"), max_length=3, blank=True, editable=False
    )
    notes = LimitedTextField(_("notes"), blank=True)
    history = HistoricalRecords(verbose_name=_("historical seized item"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("seized item")
        verbose_name_plural = _("seized items")
        ordering = ["case", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="item_quantity_positive"),
            models.CheckConstraint(
                condition=models.Q(second_quantity__isnull=True) | models.Q(second_quantity__gt=0),
                name="item_second_quantity_positive",
            ),
        ]

    def __str__(self) -> str:
        what = self.taxon.scientific_name if self.taxon_id else (self.unidentified_description or "?")
        return f"{what} {self.term.code} {self.quantity}"

    def clean(self) -> None:
        errors = {}
        if not self.taxon_id and not self.unidentified_description.strip():
            errors["taxon"] = _("Choose a taxon, or describe the unidentified specimen.")
        if self.term_id and not self.term.accepts_unit(self.unit):
            errors["unit"] = _("This unit is not accepted for the term %(term)s.") % {"term": self.term.code}
        errors.update(self.second_measure_errors())
        if self.live_count is not None and self.live_count > 0 and self.term_id and not self.term.is_live:
            errors["live_count"] = _("Live specimens can only be counted for live terms (LIV, EGL).")
        if self.estimated_value is not None and not self.currency:
            errors["currency"] = _("Give the currency of the estimated value.")
        if errors:
            raise ValidationError(errors)

    def second_measure_errors(self) -> dict[str, str]:
        """The second measure is the other kind of the first: a weight for a count, a count for a weight."""
        if self.second_quantity is None:
            if self.second_unit_id:
                return {"second_quantity": _("Give the second measure, or leave its unit empty.")}
            return {}
        second_unit = self.second_unit if self.second_unit_id else None
        if second_unit is not None and not second_unit.is_mass:
            return {"second_unit": _("The second measure is a number of specimens or a weight.")}
        first_is_count = not self.unit_id
        if first_is_count == (second_unit is None):
            return {"second_unit": _("The second measure must be of the other kind: a weight when the quantity "
                                     "is a number of specimens, a number of specimens when it is a weight.")}
        return {}

    def measures(self) -> list[tuple[Decimal, Unit | None]]:
        """The quantity and, when recorded, the second measure, as (amount, unit or None for specimens)."""
        found = [(self.quantity, self.unit if self.unit_id else None)]
        if self.second_quantity is not None:
            found.append((self.second_quantity, self.second_unit if self.second_unit_id else None))
        return found


class Person(CleanTextMixin, models.Model):
    """A person as recorded by an agency: names as written, in the original script."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="persons", verbose_name=_("recording agency")
    )
    full_name = models.CharField(_("full name as written"), max_length=255)
    surname = models.CharField(_("surname"), max_length=120, blank=True)
    given_names = models.CharField(_("given names"), max_length=120, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=120, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True,
                                  validators=[not_in_future, dates.birth_date])
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("When only the year is known."),
    )
    nationality = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("nationality")
    )
    id_document_type = models.CharField(
        _("identity document type"), max_length=20, choices=IdDocumentType.choices, blank=True
    )
    id_document_number = models.CharField(_("identity document number"), max_length=64, blank=True)
    id_document_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("document issued by"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = LimitedTextField(_("address"), blank=True)
    notes = LimitedTextField(_("notes"), blank=True)
    name_key = models.CharField(
        _("name search key"), max_length=255, blank=True, editable=False, db_index=True,
        help_text=_("Script- and spelling-independent form of the name (common.textnorm.search_key)."),
    )
    document_key = models.CharField(
        _("document search key"), max_length=64, blank=True, editable=False, db_index=True,
        help_text=_("Identity-document number without separators and look-alike letters."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(verbose_name=_("historical person"))

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.prepare_for_write()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"name_key", "document_key"}
        super().save(*args, **kwargs)

    def prepare_for_write(self) -> None:
        """What every write of a person does first (`save`, and the bulk writers that skip it)."""
        clean_instance(self)  # before the search keys are computed from the name and document
        if self.birth_date and not self.birth_year:
            self.birth_year = self.birth_date.year
        self.compute_keys()

    def clean(self) -> None:
        if self.birth_date and self.birth_year and self.birth_date.year != self.birth_year:
            raise ValidationError({"birth_year": _("The year of birth does not match the date of birth.")})
        if self.id_document_number and not self.id_document_type:
            raise ValidationError({"id_document_type": _("Give the type of the identity document.")})

    def compute_keys(self) -> None:
        """Fill the stored search keys from the name (or its parts) and the document number."""
        name = self.full_name.strip() or " ".join(p for p in (self.surname, self.given_names, self.patronymic) if p)
        self.name_key = search_key(name)[:255]
        self.document_key = normalise_document_number(self.id_document_number)[:64]


class Company(CleanTextMixin, models.Model):
    """A company involved in a case (consignor, consignee, carrier...)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="companies", verbose_name=_("recording agency")
    )
    name = models.CharField(_("name"), max_length=255)
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("country")
    )
    address = LimitedTextField(_("address"), blank=True)
    notes = LimitedTextField(_("notes"), blank=True)
    history = HistoricalRecords(verbose_name=_("historical company"))

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class CaseParty(CleanTextMixin, models.Model):
    """A person or a company linked to a case with a role."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties", verbose_name=_("case"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="case_links",
        verbose_name=_("person"),
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, null=True, blank=True, related_name="case_links",
        verbose_name=_("company"),
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    notes = models.CharField(_("notes"), max_length=255, blank=True)
    history = HistoricalRecords(verbose_name=_("historical case party"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("party to a case")
        verbose_name_plural = _("parties to cases")
        ordering = ["case", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False, company__isnull=True)
                           | models.Q(person__isnull=True, company__isnull=False)),
                name="party_is_person_xor_company",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.company} ({self.get_role_display()})"

    def clean(self) -> None:
        if bool(self.person_id) == bool(self.company_id):
            raise ValidationError(_("Link either a person or a company."))


class Conveyance(CleanTextMixin, models.Model):
    """A vehicle, flight, train, vessel, container or parcel involved in a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conveyances", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=20, choices=ConveyanceKind.choices)
    identifier = models.CharField(
        _("identifier"), max_length=64, help_text=_("Plate, flight or train number, vessel name, container number.")
    )
    identifier_normalized = models.CharField(max_length=64, db_index=True, editable=False, blank=True)
    carrier = models.CharField(_("carrier"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("country of registration"),
    )
    description = models.CharField(_("description"), max_length=255, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("conveyance")
        verbose_name_plural = _("conveyances")
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.identifier}"

    def save(self, *args, **kwargs) -> None:
        self.prepare_for_write()
        super().save(*args, **kwargs)

    def prepare_for_write(self) -> None:
        """What every write of a conveyance does first (`save`, and the bulk writers that skip it)."""
        clean_instance(self)
        self.identifier_normalized = "".join(ch for ch in self.identifier.upper() if ch.isalnum())


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A generated name (the uploaded one is never used); the extension follows the checked content."""
    extension = uploads.DOCUMENT_TYPES.get(instance.content_type, "bin")
    return f"cases/{instance.case.agency.code}/{instance.case.reference}/{uuid.uuid4().hex}.{extension}"


def validate_attachment_file(file) -> None:
    """Size (as read) and type (from the content, not the name): photos Pillow can verify, or PDF."""
    uploads.check_document(file, settings.ATTACHMENT_MAX_BYTES)


def validate_attachment_size(file) -> None:
    """Size only (kept for migrations written before the content check)."""
    uploads.check_size(file, settings.ATTACHMENT_MAX_BYTES)


class Attachment(CleanTextMixin, models.Model):
    """A photo or scanned document attached to a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case"))
    item = models.ForeignKey(
        SeizedItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments",
        verbose_name=_("item"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.PHOTO)
    file = models.FileField(
        _("file"), upload_to=attachment_path,
        validators=[validate_attachment_file],
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
        verbose_name=_("uploaded by"), editable=False,
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return self.description or self.file.name

    def save(self, *args, **kwargs) -> None:
        if self.file and (not self.file._committed or not self.content_type):
            # a new file: the type comes from its content, never from the name or the browser's claim
            self.size = self.file.size
            self.content_type = uploads.detect(self.file.file) or "application/octet-stream"
        super().save(*args, **kwargs)


class CustodyTransfer(CleanTextMixin, models.Model):
    """A link in the evidence custody chain: who handed what to whom, and when."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="custody_transfers", verbose_name=_("case")
    )
    item = models.ForeignKey(
        SeizedItem, on_delete=models.PROTECT, null=True, blank=True, related_name="custody_transfers",
        verbose_name=_("item"), help_text=_("Empty means all items of the case."),
    )
    transferred_at = models.DateTimeField(_("date and time"), validators=[not_in_future, dates.event_date])
    from_name = models.CharField(_("handed over by"), max_length=200)
    from_organisation = models.CharField(_("from organisation"), max_length=200, blank=True)
    to_name = models.CharField(_("received by"), max_length=200)
    to_organisation = models.CharField(_("to organisation"), max_length=200, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    purpose = models.CharField(_("purpose"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
        verbose_name=_("recorded by"), editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(verbose_name=_("historical custody transfer"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("custody transfer")
        verbose_name_plural = _("custody transfers")
        ordering = ["case", "transferred_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_name} → {self.to_name} ({self.transferred_at:%Y-%m-%d})"

    def clean(self) -> None:
        if self.item_id and self.case_id and self.item.case_id != self.case_id:
            raise ValidationError({"item": _("This item belongs to another case.")})


class PersonAccessLog(models.Model):
    """Who opened which person's record, when and through which door (API, web, admin)."""

    class Channel(models.TextChoices):
        API = "api", _("API")
        WEB = "web", _("Web page")
        ADMIN = "admin", _("Administration")
        EXPORT = "export", _("Export")

    # Indexed by (person, -accessed_at) below, which serves every lookup by person; an export writes an
    # entry per person named, so each index left out is one index fewer to write per entry.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="access_log", verbose_name=_("person"), db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("agency of the user"),
    )
    # Indexed only where set (below): export entries, most of the log, name no case.
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("opened through case"), db_index=False,
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    accessed_at = models.DateTimeField(_("accessed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("person access log entry")
        verbose_name_plural = _("person access log")
        ordering = ["-accessed_at", "-id"]
        indexes = [
            models.Index(fields=["person", "-accessed_at"]),
            models.Index(fields=["case"], name="access_log_case_idx", condition=models.Q(case__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.person} ({self.accessed_at:%Y-%m-%d %H:%M})"


class ExportJob(models.Model):
    """A case-list export written in the background; the file is handed only to the user who asked."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Writing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("user"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.CSV)
    params = models.JSONField(_("filter"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("rows to write"), null=True, blank=True)
    written = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="exportjob_user_created_idx")]

    def __str__(self) -> str:
        return f"{self.get_format_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, int(self.written * 100 / self.total))


class CreationKey(models.Model):
    """The first case created with a client's key (API `Idempotency-Key` header, or the web form's
    one-time token): a retry with the same key within `settings.CREATION_KEY_KEEP_HOURS` answers that case, never
    a second one. Older keys are deleted by the periodic task `seizures.delete_expired_creation_keys`."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("user"))
    key = models.CharField(_("key"), max_length=255)
    fingerprint = models.CharField(_("request fingerprint"), max_length=64, blank=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+", verbose_name=_("case"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("creation key")
        verbose_name_plural = _("creation keys")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="creation_key_once_per_user")]

    def __str__(self) -> str:
        return self.key
