from django.urls import path

from portal.views import AreaIndexView

app_name = "ot_centre"
urlpatterns = [
    path("", AreaIndexView.as_view(app_label="ot_centre", template_name="ot_centre/index.html"), name="index"),
]
