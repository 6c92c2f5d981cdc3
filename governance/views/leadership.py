"""Leadership: trainings, participation, principles and the study status."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View

from governance import forms
from governance.models import (
    PrinciplesVersion,
    StudyStatusEntry,
    TrainingEvent,
    TrainingParticipation,
)
from governance.views.base import GovernanceFormView
from portal import permissions

# --- Leadership -----------------------------------------------------------------------------


class LeadershipView(LoginRequiredMixin, View):
    def get(self, request):
        user = request.user
        return render(
            request,
            "governance/leadership.html",
            {
                "trainings": TrainingEvent.objects.visible_to(user).prefetch_related("participations__organisation"),
                "principles": PrinciplesVersion.objects.visible_to(user),
                "studies": StudyStatusEntry.objects.visible_to(user),
                "can_edit": permissions.can_create(user, TrainingEvent),
            },
        )


class TrainingFormView(GovernanceFormView):
    model = TrainingEvent
    form_class = forms.TrainingEventForm
    title = gettext_lazy("New training event")

    def success_url(self, obj):
        return reverse("governance:leadership")


class ParticipationFormView(GovernanceFormView):
    model = TrainingParticipation
    form_class = forms.TrainingParticipationForm
    title = gettext_lazy("Participants of an organisation")

    def new_instance(self):
        training = get_object_or_404(
            TrainingEvent.objects.editable_by(self.request.user), pk=self.kwargs["training_pk"]
        )
        return TrainingParticipation(training=training)

    def success_url(self, obj):
        return reverse("governance:leadership")


class PrinciplesFormView(GovernanceFormView):
    model = PrinciplesVersion
    form_class = forms.PrinciplesVersionForm
    title = gettext_lazy("New version of the remote-leadership principles")

    def new_instance(self):
        latest = PrinciplesVersion.objects.order_by("-version").first()
        if latest is None:
            return PrinciplesVersion(version=1)
        return PrinciplesVersion(version=latest.version + 1, title=latest.title, text=latest.text)

    def get_instance(self):
        if "pk" in self.kwargs:
            raise Http404  # versions are kept as they were: a change is a new version
        return super().get_instance()

    def success_url(self, obj):
        return reverse("governance:leadership")


class StudyStatusFormView(GovernanceFormView):
    model = StudyStatusEntry
    form_class = forms.StudyStatusForm
    title = gettext_lazy("New SavoGrow study status")

    def success_url(self, obj):
        return reverse("governance:leadership")
