from django.urls import path

from portal.views import AreaIndexView

app_name = "governance"
urlpatterns = [
    path("", AreaIndexView.as_view(app_label="governance", template_name="governance/index.html"), name="index"),
]
