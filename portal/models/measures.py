"""The programme's 16 measures (toimenpiteet) and their progress journal."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.choices import MeasureStatus, PortalApp
from portal.models.localized import localized
from portal.querysets import ProgrammeContentQuerySet


class Measure(models.Model):
    """A measure of the programme plan, e.g. 2.3 "SOTE-tietopakettien päivittäminen"."""

    sub_area = models.PositiveSmallIntegerField(_("sub-area"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    number = models.CharField(_("number"), max_length=10, unique=True)
    app = models.CharField(_("portal area"), max_length=40, choices=PortalApp.choices)
    title_fi = models.TextField(_("title (Finnish)"))
    title_sv = models.TextField(_("title (Swedish)"), blank=True)
    title_en = models.TextField(_("title (English)"), blank=True)
    deliverables_fi = models.TextField(_("deliverables (Finnish)"), blank=True)
    deliverables_sv = models.TextField(_("deliverables (Swedish)"), blank=True)
    deliverables_en = models.TextField(_("deliverables (English)"), blank=True)
    responsible_organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
    )
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.NOT_STARTED
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Incremented on every edit; used to detect concurrent edits.")
    )
    source = models.TextField(_("source"), blank=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["sub_area", "number"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="measure_progress_max_100"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="measure_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title_fi}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def deliverables(self) -> str:
        return localized(self, "deliverables")

    def deliverable_list(self) -> list[str]:
        return [item.strip() for item in self.deliverables.split(";") if item.strip()]


class MeasureProgress(models.Model):
    """One entry of a measure's progress journal (edistymispäiväkirja)."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="progress_entries"
    )
    date = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        constraints = [models.CheckConstraint(condition=Q(percent__lte=100), name="progress_percent_max_100")]

    def __str__(self) -> str:
        return f"{self.measure.number} {self.date} {self.percent}\u00a0%"
