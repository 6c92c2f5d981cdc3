"""Demo content of the governance area for ``make demo`` (``manage.py seed_governance_demo``).

Deterministic: fixed dates and names, created only when missing, every record labelled DEMO.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from governance import choices, services
from governance.models import (
    AgendaItem,
    Body,
    CommunicationItem,
    Decision,
    LegacyDocument,
    MeasureBaseline,
    Meeting,
    Membership,
    Milestone,
    NewsItem,
    PrinciplesVersion,
    ServiceEntity,
    StakeholderEvent,
    StudyStatusEntry,
    TrainingEvent,
    TrainingParticipation,
)
from portal import roles
from portal import services as core_services
from portal.models import Measure, Organisation, ServiceNetworkCentre
from portal.reference_data import load_reference_data

DEMO = "DEMO"
START = dt.date(2026, 1, 1)

# (code, name fi, sv, en, kind, measure number)
BODIES = [
    ("demo-ohjausryhma", "Ohjausryhmä (DEMO)", "Styrgrupp (DEMO)", "Steering group (DEMO)", "steering_group", None),
    (
        "demo-valmisteluryhma",
        "Valmisteluryhmä (DEMO)",
        "Beredningsgrupp (DEMO)",
        "Preparation group (DEMO)",
        "preparation_group",
        None,
    ),
    (
        "demo-tyoryhma-1-1",
        "Työryhmä 1.1 (DEMO)",
        "Arbetsgrupp 1.1 (DEMO)",
        "Working group 1.1 (DEMO)",
        "working_group",
        "1.1",
    ),
]
# (body code, person, organisation code, role)
MEMBERS = [
    ("demo-ohjausryhma", "Demo Puheenjohtaja", "297", "chair"),
    ("demo-ohjausryhma", "Demo Varapuheenjohtaja", "140", "vice_chair"),
    ("demo-ohjausryhma", "Demo Jäsen Varkaus", "915", "member"),
    ("demo-ohjausryhma", "Demo Jäsen Siilinjärvi", "749", "member"),
    ("demo-ohjausryhma", "Demo Varajäsen Suonenjoki", "778", "deputy"),
    ("demo-ohjausryhma", "Demo Sihteeri", "297", "secretary"),
    ("demo-valmisteluryhma", "Demo Valmistelija Kuopio", "297", "chair"),
    ("demo-valmisteluryhma", "Demo Valmistelija Iisalmi", "140", "member"),
    ("demo-tyoryhma-1-1", "Demo Työryhmän vetäjä", "297", "chair"),
]


def _staff_user():
    User = get_user_model()
    user = User.objects.filter(groups__name=roles.PROGRAMME_STAFF).order_by("pk").first()
    if user is None:
        from django.contrib.auth.models import Group

        user, _created = User.objects.get_or_create(username="staff", defaults={"email": "staff@demo.invalid"})
        user.groups.add(Group.objects.get_or_create(name=roles.PROGRAMME_STAFF)[0])
    return user


@transaction.atomic
def seed_governance_demo() -> list[str]:
    if not Measure.objects.exists():
        load_reference_data()
    roles.ensure_groups()
    staff = _staff_user()
    lines: list[str] = []
    org = {o.code: o for o in Organisation.objects.filter(code__in={m[2] for m in MEMBERS})}

    bodies = {}
    for code, fi, sv, en, kind, number in BODIES:
        body = Body.objects.filter(code=code).first()
        if body is None:
            body = services.save_object(
                Body(
                    code=code,
                    name_fi=fi,
                    name_sv=sv,
                    name_en=en,
                    kind=kind,
                    measure=Measure.objects.get(number=number) if number else None,
                    task=f"{DEMO}: valmistelun ohjaus ja seuranta.",
                    mandate=f"{DEMO}: toimikausi 1.1.2026–31.12.2027, aluehallituksen asettama.",
                    valid_from=START,
                    valid_to=dt.date(2027, 12, 31),
                ),
                actor=staff,
            )
        bodies[code] = body
    for body_code, person, org_code, role in MEMBERS:
        if not Membership.objects.filter(body=bodies[body_code], person_name=person).exists():
            services.save_object(
                Membership(
                    body=bodies[body_code],
                    person_name=person,
                    organisation=org[org_code],
                    role=role,
                    term_start=START,
                    term_end=dt.date(2027, 12, 31),
                ),
                actor=staff,
            )
    lines.append(f"governance demo: {len(bodies)} bodies, {Membership.objects.count()} memberships")

    steering = bodies["demo-ohjausryhma"]
    measure_11 = Measure.objects.get(number="1.1")
    measure_12 = Measure.objects.get(number="1.2")
    first = Meeting.objects.filter(body=steering, number="1/2026").first()
    if first is None:
        first = services.save_object(
            Meeting(body=steering, number="1/2026", date=dt.date(2026, 10, 15), location="Kuopio (DEMO)"), actor=staff
        )
        for position, title, measure in [
            (1, "Kokouksen avaus", None),
            (2, "Ohjelmaorganisaation kokoonpano", measure_11),
            (3, "Vuoden 2017 aineiston päivitys", measure_12),
        ]:
            services.save_object(
                AgendaItem(meeting=first, position=position, title=title, measure=measure), actor=staff
            )
        first.minutes = f"{DEMO}: Pöytäkirja. Ohjausryhmä hyväksyi ohjelmaorganisaation ja aineiston päivityksen."
        services.save_object(first, actor=staff, m2m={"attendees": list(steering.memberships.all()[:4])})
        services.record_decision(
            body=steering,
            meeting=first,
            number="2026/1",
            date=first.date,
            text=f"{DEMO}: Ohjausryhmä hyväksyy ohjelmaorganisaation kokoonpanon ja työryhmien tehtävät.",
            measures=[measure_11],
            actor=staff,
        )
        services.record_decision(
            body=steering,
            meeting=first,
            number="2026/2",
            date=first.date,
            text=f"{DEMO}: Vuoden 2017 valmisteluaineisto päivitetään 31.3.2027 mennessä.",
            measures=[measure_12],
            actor=staff,
        )
        services.approve_minutes(first, approved_on=dt.date(2026, 10, 22), actor=staff)
    second = Meeting.objects.filter(body=steering, number="2/2026").first()
    if second is None:
        second = services.save_object(
            Meeting(body=steering, number="2/2026", date=dt.date(2026, 11, 19), location="Iisalmi (DEMO)"), actor=staff
        )
        services.save_object(AgendaItem(meeting=second, position=1, title="Päätöksen 2026/1 korjaus"), actor=staff)
        services.correct_decision(
            Decision.objects.get(body=steering, number="2026/1"),
            number="2026/3",
            date=second.date,
            text=f"{DEMO}: Korjaus päätökseen 2026/1: työryhmään 1.1 lisätään Varkauden edustaja.",
            meeting=second,
            actor=staff,
        )
    lines.append(f"governance demo: {Meeting.objects.count()} meetings, {Decision.objects.count()} decisions")

    # Baselines and current plans of all measures; milestones of the governance measures.
    for index, measure in enumerate(Measure.objects.order_by("sub_area", "number")):
        base_start = START + dt.timedelta(days=30 * (index % 4))
        base_end = dt.date(2027, 3 + index % 9, 28)
        if not MeasureBaseline.objects.filter(measure=measure).exists():
            services.save_object(
                MeasureBaseline(measure=measure, start_date=base_start, end_date=base_end, approved_on=START),
                actor=staff,
            )
        if measure.start_date is None and measure.end_date is None:
            shift = dt.timedelta(days=(index % 3) * 30)
            core_services.update_measure(
                measure,
                changes={"start_date": base_start, "end_date": base_end + shift},
                expected_version=measure.version,
                actor=staff,
            )
    for number, title, planned, actual in [
        ("1.1", "Ohjausryhmä asetettu (DEMO)", dt.date(2026, 3, 1), dt.date(2026, 3, 10)),
        ("1.1", "Päätöksentekomalli hyväksytty (DEMO)", dt.date(2026, 12, 15), None),
        ("1.2", "2017 aineisto katselmoitu (DEMO)", dt.date(2027, 3, 31), None),
        ("1.3", "Viestintäsuunnitelma hyväksytty (DEMO)", dt.date(2026, 6, 1), dt.date(2026, 6, 20)),
        ("2.1", "Johtamiskoulutus pidetty (DEMO)", dt.date(2026, 11, 30), None),
    ]:
        measure = Measure.objects.get(number=number)
        if not Milestone.objects.filter(measure=measure, title=title).exists():
            services.save_object(
                Milestone(
                    measure=measure,
                    title=title,
                    baseline_date=planned,
                    planned_date=planned,
                    actual_date=actual,
                    responsible_organisation=org["297"],
                    responsible_person="Demo Vastuuhenkilö",
                ),
                actor=staff,
            )

    # Communications.
    news = [
        ("demo-ohjausryhma-aloitti", "Ohjausryhmä aloitti työnsä (DEMO)", "fi", dt.datetime(2026, 10, 16, 9, 0)),
        ("demo-styrgruppen-inledde", "Styrgruppen inledde sitt arbete (DEMO)", "sv", dt.datetime(2026, 10, 16, 9, 5)),
        ("demo-luonnos", "Luonnos: syksyn sidosryhmätilaisuudet (DEMO)", "fi", None),
    ]
    for slug, title, language, published in news:
        if not NewsItem.objects.filter(slug=slug).exists():
            services.save_object(
                NewsItem(
                    slug=slug,
                    title=title,
                    language=language,
                    summary=f"{DEMO}: {title}",
                    body=f"{DEMO}: esimerkkiuutinen / exempelnyhet / example news item.",
                    published_at=timezone.make_aware(published) if published else None,
                    author="Demo Viestintä",
                ),
                actor=staff,
            )
    if not CommunicationItem.objects.exists():
        services.save_object(
            CommunicationItem(
                target_group="Kuntien päättäjät (DEMO)",
                channel=choices.Channel.EMAIL,
                message="Valmistelun tilannekatsaus kuukausittain (DEMO)",
                planned_date=dt.date(2026, 12, 1),
                owner="Demo Viestintä",
                measure=Measure.objects.get(number="1.3"),
            ),
            actor=staff,
        )
    if not StakeholderEvent.objects.exists():
        services.save_object(
            StakeholderEvent(
                title="Järjestöjen kuulemistilaisuus (DEMO)",
                date=dt.date(2026, 11, 5),
                target_group="Järjestöt",
                location="Kuopio",
                participants=48,
                feedback_responses=31,
                feedback_score="4.20",
                feedback="DEMO: toivottiin lisää alueellisia tilaisuuksia.",
            ),
            actor=staff,
        )

    # Legacy material, service network, leadership.
    if not LegacyDocument.objects.exists():
        services.save_object(
            LegacyDocument(
                title="Palvelujen järjestämissuunnitelman luonnos 2017 (DEMO)",
                origin="Maakuntauudistuksen valmistelu 2017",
                topic="Palvelujen järjestäminen",
                measure=measure_12,
            ),
            actor=staff,
        )
    if not ServiceEntity.objects.exists():
        centres = list(ServiceNetworkCentre.objects.all())
        municipalities = list(Organisation.objects.municipalities())
        for code, fi, group, mode, take in [
            ("demo-ikaantyneet", "Ikääntyneiden palvelut (DEMO)", "older_people", "own", None),
            ("demo-perhe", "Lasten ja perheiden palvelut (DEMO)", "children_families", "purchased", 8),
            ("demo-paivystys", "Päivystys (DEMO)", "health_care", "own", 0),
        ]:
            entity = services.save_object(
                ServiceEntity(code=code, name_fi=fi, client_group=group, production_mode=mode), actor=staff
            )
            chosen = municipalities if take is None else municipalities[:take]
            entity.municipalities.set(chosen)
            entity.network_centres.set(centres)
    if not TrainingEvent.objects.exists():
        training = services.save_object(
            TrainingEvent(topic="Muutosjohtaminen (DEMO)", date=dt.date(2026, 9, 24)), actor=staff
        )
        for code, count in (("297", 14), ("140", 6), ("915", 5)):
            services.save_object(
                TrainingParticipation(training=training, organisation=org[code], participants=count), actor=staff
            )
    if not PrinciplesVersion.objects.exists():
        services.save_object(
            PrinciplesVersion(
                version=1,
                title="Etäjohtamisen periaatteet (DEMO)",
                text="DEMO: 1. Sovitaan tavoitteet yhdessä. 2. Viikoittainen yhteydenpito. 3. Luottamus.",
                approved_on=dt.date(2026, 5, 1),
            ),
            actor=staff,
        )
    if not StudyStatusEntry.objects.exists():
        services.save_object(
            StudyStatusEntry(
                date=dt.date(2026, 10, 1),
                status=choices.StudyStatus.ONGOING,
                summary="DEMO: SavoGrow-mallin soveltuvuutta selvitetään.",
            ),
            actor=staff,
        )
    lines.append("governance demo content ready")
    return lines
