from django.urls import path

from portal.privacy import views

app_name = "privacy"
urlpatterns = [
    path("register/", views.register_page, name="register"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/report.pdf", views.data_report, name="data-report"),
    path("people/<int:pk>/erase/", views.erase, name="erase"),
]
