from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Appendix, IucnCategory, ListingChange, NationalStatus, PopulationScope, Rank
from .notes import listing_note

code_validator = RegexValidator(r"^[A-Z]{1,3}$", _("Use the CITES code: one to three capital letters."))


class Unit(models.Model):
    """A CITES unit of quantity (KIL, GRM, LTR...). No unit on a quantity means number of specimens."""

    code = models.CharField(_("code"), max_length=3, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=80)
    is_mass = models.BooleanField(_("mass unit"), default=False)
    to_base = models.DecimalField(
        _("factor to base unit"),
        max_digits=20,
        decimal_places=10,
        null=True,
        blank=True,
        help_text=_("Factor to kilograms (mass), litres (volume), square or cubic metres, metres."),
    )

    class Meta:
        verbose_name = _("CITES unit")
        verbose_name_plural = _("CITES units")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Term(models.Model):
    """A CITES term: description of the specimen (LIV live, HOR horns, SKI skins...)."""

    code = models.CharField(_("code"), max_length=3, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=120)
    default_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default unit"),
        help_text=_("Empty means number of specimens."),
    )
    allowed_units = models.ManyToManyField(
        Unit, blank=True, related_name="terms", verbose_name=_("accepted units")
    )
    count_allowed = models.BooleanField(
        _("number of specimens accepted"), default=True, help_text=_("Quantity may be given without a unit.")
    )
    restrict_units = models.BooleanField(
        _("restrict to accepted units"),
        default=False,
        help_text=_("When set, only the accepted units (CITES term-unit table) are valid for this term."),
    )
    is_live = models.BooleanField(_("live specimens"), default=False)

    class Meta:
        verbose_name = _("CITES term")
        verbose_name_plural = _("CITES terms")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def accepts_unit(self, unit: Unit | None) -> bool:
        """Whether a quantity of this term may be expressed in `unit` (None = number of specimens)."""
        if unit is None:
            return self.count_allowed
        if not self.restrict_units:
            return True
        if "allowed_units" in getattr(self, "_prefetched_objects_cache", {}):  # bulk writers prefetch them
            return any(allowed.pk == unit.pk for allowed in self.allowed_units.all())
        return self.allowed_units.filter(pk=unit.pk).exists()


class Source(models.Model):
    """A CITES source code (W wild, C captive-bred, I confiscated...)."""

    code = models.CharField(_("code"), max_length=1, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("CITES source code")
        verbose_name_plural = _("CITES source codes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Purpose(models.Model):
    """A CITES purpose code (T commercial, Z zoo, H hunting trophy...)."""

    code = models.CharField(_("code"), max_length=1, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("CITES purpose code")
        verbose_name_plural = _("CITES purpose codes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Taxon(models.Model):
    """A taxon at any rank, with its place in the taxonomy, names and protection status."""

    scientific_name = models.CharField(_("scientific name"), max_length=200, unique=True)
    author = models.CharField(_("author"), max_length=120, blank=True)
    rank = models.CharField(_("rank"), max_length=20, choices=Rank.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent taxon"),
    )
    kingdom = models.CharField(_("kingdom"), max_length=60, blank=True, db_index=True)
    phylum = models.CharField(_("phylum"), max_length=60, blank=True, db_index=True)
    class_name = models.CharField(_("class"), max_length=60, blank=True, db_index=True)
    order = models.CharField(_("order"), max_length=60, blank=True, db_index=True)
    family = models.CharField(_("family"), max_length=60, blank=True, db_index=True)
    genus = models.CharField(_("genus"), max_length=60, blank=True, db_index=True)
    common_name = models.CharField(_("common name"), max_length=200, blank=True)
    cites_appendix = models.CharField(
        _("CITES appendix"), max_length=3, choices=Appendix.choices, default=Appendix.NOT_LISTED, db_index=True
    )
    cites_annotation = models.TextField(_("CITES annotation"), blank=True)
    cites_listing_party = models.CharField(
        _("listing party (Appendix III)"),
        max_length=2,
        blank=True,
        help_text=_("ISO alpha-2 code of the Party that listed the taxon in Appendix III."),
    )
    cites_listed_since = models.DateField(_("listed since"), null=True, blank=True)
    national_status = models.CharField(
        _("national protection status"), max_length=4, choices=NationalStatus.choices, blank=True
    )
    iucn_category = models.CharField(
        _("IUCN Red List category"), max_length=2, choices=IucnCategory.choices, blank=True
    )
    species_plus_id = models.PositiveIntegerField(_("Species+ id"), null=True, blank=True, unique=True)
    data_source = models.TextField(
        _("data source"), blank=True, help_text=_("Where the listing and names of this taxon come from.")
    )
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("taxon")
        verbose_name_plural = _("taxa")
        ordering = ["scientific_name"]
        indexes = [models.Index(fields=["rank", "scientific_name"])]

    def __str__(self) -> str:
        return self.scientific_name

    @property
    def is_plant(self) -> bool:
        return self.kingdom == "Plantae"

    @property
    def cites_note(self) -> str:
        """The CITES annotation in the active language where it is a higher-taxon note (species.notes)."""
        return listing_note(self.cites_annotation)

    @property
    def current_listing(self):  # -> species.listings.ListingOnDate
        """Today's listing with its date status and, for split listings, the answer per population."""
        from .listings import listing_on

        return listing_on(self)


class TaxonSynonym(models.Model):
    """Another scientific name under which a taxon is known (searchable)."""

    taxon = models.ForeignKey(Taxon, on_delete=models.CASCADE, related_name="synonyms", verbose_name=_("taxon"))
    name = models.CharField(_("name"), max_length=200, db_index=True)
    author = models.CharField(_("author"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["taxon", "name"], name="unique_synonym_per_taxon")]

    def __str__(self) -> str:
        return self.name


class CitesListing(models.Model):
    """One change in a taxon's CITES listing, as published in the Checklist / Species+ history.

    `effective_from` is the day the change entered into force; empty means the date is not known, and the
    row then counts as in force for every earlier day (shown as "date of listing unknown"). A row may apply
    to named populations only (`population_scope` ONLY, `countries`) or to all but named ones (EXCEPT).
    """

    taxon = models.ForeignKey(Taxon, on_delete=models.CASCADE, related_name="listings", verbose_name=_("taxon"))
    appendix = models.CharField(_("appendix"), max_length=3, choices=Appendix.choices)
    change_type = models.CharField(
        _("change"), max_length=24, choices=ListingChange.choices, default=ListingChange.ADDITION
    )
    effective_from = models.DateField(
        _("effective from"), null=True, blank=True,
        help_text=_("Date of entry into force. Empty: date of listing unknown (in force on every earlier day)."),
    )
    population_scope = models.CharField(
        _("populations"), max_length=8, choices=PopulationScope.choices, default=PopulationScope.ALL, blank=True
    )
    countries = models.CharField(
        _("countries of the populations"), max_length=200, blank=True,
        help_text=_("ISO alpha-2 codes separated by spaces, for listings of named populations."),
    )
    party = models.CharField(_("party"), max_length=2, blank=True)
    annotation = models.TextField(_("annotation"), blank=True)
    is_current = models.BooleanField(_("current"), default=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("CITES listing")
        verbose_name_plural = _("CITES listings")
        ordering = ["taxon", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["taxon", "appendix", "change_type", "effective_from", "party", "population_scope",
                        "countries"],
                name="unique_listing_change",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.taxon} {self.appendix} ({self.effective_from or '?'})"

    @property
    def country_codes(self) -> frozenset[str]:
        return frozenset(self.countries.upper().split())

    def applies_to(self, origin: str | None) -> bool | None:
        """Whether the row covers specimens from `origin` (ISO2); None when the origin is unknown and it matters."""
        if self.population_scope in ("", PopulationScope.ALL):
            return True
        if not origin:
            return None
        inside = origin.upper() in self.country_codes
        return inside if self.population_scope == PopulationScope.ONLY else not inside


class IdentificationNote(models.Model):
    """How to recognise a species or a part of it (horns, skins, live birds, eggs...)."""

    taxon = models.ForeignKey(
        Taxon, on_delete=models.CASCADE, related_name="identification_notes", verbose_name=_("taxon")
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("term")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("identification note")
        verbose_name_plural = _("identification notes")
        ordering = ["taxon", "title"]

    def __str__(self) -> str:
        return self.title
