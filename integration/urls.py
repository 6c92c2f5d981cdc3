from django.urls import path

from portal.views import AreaIndexView

app_name = "integration"
urlpatterns = [
    path(
        "",
        AreaIndexView.as_view(app_label="integration", template_name="integration/index.html"),
        name="index",
    ),
]
