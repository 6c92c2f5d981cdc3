"""Organisations of the region: municipalities, joint authorities, the wellbeing services county.

Organisations are time-valid (``valid_from``/``valid_to``) and carry a ``successor`` so that the
2023 reform (hyvinvointialueuudistus) and mergers are represented as they happened: the hospital
district ends on 2022-12-31 and the wellbeing services county takes over on 2023-01-01.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.choices import MunicipalForm, NetworkPole, OrganisationKind
from portal.models.base import LocalizedNameMixin
from portal.querysets import PortalQuerySet, StewardedQuerySet, ValidityQuerySetMixin


class OrganisationQuerySet(ValidityQuerySetMixin, StewardedQuerySet):
    """Organisations are public reference data; stewards edit only the ones granted to them
    (the row itself is the organisation: ``organisation_field = "pk"``); administrators add them."""

    organisation_field = "pk"
    public_read = True

    def can_create(self, user) -> bool:
        return roles.is_administrator(user)

    def municipalities(self):
        return self.filter(kind=OrganisationKind.MUNICIPALITY)


class Organisation(LocalizedNameMixin, models.Model):
    """An organisation: kunta, kuntayhtymä, hyvinvointialue, unit or producer."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Stable key: the official municipality code, or a slug key for other organisations."),
    )
    official_code = models.CharField(_("official code"), max_length=20, blank=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices)
    municipal_form = models.CharField(_("municipal form"), max_length=20, choices=MunicipalForm.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    source = models.TextField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name_fi"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [("steward_organisation", _("Can act as the data steward of the organisation"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organisation_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_fi} ({self.code})"

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


class OrganisationMembership(models.Model):
    """A member organisation (usually a municipality) of a joint authority, region or county."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        Organisation, verbose_name=_("member"), on_delete=models.CASCADE, related_name="member_of"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__code", "member__code"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "member"], name="membership_unique_member"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.code} -> {self.organisation.code}"


class Population(models.Model):
    """Population (väkiluku) of an organisation on 31 December of a year."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    count = models.PositiveIntegerField(_("population"))
    source = models.TextField(_("source"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__code", "year"]
        verbose_name = _("population")
        verbose_name_plural = _("populations")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="population_unique_year"),
            models.CheckConstraint(condition=Q(year__gte=1900) & Q(year__lte=2100), name="population_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.code} {self.year}: {self.count}"


class ServiceNetworkCentre(models.Model):
    """A centre of the three-pole service network (kolminapainen palveluverkko) of the seed."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="network_centre"
    )
    pole = models.CharField(_("pole"), max_length=10, choices=NetworkPole.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True)

    objects = PortalQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name_fi"]
        verbose_name = _("service network centre")
        verbose_name_plural = _("service network centres")
        constraints = [models.UniqueConstraint(fields=["pole"], name="network_centre_unique_pole")]

    def __str__(self) -> str:
        return f"{self.organisation.name_fi} ({self.pole})"
