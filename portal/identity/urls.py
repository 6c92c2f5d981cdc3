from django.urls import path

from portal.identity import views

app_name = "identity"
urlpatterns = [
    path("two-factor/", views.otp_verify, name="otp-verify"),
    path("two-factor/setup/", views.otp_setup, name="otp-setup"),
    path("tokens/", views.token_list, name="token-list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
