"""The API's permission class: the queryset decides.

Reads go through ``visible_to(user)`` and writes through ``editable_by(user)`` (see
``PortalViewSet.get_queryset``), so an object outside a user's reach is a 404, never a leak.
Creation asks the queryset's ``can_create(user)``.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class QuerysetPermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        if getattr(view, "action", None) == "create":
            model = view.get_model()
            return model.objects.can_create(request.user)
        return True
