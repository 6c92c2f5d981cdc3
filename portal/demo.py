"""Demo content for ``make demo``: one account per role and a little programme content.

Every demo record says it is demo data. Refused when DEBUG is off (see the command).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from portal import roles, services
from portal.choices import DataModelStatus, MeasureStatus
from portal.models import DataModel, Measure, MeasureProgress, Organisation
from portal.reference_data import load_reference_data

DEMO_PASSWORD = "savo-demo-2026"  # noqa: S105 - documented demo password, DEBUG only

# username -> (roles, stewarded organisation codes, superuser)
DEMO_USERS: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "staff": ((roles.PROGRAMME_STAFF,), (), False),
    "steward-kuopio": ((roles.DATA_STEWARD,), ("297",), False),
    "steward-iisalmi": ((roles.DATA_STEWARD,), ("140",), False),
    "decision": ((roles.DECISION_MAKER,), (), False),
    "expert": ((roles.EXPERT,), (), False),
    "supervisor": ((roles.SUPERVISOR,), (), False),
    "expert2": ((roles.EXPERT,), (), False),
    "ot-coordinator": ((roles.OT_COORDINATOR,), (), False),
    "professional": ((roles.PROFESSIONAL,), (), False),
    "archivist": ((roles.ARCHIVIST,), (), False),
    "admin": ((roles.ADMINISTRATOR,), (), True),
}

DEMO_DATA_MODELS = [
    # Deliverables of measure 2.2 in the programme plan; their content is still to be written.
    (
        "sote-kasitemalli",
        "Järjestäjän SOTE-käsitemalli",
        "Organisatörens SOTE-begreppsmodell",
        "The organiser's SOTE concept model",
        "2.2",
    ),
    (
        "palvelutuotannon-ohjaus",
        "Palvelutuotannon ohjauksen ja seurannan tietomalli",
        "Informationsmodell för styrning och uppföljning av serviceproduktionen",
        "Data model of production steering and monitoring",
        "2.2",
    ),
    (
        "tuottajavalvonta",
        "Tuottajavalvonnan tietomalli",
        "Informationsmodell för tillsynen över producenter",
        "Data model of producer supervision",
        "2.2",
    ),
]


@transaction.atomic
def seed_demo() -> list[str]:
    lines = [*load_reference_data().lines()]
    roles.ensure_groups()
    User = get_user_model()
    for username, (role_names, steward_codes, superuser) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@demo.invalid", "first_name": "Demo"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = superuser
        user.is_superuser = superuser
        user.save()
        user.groups.add(*Group.objects.filter(name__in=role_names))
        for code in steward_codes:
            services.grant_steward(user, Organisation.objects.get(code=code))
        lines.append(f"user {username}: {'created' if created else 'exists'}")

    for code, fi, sv, en, measure_number in DEMO_DATA_MODELS:
        DataModel.objects.get_or_create(
            code=code,
            defaults={
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "status": DataModelStatus.PLANNED,
                "measure": Measure.objects.get(number=measure_number),
                "description_fi": "Ohjelmasuunnitelman tuotos; sisältö laaditaan valmistelussa.",
                "description_sv": "Ett resultat i programplanen; innehållet utarbetas under beredningen.",
                "description_en": "A deliverable of the programme plan; its content is written during the preparation.",
            },
        )

    staff = User.objects.get(username="staff")
    demo_progress = {
        "1.1": (40, MeasureStatus.ON_TRACK),
        "2.3": (25, MeasureStatus.AT_RISK),
        "3.4": (10, MeasureStatus.ON_TRACK),
    }
    for number, (percent, status) in demo_progress.items():
        measure = Measure.objects.get(number=number)
        if not MeasureProgress.objects.filter(measure=measure).exists():
            services.record_progress(
                measure,
                percent=percent,
                status=status,
                actor=staff,
                date=dt.date(2026, 11, 1),
                note="DEMO: esimerkkimerkintä / exempel / example entry",
            )
    lines.append("demo content ready")
    return lines
