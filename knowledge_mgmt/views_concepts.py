"""Links from the core's concepts to indicators, and CSV/JSON export of a data model."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from knowledge_mgmt import services
from knowledge_mgmt.forms import ConceptLinkForm
from knowledge_mgmt.models import ConceptIndicatorLink, Indicator
from portal.exports import csv_response
from portal.models import Concept, ConceptRelation, DataModel
from portal.services import delete_object


class ConceptLinksView(View):
    """Concepts of the catalogue with the indicators that measure them; staff add and remove links."""

    def _context(self, request, form=None):
        user = request.user
        concepts = Concept.objects.visible_to(user).select_related("data_model").order_by("data_model__code", "code")
        links = (
            ConceptIndicatorLink.objects.visible_to(user)
            .filter(indicator__in=Indicator.objects.visible_to(user))
            .select_related("concept__data_model", "indicator")
        )
        by_concept: dict[int, list] = {}
        for link in links:
            by_concept.setdefault(link.concept_id, []).append(link)
        can_edit = ConceptIndicatorLink.objects.can_create(user)
        if can_edit and form is None:
            form = ConceptLinkForm(concepts=concepts, indicators=Indicator.objects.visible_to(user).order_by("code"))
        return {
            "rows": [(concept, by_concept.get(concept.pk, [])) for concept in concepts],
            "models": DataModel.objects.visible_to(user).order_by("code"),
            "form": form if can_edit else None,
            "can_edit": can_edit,
        }

    def get(self, request):
        return render(request, "knowledge_mgmt/concept_links.html", self._context(request))

    def post(self, request):
        user = request.user
        if not ConceptIndicatorLink.objects.can_create(user):
            raise PermissionDenied
        if "delete" in request.POST:
            link = get_object_or_404(ConceptIndicatorLink.objects.editable_by(user), pk=request.POST.get("delete"))
            delete_object(link, actor=user)
            messages.success(request, _("The link was removed."))
            return redirect(reverse("knowledge_mgmt:concept-links"))
        form = ConceptLinkForm(
            request.POST,
            concepts=Concept.objects.visible_to(user),
            indicators=Indicator.objects.visible_to(user),
        )
        if form.is_valid():
            services.link_concept(form.cleaned_data["concept"], form.cleaned_data["indicator"], actor=user)
            messages.success(request, _("The link was saved."))
            return redirect(reverse("knowledge_mgmt:concept-links"))
        return render(request, "knowledge_mgmt/concept_links.html", self._context(request, form), status=400)


EXPORT_HEADER = [
    "model",
    "model_version",
    "concept",
    "name_fi",
    "name_sv",
    "name_en",
    "definition_fi",
    "definition_sv",
    "definition_en",
    "relations",
    "indicators",
]


def datamodel_export(request, code: str, fmt: str):
    """A data model as CSV (one row per concept) or JSON (concepts, relations, indicator links)."""
    if fmt not in ("csv", "json"):
        raise Http404
    model = get_object_or_404(DataModel.objects.visible_to(request.user), code=code)
    concepts = list(Concept.objects.visible_to(request.user).filter(data_model=model).order_by("code"))
    relations = list(
        ConceptRelation.objects.visible_to(request.user)
        .filter(source__data_model=model)
        .select_related("source", "target")
        .order_by("source__code", "kind", "target__code")
    )
    links = list(
        ConceptIndicatorLink.objects.visible_to(request.user)
        .filter(concept__data_model=model, indicator__in=Indicator.objects.visible_to(request.user))
        .select_related("concept", "indicator")
        .order_by("concept__code", "indicator__code")
    )
    rel_by = {}
    for rel in relations:
        rel_by.setdefault(rel.source_id, []).append(f"{rel.kind}:{rel.target.code}")
    ind_by = {}
    for link in links:
        ind_by.setdefault(link.concept_id, []).append(link.indicator.code)
    if fmt == "csv":
        rows = [
            [
                model.code,
                model.version,
                c.code,
                c.name_fi,
                c.name_sv,
                c.name_en,
                c.definition_fi,
                c.definition_sv,
                c.definition_en,
                " ".join(rel_by.get(c.pk, [])),
                " ".join(ind_by.get(c.pk, [])),
            ]
            for c in concepts
        ]
        return csv_response(f"{model.code}.csv", EXPORT_HEADER, rows, delimiter=";")
    data = {
        "code": model.code,
        "version": model.version,
        "status": model.status,
        "name": {"fi": model.name_fi, "sv": model.name_sv, "en": model.name_en},
        "concepts": [
            {
                "code": c.code,
                "name": {"fi": c.name_fi, "sv": c.name_sv, "en": c.name_en},
                "definition": {"fi": c.definition_fi, "sv": c.definition_sv, "en": c.definition_en},
                "indicators": ind_by.get(c.pk, []),
            }
            for c in concepts
        ],
        "relations": [{"source": r.source.code, "kind": r.kind, "target": r.target.code} for r in relations],
    }
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{model.code}.json"'
    return response
