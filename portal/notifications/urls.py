from django.urls import path

from portal.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("preferences/", views.preferences, name="preferences"),
    path("read-all/", views.read_all, name="read-all"),
    path("<int:pk>/", views.open_notification, name="open"),
]
