from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from portal import roles

# The seven programme areas in navigation order: (app label, URL name, label).
AREAS = [
    ("governance", "governance:index", _("Governance")),
    ("knowledge_mgmt", "knowledge_mgmt:index", _("Knowledge management")),
    ("integration", "integration:index", _("Integration and data packages")),
    ("digital_services", "digital_services:index", _("Digital services")),
    ("supervision", "supervision:index", _("Supervision")),
    ("archiving", "archiving:index", _("Archiving")),
    ("ot_centre", "ot_centre:index", _("OT centre")),
]


def portal(request):
    nav = []
    for app_label, url_name, label in AREAS:
        try:
            nav.append({"app": app_label, "url": reverse(url_name), "label": label})
        except NoReverseMatch:
            continue
    user = getattr(request, "user", None)
    return {
        "nav_areas": nav,
        "is_programme_staff": roles.is_programme_staff(user) or roles.is_administrator(user),
        "is_administrator": roles.is_administrator(user),
    }
