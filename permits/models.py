import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency, Country
from common import dates
from common.limits import LimitedTextField
from species.models import Purpose, Source, Taxon, Term, Unit

from .choices import DocumentType, PermitStatus, RequirementDirection

_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_permit_number(number: str) -> str:
    """Permit number without spaces, dashes, slashes or dots, upper-case, with O→0 and I/L→1."""
    return re.sub(r"[\s\-_/.\\]", "", (number or "").upper()).translate(_CONFUSABLE)


class Permit(models.Model):
    """A CITES permit or certificate (or a national document) issued or registered in the system."""

    document_type = models.CharField(_("document type"), max_length=20, choices=DocumentType.choices)
    number = models.CharField(_("number"), max_length=64)
    number_normalized = models.CharField(_("normalised number"), max_length=64, db_index=True, editable=False)
    issuing_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="permits_issued", verbose_name=_("issuing country")
    )
    issuing_authority = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="permits_issued",
        verbose_name=_("issuing authority"),
    )
    issuing_authority_name = models.CharField(_("issuing authority (as printed)"), max_length=200, blank=True)
    exporter_name = models.CharField(_("exporter / re-exporter"), max_length=200, blank=True)
    exporter_address = LimitedTextField(_("exporter address"), blank=True)
    importer_name = models.CharField(_("importer"), max_length=200, blank=True)
    importer_address = LimitedTextField(_("importer address"), blank=True)
    country_of_export = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of export"),
    )
    country_of_import = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of import"),
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True, validators=[dates.event_date])
    valid_from = models.DateField(_("valid from"), validators=[dates.expiry_date])
    valid_until = models.DateField(_("valid until"), validators=[dates.expiry_date])
    security_stamp_number = models.CharField(_("security stamp number"), max_length=64, blank=True)
    signed_payload = models.JSONField(
        _("signed content"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The permit content covered by its verification code, as it was when signed."),
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=PermitStatus.choices, default=PermitStatus.VALID)
    notes = LimitedTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("historical permit"))

    class Meta:
        verbose_name = _("permit")
        verbose_name_plural = _("permits")
        ordering = ["-valid_from", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_country", "number_normalized"], name="unique_permit_number_per_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.issuing_country.iso2})"

    def save(self, *args, **kwargs) -> None:
        self.number_normalized = normalise_permit_number(self.number)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end of validity cannot be before its start.")})

    @property
    def holder_name(self) -> str:
        """The person or company the document was issued to."""
        if self.document_type == DocumentType.IMPORT:
            return self.importer_name or self.exporter_name
        return self.exporter_name or self.importer_name


class PermitLine(models.Model):
    """One line of a permit: a taxon, a term, a quantity, source and purpose, and how much was used."""

    permit = models.ForeignKey(Permit, on_delete=models.CASCADE, related_name="lines", verbose_name=_("permit"))
    line_no = models.PositiveSmallIntegerField(_("line"), default=1)
    taxon = models.ForeignKey(Taxon, on_delete=models.PROTECT, related_name="permit_lines", verbose_name=_("taxon"))
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("term"))
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("Empty means number of specimens."),
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+", verbose_name=_("source"))
    purpose = models.ForeignKey(Purpose, on_delete=models.PROTECT, related_name="+", verbose_name=_("purpose"))
    quantity_used = models.DecimalField(
        _("quantity used"), max_digits=14, decimal_places=3, default=Decimal("0"), editable=False
    )
    history = HistoricalRecords(verbose_name=_("historical permit line"))

    class Meta:
        verbose_name = _("permit line")
        verbose_name_plural = _("permit lines")
        ordering = ["permit", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["permit", "line_no"], name="unique_line_no_per_permit"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="permit_line_quantity_positive"),
            models.CheckConstraint(
                condition=models.Q(quantity_used__gte=0) & models.Q(quantity_used__lte=models.F("quantity")),
                name="permit_line_used_within_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.permit.number} #{self.line_no}: {self.taxon} {self.term.code}"

    @property
    def quantity_remaining(self) -> Decimal:
        return self.quantity - self.quantity_used

    def clean(self) -> None:
        if self.term_id and not self.term.accepts_unit(self.unit):
            raise ValidationError({"unit": _("This unit is not accepted for the term %(term)s.") % {
                "term": self.term.code}})


class PermitUse(models.Model):
    """A quantity taken from a permit line by a legal shipment or a seizure (see services.use_quantity)."""

    line = models.ForeignKey(PermitLine, on_delete=models.PROTECT, related_name="uses", verbose_name=_("permit line"))
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    reference = models.CharField(
        _("reference"), max_length=120, help_text=_("Case reference, shipment or declaration number.")
    )
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    used_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("permit quantity use")
        verbose_name_plural = _("permit quantity uses")
        ordering = ["-used_at"]
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gt=0), name="permit_use_quantity_positive")]

    def __str__(self) -> str:
        return f"{self.line}: {self.quantity} ({self.reference})"


class NationalRequirement(models.Model):
    """A document a country requires on top of CITES (e.g. a national hunting licence for Argali trophies)."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="national_requirements", verbose_name=_("country")
    )
    taxon = models.ForeignKey(
        Taxon,
        on_delete=models.CASCADE,
        related_name="national_requirements",
        verbose_name=_("taxon"),
        help_text=_("Applies to this taxon and every taxon below it."),
    )
    term = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("term"),
        help_text=_("Empty means every kind of specimen."),
    )
    direction = models.CharField(
        _("direction"), max_length=20, choices=RequirementDirection.choices, default=RequirementDirection.ANY
    )
    document_name = models.CharField(_("document"), max_length=200)
    description = LimitedTextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("national requirement")
        verbose_name_plural = _("national requirements")
        ordering = ["country", "document_name"]

    def __str__(self) -> str:
        return f"{self.country.iso2}: {self.document_name} ({self.taxon})"
