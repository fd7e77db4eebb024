from django.db import models
from django.utils.translation import gettext_lazy as _


class Rank(models.TextChoices):
    KINGDOM = "kingdom", _("Kingdom")
    PHYLUM = "phylum", _("Phylum")
    CLASS = "class", _("Class")
    ORDER = "order", _("Order")
    FAMILY = "family", _("Family")
    GENUS = "genus", _("Genus")
    SPECIES = "species", _("Species")
    SUBSPECIES = "subspecies", _("Subspecies")
    POPULATION = "population", _("Population")


RANK_ORDER = [r.value for r in Rank]


class Appendix(models.TextChoices):
    I = "I", _("Appendix I")  # noqa: E741
    II = "II", _("Appendix II")
    III = "III", _("Appendix III")
    NOT_LISTED = "NC", _("Not listed")


class IucnCategory(models.TextChoices):
    EX = "EX", _("Extinct")
    EW = "EW", _("Extinct in the wild")
    CR = "CR", _("Critically endangered")
    EN = "EN", _("Endangered")
    VU = "VU", _("Vulnerable")
    NT = "NT", _("Near threatened")
    LC = "LC", _("Least concern")
    DD = "DD", _("Data deficient")
    NE = "NE", _("Not evaluated")


class NationalStatus(models.TextChoices):
    NONE = "", _("Not protected nationally")
    RED_BOOK_I = "RB1", _("Red Book of the Kyrgyz Republic, category I")
    RED_BOOK_II = "RB2", _("Red Book of the Kyrgyz Republic, category II")
    RED_BOOK_III = "RB3", _("Red Book of the Kyrgyz Republic, category III")
    RED_BOOK_IV = "RB4", _("Red Book of the Kyrgyz Republic, category IV")
    RED_BOOK_V = "RB5", _("Red Book of the Kyrgyz Republic, category V")
    RED_BOOK = "RB", _("Red Book of the Kyrgyz Republic")


class ListingChange(models.TextChoices):
    ADDITION = "ADDITION", _("Addition")
    DELETION = "DELETION", _("Deletion")
    RESERVATION = "RESERVATION", _("Reservation")
    RESERVATION_WITHDRAWAL = "RESERVATION_WITHDRAWAL", _("Reservation withdrawal")


class PopulationScope(models.TextChoices):
    ALL = "ALL", _("All populations")
    ONLY = "ONLY", _("Only the populations of the named countries")
    EXCEPT = "EXCEPT", _("All populations except those of the named countries")
