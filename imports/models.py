from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from seizures.models import Case


class MappingTemplate(models.Model):
    """A saved column mapping for an agency's files: field → heading text."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency"))
    name = models.CharField(_("name"), max_length=120)
    mapping = models.JSONField(_("mapping"), default=dict, help_text=_("Field → heading of the column."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("import mapping template")
        verbose_name_plural = _("import mapping templates")
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unique_mapping_name_per_agency")]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One file brought in for an agency: who, when, which file (name and SHA-256), which mapping, the report."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKED = "checked", _("Checked")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Refused (errors)")
        UNDONE = "undone", _("Undone")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    sheet = models.CharField(_("sheet"), max_length=120, blank=True)
    mapping = models.JSONField(_("mapping used"), default=dict)
    template = models.ForeignKey(
        MappingTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("mapping template"),
    )
    skip_invalid = models.BooleanField(_("skip invalid rows"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_cases = models.PositiveIntegerField(_("cases created"), default=0)
    existing_cases = models.PositiveIntegerField(_("cases already present"), default=0)
    error_rows = models.PositiveIntegerField(_("rows with errors"), default=0)
    warning_rows = models.PositiveIntegerField(_("rows with warnings"), default=0)
    report = models.JSONField(_("report"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("imported by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("undone by"),
    )

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else self.file_name

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class ImportedCase(models.Model):
    """A case created by an import batch, with the agency's own number and the rows it came from."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="imported_cases",
                              verbose_name=_("import batch"))
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="import_link", verbose_name=_("case"))
    original_number = models.CharField(_("agency's own case number"), max_length=64)
    rows = models.CharField(_("rows in the file"), max_length=255, blank=True)
    person_ids = models.JSONField(_("persons created"), default=list, blank=True)

    class Meta:
        verbose_name = _("imported case")
        verbose_name_plural = _("imported cases")
        ordering = ["batch", "id"]

    def __str__(self) -> str:
        return f"{self.original_number} → {self.case_id}"
