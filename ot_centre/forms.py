"""Forms of the OT centre. Case forms are plain forms: the verbs in services.py decide and validate."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ot_centre import services
from ot_centre.choices import AgeBand, ConsultationMode, Profession, Urgency
from ot_centre.models import (
    QUESTION_MAX_LENGTH,
    Agreement,
    DeadlineRule,
    DemandEstimate,
    Expert,
    ExpertiseArea,
    UseCase,
)
from portal.forms import MonthField

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _county_choices():
    return [(o.code, o.name_fi) for o in services.area_counties(timezone.localdate())]


class RequestForm(forms.Form):
    """A consultation request: structured fields and one question; no identifying fields exist."""

    mode = forms.ChoiceField(label=_("Mode"), choices=ConsultationMode.choices, widget=forms.RadioSelect)
    county = forms.ChoiceField(label=_("Wellbeing services county"))
    age_band = forms.ChoiceField(label=_("Age band of the child or young person"), choices=AgeBand.choices)
    expertise_area = forms.ChoiceField(label=_("Expertise area"))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    # No maxlength attribute: the service says how long the text was and what the limit is.
    question = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("At most %(n)s characters. Do not write names, birth dates, municipalities or identity codes.")
        % {"n": QUESTION_MAX_LENGTH},
    )
    local_reference = forms.CharField(
        label=_("Your organisation's own reference (pseudonymous cases only)"), required=False, max_length=200
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = _county_choices()
        self.fields["expertise_area"].choices = [(a.code, a.name) for a in ExpertiseArea.objects.order_by("code")]


class TriageForm(forms.Form):
    expertise_area = forms.ChoiceField(label=_("Expertise area"))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    note = forms.CharField(label=_("Triage note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise_area"].choices = [(a.code, a.name) for a in ExpertiseArea.objects.order_by("code")]


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=Expert.objects.none())

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        experts = Expert.objects.valid_on(timezone.localdate()).select_related("user", "organisation")
        # All experts are offered; the verb refuses one outside the case's expertise area with a message.
        self.fields["expert"].queryset = experts
        if case is not None:
            matching = experts.filter(expertise_areas=case.expertise_area)
            self.fields["expert"].help_text = _("Experts of this area: %(names)s") % {
                "names": ", ".join(str(e) for e in matching) or "–"
            }


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 8}))


class ConferenceForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the case conference"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.CharField(
        label=_("Attendees (roles and organisations, no client data)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    statement = forms.CharField(label=_("Written statement"), widget=forms.Textarea(attrs={"rows": 6}))


class CloseForm(forms.Form):
    """The close-out survey (the requester must answer it; the coordinator may close without)."""

    usefulness = forms.TypedChoiceField(
        label=_("How useful was the consultation? (1 = not at all, 5 = very)"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
    )
    plan_changed = forms.ChoiceField(
        label=_("Did the plan change?"), choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    referral_avoided = forms.ChoiceField(
        label=_("Was a referral avoided?"), choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    identity_needed = forms.ChoiceField(
        label=_("Was the client's identity needed to answer?"), choices=YES_NO, widget=forms.RadioSelect, required=False
    )

    def survey(self) -> dict | None:
        data = self.cleaned_data
        if data.get("usefulness") in (None, "") and not any(
            data.get(k) for k in ("plan_changed", "referral_avoided", "identity_needed")
        ):
            return None
        return {
            "usefulness": data.get("usefulness") if data.get("usefulness") not in ("", None) else None,
            **{
                k: {"yes": True, "no": False}.get(data.get(k) or "")
                for k in ("plan_changed", "referral_avoided", "identity_needed")
            },
        }


class ExperienceForm(forms.Form):
    county = forms.ChoiceField(label=_("Your wellbeing services county"))
    profession = forms.ChoiceField(label=_("Profession"), choices=Profession.choices)
    ease_of_use = forms.TypedChoiceField(
        label=_("Ease of use (1-5)"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int
    )
    support_for_work = forms.TypedChoiceField(
        label=_("Support for your own work (1-5)"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int
    )
    would_use_again = forms.ChoiceField(
        label=_("Would you use the network again?"), choices=YES_NO, widget=forms.RadioSelect
    )
    tools_needed = forms.CharField(
        label=_("System tools the network needs"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = _county_choices()


class ReportRequestForm(forms.Form):
    month = MonthField(label=_("Month"), initial=dt.date.today)
    language = forms.ChoiceField(label=_("Language"), choices=[("fi", _("Finnish")), ("sv", _("Swedish"))])


class DeadlineRuleForm(forms.ModelForm):
    class Meta:
        model = DeadlineRule
        fields = ["amount", "unit", "remind_before_hours", "source"]


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "kind", "parties", "valid_from", "valid_to", "document", "document_reference", "note"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }


class ExpertForm(forms.ModelForm):
    class Meta:
        model = Expert
        fields = [
            "user",
            "organisation",
            "title",
            "expertise_areas",
            "capacity_per_month",
            "key_person",
            "key_role",
            "valid_from",
            "valid_to",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }


class UseCaseForm(forms.ModelForm):
    class Meta:
        model = UseCase
        fields = [
            "pilot",
            "title",
            "expertise_area",
            "description",
            "research_need",
            "training_need",
            "development_need",
            "system_tools",
        ]


class DemandEstimateForm(forms.ModelForm):
    class Meta:
        model = DemandEstimate
        fields = ["county", "expertise_area", "year", "estimated_cases", "basis"]
