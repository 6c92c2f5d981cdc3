from django.urls import path

from portal.views import AreaIndexView

app_name = "archiving"
urlpatterns = [
    path("", AreaIndexView.as_view(app_label="archiving", template_name="archiving/index.html"), name="index"),
]
