from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register as register_history
from simple_history.models import HistoricalRecords

from .choices import AgencyKind, PostKind, Role


class Country(models.Model):
    """A country by ISO 3166-1 (alpha-2 and alpha-3). `name` is translated (en/ru/ky)."""

    iso2 = models.CharField(
        _("ISO alpha-2 code"), max_length=2, unique=True, validators=[RegexValidator(r"^[A-Z]{2}$")]
    )
    iso3 = models.CharField(
        _("ISO alpha-3 code"), max_length=3, unique=True, validators=[RegexValidator(r"^[A-Z]{3}$")]
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.iso2


class Agency(models.Model):
    """An organisation that uses the system: customs, border service, police, ministry..."""

    code = models.CharField(
        _("code"),
        max_length=16,
        unique=True,
        help_text=_("Short code used in case reference numbers, e.g. KG-CUS."),
        validators=[RegexValidator(r"^[A-Z]{2}-[A-Z0-9]{2,8}$", _("Use the form CC-XXX, e.g. KG-CUS."))],
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("country")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent agency"),
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_source = models.CharField(
        _("source of the contact details"), max_length=300, blank=True,
        help_text=_("Where the e-mail, phone and website were published, and when they were read."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name or self.code


class Post(models.Model):
    """A place where an agency works: airport, road checkpoint, rail station, post office, market."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="posts", verbose_name=_("agency"))
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PostKind.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="posts", verbose_name=_("country"))
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    is_border_crossing = models.BooleanField(_("border crossing"), default=False)
    neighbour_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbouring country"),
        help_text=_("For border crossings: the country on the other side."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name or self.code


class Membership(models.Model):
    """A user's place in the system: one agency and one role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    post = models.ForeignKey(
        Post,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("usual post"),
    )
    language = models.CharField(
        _("interface language"), max_length=8, choices=settings.LANGUAGES, blank=True, default="",
        help_text=_("Empty: the language chosen in the browser, or the system default."),
    )
    history = HistoricalRecords(verbose_name=_("historical membership"))

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.agency.code} ({self.get_role_display()})"


# Audit trail for user accounts (who changed whose account, when, old and new values).
register_history(get_user_model(), app="agencies", table_name="agencies_historicaluser",
                 excluded_fields=["password", "last_login"])
