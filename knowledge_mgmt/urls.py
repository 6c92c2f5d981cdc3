from django.urls import path

from portal.views import AreaIndexView

app_name = "knowledge_mgmt"
urlpatterns = [
    path(
        "",
        AreaIndexView.as_view(app_label="knowledge_mgmt", template_name="knowledge_mgmt/index.html"),
        name="index",
    ),
]
