from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    INVESTIGATION = "investigation", _("Under investigation")
    PROSECUTION = "prosecution", _("Referred to prosecution")
    CLOSED = "closed", _("Closed")


class SharingLevel(models.TextChoices):
    AGENCY = "agency", _("Agency only")
    NAMED = "named", _("Named agencies")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional (named countries)")


class DetectionMethod(models.TextChoices):
    DOCUMENTARY = "documentary", _("Documentary check")
    XRAY = "xray", _("X-ray")
    DOG = "dog", _("Sniffer dog")
    PHYSICAL = "physical", _("Physical search")
    INTELLIGENCE = "intelligence", _("Intelligence")
    TIP_OFF = "tip_off", _("Tip-off")
    RISK_PROFILE = "risk_profile", _("Risk profiling")
    OTHER = "other", _("Other")


class TransportMode(models.TextChoices):
    AIR = "air", _("Air")
    ROAD = "road", _("Road")
    RAIL = "rail", _("Rail")
    SEA = "sea", _("Sea")
    POST = "post", _("Postal / courier")
    FOOT = "foot", _("On foot")
    UNKNOWN = "unknown", _("Unknown")


class Concealment(models.TextChoices):
    NONE = "none", _("Not concealed")
    CHECKED_BAGGAGE = "checked_baggage", _("Checked baggage")
    HAND_BAGGAGE = "hand_baggage", _("Hand baggage")
    ON_BODY = "on_body", _("On the body")
    VEHICLE_COMPARTMENT = "vehicle_compartment", _("Hidden vehicle compartment")
    CARGO_MISDECLARED = "cargo_misdeclared", _("Misdeclared cargo")
    POSTAL_PARCEL = "postal_parcel", _("Postal parcel")
    FALSE_BOTTOM = "false_bottom", _("False bottom")
    AMONG_GOODS = "among_goods", _("Mixed with legal goods")
    OTHER = "other", _("Other")


class OutcomeType(models.TextChoices):
    NONE = "", _("Not yet decided")
    WARNING = "warning", _("Warning")
    ADMIN_FINE = "admin_fine", _("Administrative fine")
    CRIMINAL = "criminal", _("Criminal case opened")
    CONVICTION = "conviction", _("Conviction")
    ACQUITTAL = "acquittal", _("Acquittal")
    DROPPED = "dropped", _("Case dropped")


class ItemCondition(models.TextChoices):
    ALIVE = "alive", _("Alive")
    INJURED = "injured", _("Alive, injured")
    DEAD = "dead", _("Dead")
    PARTS = "parts", _("Parts or derivatives")
    PROCESSED = "processed", _("Processed product")


class Disposition(models.TextChoices):
    EVIDENCE = "evidence", _("Held as evidence")
    RESCUE_CENTRE = "rescue_centre", _("Rescue centre")
    RELEASED = "released", _("Released into the wild")
    DESTROYED = "destroyed", _("Destroyed")
    RETURNED = "returned", _("Returned to owner")
    DIED = "died", _("Died in custody")


class PartyRole(models.TextChoices):
    SUSPECT = "suspect", _("Suspect")
    COURIER = "courier", _("Courier")
    OWNER = "owner", _("Owner")
    CONSIGNEE = "consignee", _("Consignee")
    CONSIGNOR = "consignor", _("Consignor")
    WITNESS = "witness", _("Witness")


class IdDocumentType(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    OTHER = "other", _("Other document")


class Sex(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class ConveyanceKind(models.TextChoices):
    VEHICLE = "vehicle", _("Road vehicle")
    FLIGHT = "flight", _("Flight")
    TRAIN = "train", _("Train")
    VESSEL = "vessel", _("Vessel")
    CONTAINER = "container", _("Container")
    PARCEL = "parcel", _("Postal parcel")


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Scanned document")
    OTHER = "other", _("Other")
