from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request, format=None):  # noqa: A002 - DRF's name
    """Entry points of the portal API."""
    from portal.urls import API_PREFIXES

    return Response(
        {
            "schema": reverse("schema", request=request),
            "docs": reverse("api-docs", request=request),
            "token": reverse("api-token", request=request),
            "portal": {
                "organisations": reverse("api-portal:organisation-list", request=request),
                "measures": reverse("api-portal:measure-list", request=request),
                "data-models": reverse("api-portal:data-model-list", request=request),
                "jobs": reverse("api-portal:job-list", request=request),
            },
            "areas": {app: request.build_absolute_uri(f"/api/{prefix}/") for app, prefix in API_PREFIXES.items()},
        }
    )
