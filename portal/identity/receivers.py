"""Sign-out into the sign-in trail (the audit record; no business logic here)."""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from portal.identity.choices import AuthEventKind


@receiver(user_logged_out, dispatch_uid="portal-identity-logout")
def _logged_out(sender, request, user, **kwargs):
    from portal.identity import services

    if user is not None:
        services.record_event(AuthEventKind.LOGOUT, request=request, username=user.get_username(), user=user)
