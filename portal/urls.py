"""Root URLs: UI pages under /fi/, /sv/, /en/; the API, admin and health check without a prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from portal import views
from portal.api.root import api_root
from portal.identity import views as identity_views
from portal.identity.api.views import ObtainTokenView

DOMAIN_APPS = [
    "governance",
    "knowledge_mgmt",
    "integration",
    "digital_services",
    "supervision",
    "archiving",
    "ot_centre",
]
API_PREFIXES = {
    "governance": "governance",
    "knowledge_mgmt": "knowledge",
    "integration": "integration",
    "digital_services": "digital-services",
    "supervision": "supervision",
    "archiving": "archiving",
    "ot_centre": "ot-centre",
}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api_root, name="api-root"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
    path("api/auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("api/notifications/", include("portal.notifications.api.urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("api/portal/", include("portal.api.urls")),
]
urlpatterns += [path(f"api/{API_PREFIXES[app]}/", include(f"{app}.api.urls")) for app in DOMAIN_APPS]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/login/", identity_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", identity_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("portal.identity.urls")),
    path("account/notifications/", include("portal.notifications.urls")),
    path("privacy/", include("portal.privacy.urls")),
    path("", include("portal.urls_ui")),
    *[path(f"{app.replace('_', '-')}/", include(f"{app}.urls")) for app in DOMAIN_APPS],
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "portal.http_errors.bad_request"
handler403 = "portal.http_errors.permission_denied"
handler404 = "portal.http_errors.not_found"
handler500 = "portal.http_errors.server_error"
