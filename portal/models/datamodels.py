"""Catalogue of the programme's concept and data models (käsitemallit ja tietomallit)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.choices import ConceptRelationKind, DataModelStatus
from portal.models.base import LocalizedNameMixin
from portal.models.localized import localized
from portal.querysets import ProgrammeContentQuerySet


class DataModel(LocalizedNameMixin, models.Model):
    """A concept or data model, e.g. the organiser's SOTE concept model (SOTE-käsitemalli)."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    version = models.CharField(_("version"), max_length=20, default="0.1")
    status = models.CharField(
        _("status"), max_length=20, choices=DataModelStatus.choices, default=DataModelStatus.DRAFT
    )
    measure = models.ForeignKey(
        "portal.Measure",
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_models",
    )

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("data model")
        verbose_name_plural = _("data models")

    def __str__(self) -> str:
        return f"{self.name_fi} {self.version}"

    @property
    def description(self) -> str:
        return localized(self, "description")


class Concept(LocalizedNameMixin, models.Model):
    """A concept (käsite) of a data model, with definitions in three languages."""

    data_model = models.ForeignKey(
        DataModel, verbose_name=_("data model"), on_delete=models.CASCADE, related_name="concepts"
    )
    code = models.SlugField(_("code"), max_length=80)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    definition_fi = models.TextField(_("definition (Finnish)"), blank=True)
    definition_sv = models.TextField(_("definition (Swedish)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["data_model__code", "code"]
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")
        constraints = [models.UniqueConstraint(fields=["data_model", "code"], name="concept_unique_code_in_model")]

    def __str__(self) -> str:
        return self.name_fi

    @property
    def definition(self) -> str:
        return localized(self, "definition")


class ConceptRelation(models.Model):
    """A directed relation between two concepts (broader, part of, related, associated)."""

    source = models.ForeignKey(
        Concept, verbose_name=_("source"), on_delete=models.CASCADE, related_name="relations_out"
    )
    target = models.ForeignKey(Concept, verbose_name=_("target"), on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("kind"), max_length=20, choices=ConceptRelationKind.choices)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["source__code", "kind", "target__code"]
        verbose_name = _("concept relation")
        verbose_name_plural = _("concept relations")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="concept_relation_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="concept_relation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.target}"
