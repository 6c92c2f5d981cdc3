"""Digital services' models in the generated test kit (portal/testing/test_generated.py).

Programme staff keep the catalogue, the paths, pilots, chat rules and the counselling model; a
decision-maker reads and changes nothing (a create form is a 403, a row's edit/delete a 403 or
404). Monthly figures are the organisation's own: a Kuopio steward writes them, programme staff
may not. Not in the kit, and covered elsewhere: the file uploads of figures and segment history
and the indicator-bank import run as jobs or verbs with their own checks (test_figures.py,
test_inclusion_and_model.py, test_bank_import.py); the computed indicators have no rows of their
own (test_figures.py); the chat page keeps nothing (test_chat.py).
"""

from __future__ import annotations

import datetime as dt
import itertools

from digital_services import forms
from digital_services import models as m
from digital_services.tests import factories as f
from portal.testing.cases import KitCase, form_case

_months = itertools.count()


def _figure() -> m.MonthlyFigure:
    n = next(_months)
    return f.MonthlyFigureFactory(month=dt.date(2024 - n // 12, 12 - n % 12, 1))


def case(model, factory, form_class, create=None, edit=None, **kwargs) -> KitCase:
    """A staff-kept case: programme staff with rights, a decision-maker without."""
    options = {"with_rights": "staff_user", "without_rights": "decision_maker", **kwargs}
    return form_case(
        model,
        factory,
        form_class,
        create=create,
        edit=edit,
        **options,
    )


CASES = [
    case(
        m.DigitalService,
        f.DigitalServiceFactory,
        forms.DigitalServiceForm,
        create=lambda o: {"code": "kit-service"},
        edit=lambda o: {"name_fi": "Muutettu palvelu"},
        public=True,
        list_url="digital_services:service-list",
        detail_url="digital_services:service-detail",
        create_url="digital_services:service-create",
        edit_url="digital_services:service-edit",
        delete_url="digital_services:service-delete",
        api_list="api-digital_services:service-list",
        api_detail="api-digital_services:service-detail",
    ),
    case(
        m.ServiceFeature,
        f.ServiceFeatureFactory,
        forms.ServiceFeatureForm,
        create=lambda o: {"code": "kit-feature"},
        edit=lambda o: {"name_fi": "Muutettu ominaisuus"},
        create_url="digital_services:feature-create",
        edit_url="digital_services:feature-edit",
        delete_url="digital_services:feature-delete",
    ),
    case(
        m.ServiceChannel,
        f.ServiceChannelFactory,
        forms.ServiceChannelForm,
        create=lambda o: {"name_fi": "Uusi kanava"},
        edit=lambda o: {"address": "https://muutettu.example"},
        create_url="digital_services:service-channel-create",
        edit_url="digital_services:service-channel-edit",
        delete_url="digital_services:service-channel-delete",
    ),
    case(
        m.Rollout,
        f.RolloutFactory,
        forms.RolloutForm,
        create=lambda o: {"service": f.DigitalServiceFactory().pk},
        edit=lambda o: {"needed_changes": "Ajanvaraus liitetään."},
        list_url="digital_services:rollout-list",
        detail_url="digital_services:rollout-detail",
        create_url="digital_services:rollout-create",
        edit_url="digital_services:rollout-edit",
        delete_url="digital_services:rollout-delete",
        api_list="api-digital_services:rollout-list",
        api_detail="api-digital_services:rollout-detail",
    ),
    case(
        m.MonthlyFigure,
        _figure,
        forms.MonthlyFigureForm,
        create=lambda o: {"month": "2010-01"},
        edit=lambda o: {"month": o.month.strftime("%Y-%m"), "virtual_contacts": 12},
        with_rights="steward_a",
        list_url="digital_services:figure-list",
        detail_url="digital_services:figure-detail",
        create_url="digital_services:figure-create",
        edit_url="digital_services:figure-edit",
        delete_url="digital_services:figure-delete",
        api_list="api-digital_services:monthly-figure-list",
        api_detail="api-digital_services:monthly-figure-detail",
    ),
    case(
        m.OfflineRate,
        f.OfflineRateFactory,
        forms.OfflineRateForm,
        create=lambda o: {"min_age": 150, "max_age": 151},
        edit=lambda o: {"rate_percent": "20.00"},
        create_url="digital_services:offline-rate-create",
        edit_url="digital_services:offline-rate-edit",
    ),
    case(
        m.AgeStructure,
        f.AgeStructureFactory,
        forms.AgeStructureForm,
        create=lambda o: {"year": 1990},
        edit=lambda o: {"residents": 9100},
        create_url="digital_services:age-structure-create",
        edit_url="digital_services:age-structure-edit",
    ),
    case(
        m.ServicePath,
        f.ServicePathFactory,
        forms.ServicePathForm,
        create=lambda o: {"code": "kit-path"},
        edit=lambda o: {"name_fi": "Muutettu polku"},
        list_url="digital_services:path-list",
        detail_url="digital_services:path-detail",
        create_url="digital_services:path-create",
        edit_url="digital_services:path-edit",
        delete_url="digital_services:path-delete",
        api_list="api-digital_services:path-list",
        api_detail="api-digital_services:path-detail",
    ),
    case(
        m.PathStep,
        f.PathStepFactory,
        forms.PathStepForm,
        create=lambda o: {"position": 99},
        edit=lambda o: {"name_fi": "Muutettu vaihe"},
        create_url="digital_services:step-create",
        edit_url="digital_services:step-edit",
    ),
    case(
        m.StepChange,
        f.StepChangeFactory,
        forms.StepChangeForm,
        create=lambda o: {"change": "Uusi muutos"},
        edit=lambda o: {"done": "on"},
        create_url="digital_services:step-change-create",
        edit_url="digital_services:step-change-edit",
    ),
    case(
        m.Pilot,
        f.PilotFactory,
        forms.PilotForm,
        create=lambda o: {"code": "kit-pilot"},
        edit=lambda o: {"results": "Tulokset kirjattu."},
        list_url="digital_services:pilot-list",
        detail_url="digital_services:pilot-detail",
        create_url="digital_services:pilot-create",
        edit_url="digital_services:pilot-edit",
        delete_url="digital_services:pilot-delete",
        api_list="api-digital_services:pilot-list",
        api_detail="api-digital_services:pilot-detail",
    ),
    case(
        m.ChatIntent,
        f.ChatIntentFactory,
        forms.ChatIntentForm,
        create=lambda o: {"code": "kit-intent"},
        edit=lambda o: {"answer_fi": "Muutettu vastaus"},
        list_url="digital_services:intent-list",
        create_url="digital_services:intent-create",
        edit_url="digital_services:intent-edit",
    ),
    case(
        m.GuidanceContact,
        f.GuidanceContactFactory,
        forms.GuidanceContactForm,
        create=lambda o: {"code": "kit-contact"},
        edit=lambda o: {"verified_on": dt.date(2026, 6, 1)},
        list_url="digital_services:contact-list",
        create_url="digital_services:contact-create",
        edit_url="digital_services:contact-edit",
    ),
    case(
        m.ChatDailyStat,
        f.ChatDailyStatFactory,
        None,
        list_url="digital_services:chat-stats",
        api_list="api-digital_services:chat-statistic-list",
        api_detail="api-digital_services:chat-statistic-detail",
    ),
    case(
        m.CounsellingSegment,
        f.CounsellingSegmentFactory,
        forms.CounsellingSegmentForm,
        create=lambda o: {"code": "kit-segment"},
        edit=lambda o: {"base_persons": 1200},
        detail_url="digital_services:segment-detail",
        create_url="digital_services:segment-create",
        edit_url="digital_services:segment-edit",
    ),
    case(
        m.SegmentHistory,
        f.SegmentHistoryFactory,
        forms.SegmentHistoryForm,
        create=lambda o: {"year": 1980},
        edit=lambda o: {"persons": 950},
        create_url="digital_services:segment-history-create",
        edit_url="digital_services:segment-history-edit",
    ),
    case(
        m.CounsellingChannel,
        f.CounsellingChannelFactory,
        forms.CounsellingChannelForm,
        create=lambda o: {"code": "kit-channel"},
        edit=lambda o: {"share_percent": "6.00"},
        create_url="digital_services:channel-create",
        edit_url="digital_services:channel-edit",
    ),
    case(
        m.SystemRequirement,
        f.SystemRequirementFactory,
        forms.SystemRequirementForm,
        create=lambda o: {"code": "kit-requirement"},
        edit=lambda o: {"priority": "should"},
        list_url="digital_services:requirement-list",
        create_url="digital_services:requirement-create",
        edit_url="digital_services:requirement-edit",
    ),
]
