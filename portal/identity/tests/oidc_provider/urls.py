from django.contrib.auth import get_user_model, login
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from portal.identity.tests.oidc_provider.validator import load_claims


@csrf_exempt
def sign_in(request):
    """The provider's own sign-in: the users are those in the claims file (password "pw")."""
    if request.method != "POST":
        return HttpResponse("sign in")
    username = request.POST.get("username", "")
    entry = load_claims().get(username)
    if entry is None or entry.get("disabled") or request.POST.get("password") != "pw":
        return HttpResponseForbidden("refused")
    user, _ = get_user_model().objects.get_or_create(username=username)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponseRedirect(request.GET.get("next", "/whoami/"))


def whoami(request):
    return HttpResponse(request.user.username if request.user.is_authenticated else "anonymous")


urlpatterns = [
    path("login/", sign_in),
    path("whoami/", whoami),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
