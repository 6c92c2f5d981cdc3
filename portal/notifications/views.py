"""The inbox and the preferences page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.notifications import registry, services
from portal.notifications.choices import Delivery
from portal.notifications.models import Notification


@login_required
def inbox(request):
    qs = Notification.objects.visible_to(request.user).order_by("-created_at", "-id")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "portal/notifications/inbox.html", {"page": page})


@login_required
def open_notification(request, pk: int):
    """Mark read and follow the link (only to this site)."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    services.mark_read(notification, actor=request.user)
    if notification.link and url_has_allowed_host_and_scheme(notification.link, {request.get_host()}):
        return redirect(notification.link)
    return redirect("notifications:inbox")


@login_required
@require_POST
def read_all(request):
    services.mark_all_read(actor=request.user)
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    kinds = registry.all_kinds()
    if request.method == "POST":
        choices = {k.slug: request.POST[k.slug] for k in kinds if request.POST.get(k.slug) in Delivery.values}
        services.set_preferences(actor=request.user, choices=choices)
        messages.success(request, _("Preferences saved."))
        return redirect("notifications:preferences")
    rows = [{"kind": k, "current": services.delivery_for(request.user, k)} for k in kinds]
    return render(request, "portal/notifications/preferences.html", {"rows": rows, "choices": Delivery.choices})
