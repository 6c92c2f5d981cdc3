from django.urls import path

from portal.views import AreaIndexView

app_name = "digital_services"
urlpatterns = [
    path(
        "",
        AreaIndexView.as_view(app_label="digital_services", template_name="digital_services/index.html"),
        name="index",
    ),
]
