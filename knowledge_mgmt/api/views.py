"""The analytics API: indicator metadata, the data endpoint (JSON, CSV, JSON-stat), targets and
municipality reports."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from knowledge_mgmt import outputs
from knowledge_mgmt.api import rows
from knowledge_mgmt.api.serializers import (
    IndicatorSerializer,
    JobStartedSerializer,
    ReportRequestSerializer,
    TargetSerializer,
)
from knowledge_mgmt.filtersets import IndicatorFilterSet
from knowledge_mgmt.models import Indicator, Target
from knowledge_mgmt.selectors import FilterError, RestrictedError, build_data_query
from portal import audit
from portal.api.base import HistoryMixin, PortalReadOnlyViewSet, ServiceModelViewSet
from portal.api.pagination import MAX_OFFSET
from portal.jobs import start_job
from portal.models import Organisation

DEFAULT_LIMIT = 10_000
MAX_LIMIT = 100_000  # JSON-stat: the cube is built whole
MAX_STREAMED_LIMIT = 1_000_000  # json and csv: streamed above STREAM_ROWS rows
STREAM_ROWS = 20_000  # the setting KNOWLEDGE_DATA_STREAM_ROWS overrides it
FORMATS = ("json", "csv", "csv-fi", "jsonstat")


class IndicatorViewSet(PortalReadOnlyViewSet):
    """Indicator metadata (public indicators anonymously, restricted ones when signed in)."""

    queryset = Indicator.objects.select_related("numerator", "denominator").prefetch_related("themes").order_by("code")
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    lookup_field = "code"
    search_fields = ["code", "title_fi", "title_sv", "title_en"]
    ordering_fields = ["code", "updated_at"]


class TargetViewSet(HistoryMixin, ServiceModelViewSet):
    """Targets per indicator, organisation and year; stewards edit their own organisations'."""

    queryset = Target.objects.select_related("indicator", "organisation").order_by(
        "indicator__code", "organisation__code", "year"
    )
    serializer_class = TargetSerializer
    filterset_fields = ["year"]
    ordering_fields = ["year"]

    def get_queryset(self):
        qs = super().get_queryset()
        for param, field in (("indicator", "indicator__code"), ("organisation", "organisation__code")):
            if self.request.query_params.get(param):
                qs = qs.filter(**{f"{field}__in": self.request.query_params[param].split(",")})
        return qs

    def perform_create(self, serializer):
        self._check_organisation(serializer.validated_data["organisation"])
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self._check_organisation(serializer.validated_data.get("organisation", serializer.instance.organisation))
        super().perform_update(serializer)

    def _check_organisation(self, organisation):
        from rest_framework.exceptions import PermissionDenied

        from portal import roles

        user = self.request.user
        if not roles.is_programme_editor(user) and organisation.pk not in roles.stewarded_organisation_ids(user):
            raise PermissionDenied(_("You may set targets only for the organisations you steward."))


class _AnyFormatNegotiation(DefaultContentNegotiation):
    """``format`` is this endpoint's own parameter (json/csv/csv-fi/jsonstat), not DRF's override."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _bad_request(message: str, code: int = 400) -> JsonResponse:
    response = JsonResponse({"detail": message}, status=code)
    if code == 401:
        response["WWW-Authenticate"] = "Token"
    return response


class DataView(APIView):
    """Indicator values as flat rows, CSV or JSON-stat 2.0, with conditional requests."""

    content_negotiation_class = _AnyFormatNegotiation

    @extend_schema(
        operation_id="knowledge_data",
        parameters=[
            OpenApiParameter("indicator", str, description="Indicator codes, comma-separated"),
            OpenApiParameter("organisation", str, description="Organisation codes, comma-separated"),
            OpenApiParameter("year", str, description="Years or ranges, comma-separated (2021,2023-2024)"),
            OpenApiParameter("sex", str, description="total, male, female (comma-separated)"),
            OpenApiParameter("breakdown", str, description="Breakdown codes (_T = total), comma-separated"),
            OpenApiParameter("format", str, enum=list(FORMATS), description="json (default), csv, csv-fi, jsonstat"),
            OpenApiParameter("sep", str, enum=["comma", "semicolon"], description="CSV separator"),
            OpenApiParameter(
                "limit",
                int,
                description=f"Rows per response (default {DEFAULT_LIMIT}; at most {MAX_STREAMED_LIMIT} for json and "
                f"csv, streamed above {STREAM_ROWS}; at most {MAX_LIMIT} for jsonstat)",
            ),
            OpenApiParameter("offset", int, description="Rows to skip"),
        ],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="Rows (json), CSV text or a JSON-stat dataset"),
            304: OpenApiResponse(description="Not modified"),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="A filter value is wrong; detail says why"),
            401: OpenApiResponse(OpenApiTypes.OBJECT, description="Restricted indicators need a token"),
        },
    )
    def get(self, request):
        params = request.query_params
        fmt = params.get("format") or "json"  # sent empty: not given (allowEmptyValue)
        if fmt not in FORMATS:
            return _bad_request(_("format: use one of %(formats)s") % {"formats": ", ".join(FORMATS)})
        sep = params.get("sep") or ("semicolon" if fmt == "csv-fi" else "comma")
        if sep not in ("comma", "semicolon"):
            return _bad_request(_("sep: use comma or semicolon"))
        try:
            limit = int(params.get("limit") or DEFAULT_LIMIT)
            offset = int(params.get("offset") or 0)
        except ValueError:
            return _bad_request(_("limit and offset must be whole numbers"))
        max_limit = MAX_LIMIT if fmt == "jsonstat" else MAX_STREAMED_LIMIT
        if not (1 <= limit <= max_limit) or offset < 0:
            return _bad_request(_("limit must be 1–%(max)s and offset 0 or more") % {"max": max_limit})
        offset = min(offset, MAX_OFFSET)  # past the end is an empty page; the database refuses more
        try:
            query = build_data_query(params, request.user)
        except RestrictedError as exc:
            return _bad_request(str(exc), 401)
        except FilterError as exc:
            return _bad_request(str(exc))

        last, count, meta_last = query.stamp()
        lang = (get_language() or "fi")[:2]
        basis = "|".join(
            [fmt, sep, lang, str(query.public), str(last), str(count), str(meta_last), request.get_full_path()]
        )
        etag = quote_etag(hashlib.sha256(basis.encode()).hexdigest()[:32])
        modified = max((t for t in (last, meta_last) if t is not None), default=None)
        if self._not_modified(request, etag, modified):
            response = HttpResponseNotModified()
            self._stamp(response, etag, modified, query.public)
            return response

        # Answers above STREAM_ROWS rows are streamed (knowledge_mgmt/api/rows.py): the worker
        # holds one chunk of rows at a time; smaller ones are sent whole, with a Content-Length.
        answer_rows = max(0, min(limit, count - offset))
        stream = answer_rows > getattr(settings, "KNOWLEDGE_DATA_STREAM_ROWS", STREAM_ROWS)
        if fmt == "json":
            base = request.build_absolute_uri(request.path)
            others = "&".join(f"{k}={v}" for k, v in params.items() if k not in ("limit", "offset"))
            nxt = (
                f"{base}?{others}{'&' if others else ''}limit={limit}&offset={offset + limit}"
                if offset + limit < count
                else None
            )
            head = {"count": count, "next": nxt, "published": last.isoformat() if last else None}
            chunks = rows.json_chunks(query, head, offset=offset, limit=limit, stream=stream)
            response = self._answer(chunks, stream, "application/json")
        elif fmt in ("csv", "csv-fi"):
            chunks = rows.csv_chunks(query, semicolon=sep == "semicolon", offset=offset, limit=limit, stream=stream)
            response = self._answer(chunks, stream, "text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="indicator-data.csv"'
        else:
            text = rows.jsonstat_text(
                query,
                labels_for=lambda pairs: self._jsonstat_labels(pairs, lang),
                updated=modified,
                lang=lang,
                offset=offset,
                limit=limit,
            )
            response = HttpResponse(text, content_type="application/json")
        self._stamp(response, etag, modified, query.public)
        # The publication date of the data shown (issue 10): values are written only when an import
        # or conversion is published, so the latest write of the selection is its publication.
        if last is not None:
            response["X-Data-Published"] = last.isoformat()
        return response

    @staticmethod
    def _answer(chunks, stream: bool, content_type: str) -> HttpResponse | StreamingHttpResponse:
        if stream:
            return StreamingHttpResponse((chunk.encode() for chunk in chunks), content_type=content_type)
        return HttpResponse("".join(chunks), content_type=content_type)

    @staticmethod
    def _jsonstat_labels(pairs: list[dict], lang: str) -> dict:
        labels = outputs.jsonstat_labels(pairs, lang)
        labels["_title"] = _("Indicator data")
        labels["_source"] = _("Pohjois-Savo sote portal, indicator bank")
        labels["_dimensions"] = {
            "indicator": _("Indicator"),
            "organisation": _("Organisation"),
            "year": _("Year"),
            "sex": _("Sex"),
            "breakdown": _("Breakdown"),
        }
        return labels

    @staticmethod
    def _not_modified(request, etag: str, modified) -> bool:
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match:
            tags = [t.strip() for t in if_none_match.split(",")]
            return etag in tags or "*" in tags or f"W/{etag}" in tags
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        return bool(since and modified and int(modified.timestamp()) <= since)

    @staticmethod
    def _stamp(response, etag: str, modified, public: bool) -> None:
        response["ETag"] = etag
        if modified is not None:
            response["Last-Modified"] = http_date(modified.timestamp())
        response["Cache-Control"] = "public, max-age=60" if public else "private, no-cache"
        response["Vary"] = "Authorization, Cookie, Accept-Language"


class MunicipalityReportView(APIView):
    """Start the municipality report PDF job; download from the job when it has succeeded."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="knowledge_report_create",
        request=ReportRequestSerializer,
        responses={202: JobStartedSerializer},
    )
    def post(self, request):
        serializer = ReportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = (
            Organisation.objects.visible_to(request.user).filter(code=serializer.validated_data["organisation"]).first()
        )
        if organisation is None:
            return Response({"organisation": [_("Unknown organisation code.")]}, status=status.HTTP_400_BAD_REQUEST)
        from knowledge_mgmt.tasks import municipality_report

        audit.set_user(request.user)
        job = start_job(
            municipality_report,
            kind="knowledge_report",
            actor=request.user,
            organisation=organisation,
            input_ref={
                "organisation": organisation.code,
                "report_language": serializer.validated_data["language"],
                "year": serializer.validated_data.get("year"),
            },
        )
        data = {
            "job": job.pk,
            "status_url": reverse("api-portal:job-detail", args=[job.pk]),
            "download_url": reverse("api-portal:job-download", args=[job.pk]),
        }
        return Response(JobStartedSerializer(data).data, status=status.HTTP_202_ACCEPTED)
