"""Pages of personal data: the register, a person's data report (PDF) and erasure (administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from portal import audit, roles
from portal.privacy import register, reports, services


def _require_admin(user) -> None:
    if not roles.is_administrator(user):
        raise PermissionDenied


@login_required
def register_page(request):
    return render(request, "portal/privacy/register.html", {"rows": register.register_rows()})


@login_required
def people(request):
    _require_admin(request.user)
    query = request.GET.get("q", "").strip()
    users = get_user_model().objects.order_by("username")
    if query:
        users = users.filter(username__icontains=query) | users.filter(email__icontains=query)
    return render(request, "portal/privacy/people.html", {"people": users[:50], "q": query})


@login_required
def data_report(request, pk: int):
    """A person's data report as a PDF for staff to hand out. The read is in the access log."""
    _require_admin(request.user)
    person = get_object_or_404(get_user_model(), pk=pk)
    audit.log_access(person, user=request.user, purpose="personal data report")
    pdf = reports.data_report_pdf(person, language=translation.get_language() or "fi", by=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="data-report-{person.pk}.pdf"'
    return response


@login_required
def erase(request, pk: int):
    _require_admin(request.user)
    person = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST":
        try:
            pseudonym = services.erase_account(person, actor=request.user)
        except services.ErasureRefused as exc:
            messages.error(request, _("The account was not erased: %(reason)s") % {"reason": _(str(exc))})
        else:
            messages.success(
                request, _("The account was erased; it appears as %(name)s in the logs.") % {"name": pseudonym}
            )
            return redirect("privacy:people")
    return render(request, "portal/privacy/erase_confirm.html", {"person": person})
