"""Demo content of the OT centre (``seed_ot_centre_demo``): idempotent, DEBUG only.

12 experts in 5 organisations (the demo users ``expert`` and ``expert2`` are two of them; the others
are accounts without a usable password), the ``ot-coordinator`` demo user as coordinator, the
``professional`` demo user as a requester in Keski-Suomi, 40 requests over the four counties in all
states, one pilot with phases, use cases, experience reports and demand estimates. Every demo text
says it is demo data; no case text contains anything about a real client.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings

from ot_centre import reference, services
from ot_centre.choices import AgreementKind, Profession, RequestStatus
from ot_centre.deadlines import HELSINKI
from ot_centre.models import (
    Agreement,
    ConsultationRequest,
    DemandEstimate,
    ExperienceReport,
    Expert,
    ExpertiseArea,
    Pilot,
    PilotPhase,
    UseCase,
    WorkingGroup,
)
from portal import roles
from portal.models import Organisation

COUNTIES = ("pshva", "kshva", "eshva", "pkhva")
AREAS = (
    "neuropsychiatric",
    "child-protection-psychiatry",
    "difficult-divorces",
    "barnahus",
    "rare-disorders",
    "demanding-substitute-care",
)
# username, first, last, organisation, title, areas, capacity, key role
EXPERTS = [
    (
        "expert",
        "Eeva",
        "Asiantuntija",
        "kys-lnok",
        "Lastenpsykiatri",
        AREAS[:2],
        8,
        "Verkoston lääketieteellinen vastuuhenkilö",
    ),
    (
        "expert2",
        "Erkki",
        "Asiantuntija",
        "pshva",
        "Johtava sosiaalityöntekijä",
        AREAS[2:4],
        6,
        "Lastensuojelun yhdyshenkilö",
    ),
    ("ot-expert-03", "Anna", "Demo", "kys-lnok", "Neuropsykologi", AREAS[:1], 5, ""),
    ("ot-expert-04", "Ville", "Demo", "kys-lnok", "Lastenneurologi", (AREAS[0], AREAS[4]), 4, ""),
    ("ot-expert-05", "Laura", "Demo", "pshva", "Perheterapeutti", (AREAS[2],), 4, ""),
    (
        "ot-expert-06",
        "Mikko",
        "Demo",
        "kshva",
        "Nuorisopsykiatri",
        (AREAS[1],),
        5,
        "Keski-Suomen työryhmän puheenjohtaja",
    ),
    ("ot-expert-07", "Sanna", "Demo", "kshva", "Sosiaalityöntekijä", (AREAS[5],), 4, ""),
    ("ot-expert-08", "Juha", "Demo", "eshva", "Psykologi", (AREAS[3],), 3, ""),
    ("ot-expert-09", "Tiina", "Demo", "eshva", "Erikoissairaanhoitaja", (AREAS[0], AREAS[1]), 4, ""),
    ("ot-expert-10", "Pekka", "Demo", "pkhva", "Lastenlääkäri", (AREAS[4],), 3, ""),
    ("ot-expert-11", "Outi", "Demo", "pkhva", "Sijaishuollon sosiaalityöntekijä", (AREAS[5], AREAS[2]), 4, ""),
    ("ot-expert-12", "Heikki", "Demo", "pkhva", "Barnahus-psykologi", (AREAS[3],), 3, ""),
]
QUESTION = (
    "DEMO: Ammattilainen pyytää konsultaatiota vaativassa tilanteessa ({area}, ikäryhmä {age}). "
    "Tilanne kuvataan ilman tunnistetietoja: perheen tuen tarve on kasvanut, ja työryhmä pohtii "
    "seuraavia askelia. Mitä arviointeja suosittelette ja missä järjestyksessä?"
)


def _user(username: str, first: str = "", last: str = "", *role_names: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
    if created:
        user.set_unusable_password()
        user.save()
    if first and not user.first_name:
        user.first_name, user.last_name = first, last
        user.save()
    user.groups.add(*Group.objects.filter(name__in=role_names))
    return user


def _org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def seed_network() -> list[Expert]:
    experts = []
    for username, first, last, org, title, areas, capacity, key_role in EXPERTS:
        user = _user(username, first, last, roles.EXPERT)
        expert, _created = Expert.objects.get_or_create(
            user=user,
            organisation=_org(org),
            defaults={
                "title": title,
                "capacity_per_month": capacity,
                "key_person": bool(key_role),
                "key_role": key_role,
                "valid_from": dt.date(2024, 1, 1),
            },
        )
        expert.expertise_areas.add(*ExpertiseArea.objects.filter(code__in=areas))
        experts.append(expert)
    if not Agreement.objects.exists():
        counties = [_org(c) for c in COUNTIES]
        for title, kind, parties, start in (
            (
                "DEMO: OT-keskuksen yhteistyösopimus 2024–2025",
                AgreementKind.COOPERATION,
                [*counties, _org("kys-lnok")],
                dt.date(2024, 1, 1),
            ),
            (
                "DEMO: Konsultaatiopalvelusopimus (Itä-Suomi)",
                AgreementKind.CONSULTATION,
                [*counties],
                dt.date(2024, 3, 1),
            ),
            (
                "DEMO: TKI-yhteistyö ISOn ja KOSKEn kanssa",
                AgreementKind.RESEARCH,
                [_org("iso"), _org("koske"), _org("kys-lnok")],
                dt.date(2024, 6, 1),
            ),
        ):
            agreement = Agreement.objects.create(
                title=title,
                kind=kind,
                valid_from=start,
                valid_to=dt.date(2025, 12, 31),
                document_reference="DEMO-ASIAKIRJA",
            )
            agreement.parties.set(parties)
    if not WorkingGroup.objects.exists():
        for name, area, chair, members in (
            ("DEMO: Neuropsykiatrinen työryhmä", AREAS[0], experts[0], experts[2:4] + [experts[8]]),
            (
                "DEMO: Lastensuojelun ja psykiatrian yhteistyöryhmä",
                AREAS[1],
                experts[5],
                [experts[0], experts[8], experts[1]],
            ),
        ):
            group = WorkingGroup.objects.create(
                name=name,
                purpose="DEMO: alueellinen kehittämistyöryhmä",
                expertise_area=ExpertiseArea.objects.get(code=area),
                chair=chair,
                valid_from=dt.date(2024, 1, 1),
            )
            group.members.set(members)
    return experts


def seed_pilot() -> Pilot:
    pilot = Pilot.objects.filter(name__startswith="DEMO").first()
    if pilot is not None:
        return pilot
    pilot = Pilot.objects.create(
        name="DEMO: OT-keskuksen ylimaakunnallinen pilotti",
        coordinator=_org("kys-lnok"),
        start=dt.date(2024, 1, 1),
        end=dt.date(2025, 12, 31),
        description="DEMO: KYS:n lasten ja nuorten osaamiskeskus koordinoi yhdessä ISOn kanssa.",
    )
    pilot.partners.set([_org("iso"), *[_org(c) for c in COUNTIES]])
    for order, (name, start, end, parts) in enumerate(
        (
            ("Perustiedot ja alueellinen tilannekuva", dt.date(2024, 1, 1), dt.date(2024, 5, 31), ("pshva",)),
            ("Pilotointi maakuntarajat ylittäen", dt.date(2024, 6, 1), dt.date(2025, 6, 30), COUNTIES),
            ("Konseptointi ja alustan vaatimukset", dt.date(2025, 7, 1), dt.date(2025, 12, 31), COUNTIES),
        ),
        start=1,
    ):
        phase = PilotPhase.objects.create(pilot=pilot, order=order, name=name, start=start, end=end, goals="DEMO")
        phase.participants.set([_org(c) for c in parts])
    for title, area, r, t, d in (
        ("DEMO: Neuropsykiatrinen arvio ennen sijoitusta", AREAS[0], True, False, True),
        ("DEMO: Eroriita ja lapsen tapaamiset", AREAS[2], False, True, True),
        ("DEMO: Barnahus-tutkimuksen jälkeinen tuki", AREAS[3], True, True, False),
        ("DEMO: Harvinainen sairaus ja koulunkäynti", AREAS[4], False, True, False),
        ("DEMO: Vaativan sijaishuollon paikan etsintä", AREAS[5], False, False, True),
    ):
        UseCase.objects.create(
            pilot=pilot,
            title=title,
            expertise_area=ExpertiseArea.objects.get(code=area),
            description="DEMO-käyttötapaus",
            research_need=r,
            training_need=t,
            development_need=d,
            system_tools="DEMO: suojattu viestintä, ajanvaraus",
        )
    rnd = random.Random(7)  # demo data
    for i in range(9):
        ExperienceReport.objects.create(
            pilot=pilot,
            county=_org(COUNTIES[i % 4]),
            profession=list(Profession.values)[i % 5],
            ease_of_use=rnd.randint(3, 5),
            support_for_work=rnd.randint(2, 5),
            would_use_again=i % 4 != 0,
            tools_needed="DEMO: videoyhteys",
            comment="DEMO",
        )
    for year in (2024, 2025):
        for county in COUNTIES:
            for area in AREAS:
                DemandEstimate.objects.get_or_create(
                    county=_org(county),
                    expertise_area=ExpertiseArea.objects.get(code=area),
                    year=year,
                    defaults={"estimated_cases": rnd.randint(3, 15), "basis": "DEMO: perustietokysely"},
                )
    return pilot


def seed_cases(experts: list[Expert]) -> int:
    professional = get_user_model().objects.get(username="professional")
    coordinator = get_user_model().objects.get(username="ot-coordinator")
    if ConsultationRequest.objects.filter(requester=professional).exists():
        return 0
    others = {c: _user(f"ot-professional-{c}", "Demo", c, roles.PROFESSIONAL) for c in COUNTIES}
    rnd = random.Random(13)  # demo data
    # (status) x 40: 20 closed, 6 answered, 6 assigned, 4 triaged, 4 submitted.
    plan = ["closed"] * 20 + ["answered"] * 6 + ["assigned"] * 6 + ["triaged"] * 4 + ["submitted"] * 4
    created = 0
    base = dt.datetime(2024, 2, 5, 9, 0, tzinfo=HELSINKI)
    recent = dt.datetime.now(HELSINKI).replace(minute=0, second=0, microsecond=0)
    for i, state in enumerate(plan):
        county = COUNTIES[i % 4]
        requester = professional if county == "kshva" and i % 8 in (1, 5) else others[county]
        if i in (33, 37):
            requester = professional
        area = AREAS[0] if i % 3 == 0 else AREAS[i % 6]
        if state == "closed":
            submitted = base + dt.timedelta(days=29 * i, hours=i % 5)
        else:
            submitted = recent - dt.timedelta(days=(40 - i) // 2, hours=3)
        urgency = "urgent" if i % 7 == 0 else "normal"
        case = services.submit_request(
            actor=requester,
            mode="pseudonymous" if i % 3 == 1 else "anonymous",
            county=county,
            age_band=["0-2", "3-6", "7-12", "13-17", "18-24"][i % 5],
            expertise_area=area,
            urgency=urgency,
            question=QUESTION.format(area=area, age=i % 5),
            now=submitted,
        )
        created += 1
        if state == "submitted":
            continue
        triaged = submitted + dt.timedelta(hours=rnd.randint(2, 60))
        case = services.triage_request(case, actor=coordinator, note="DEMO: ohjattu asiantuntijalle", now=triaged)
        if state == "triaged":
            continue
        candidates = [e for e in experts if e.expertise_areas.filter(code=case.expertise_area.code).exists()]
        preferred = [e for e in candidates if e.user.username in ("expert", "expert2")]
        expert = preferred[0] if preferred and i % 2 == 0 else rnd.choice(candidates)
        case = services.assign_expert(
            case, actor=coordinator, expert=expert, now=max(triaged, dt.datetime(2024, 1, 2, tzinfo=HELSINKI))
        )
        services.post_message(case, actor=requester, body="DEMO: lisätietona perheellä on jo tukitoimia.")
        if state == "assigned":
            continue
        answered = triaged + dt.timedelta(hours=rnd.randint(10, 220))
        case = services.answer_request(
            case,
            actor=expert.user,
            answer="DEMO: suosittelemme moniammatillista arviota ja verkostoneuvottelua.",
            now=answered,
        )
        if i % 5 == 0:
            services.record_conference(
                case,
                actor=expert.user,
                held_on=answered.date(),
                attendees="DEMO: sosiaalityö, lastenpsykiatria",
                statement="DEMO-lausunto",
            )
        if state == "answered":
            continue
        survey = {
            "usefulness": rnd.randint(3, 5),
            "plan_changed": i % 2 == 0,
            "referral_avoided": i % 3 == 0,
            "identity_needed": i % 4 == 0,  # 5 of the 20 closed cases: shown (a share of 1-4 would be hidden)
        }
        services.close_request(case, actor=requester, survey=survey, now=answered + dt.timedelta(days=2))
    services.redact_due_requests()
    return created


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def seed_ot_centre_demo() -> list[str]:
    """Idempotent: the reference data is upserted, network and cases are created only once."""
    with transaction.atomic():
        counts = reference.load_all()
        roles.ensure_groups()
        coordinator = _user("ot-coordinator", "Koordinaattori", "Demo", roles.OT_COORDINATOR)
        experts = seed_network()
        pilot = seed_pilot()
        cases = seed_cases(experts)
    return [
        f"reference: {counts}",
        f"coordinator: {coordinator.username}",
        f"experts: {Expert.objects.count()}",
        f"pilot: {pilot.name}",
        f"requests created now: {cases}; total {ConsultationRequest.objects.count()}",
        f"states: { {s: ConsultationRequest.objects.filter(status=s).count() for s in RequestStatus.values} }",
    ]
