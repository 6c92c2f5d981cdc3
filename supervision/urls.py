from django.urls import path

from portal.views import AreaIndexView

app_name = "supervision"
urlpatterns = [
    path(
        "",
        AreaIndexView.as_view(app_label="supervision", template_name="supervision/index.html"),
        name="index",
    ),
]
