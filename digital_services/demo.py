"""Demo content of the digital-services area for all 19 municipalities (labelled DEMO; idempotent).

Facts (helpline numbers, the 75-89 offline rate) come from reference/digital_services_facts.csv.
Figures, age structures, segments and pilots are invented for the demo and say so.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from digital_services import models
from digital_services.choices import ChannelKind, ContactKind, PilotDecision, Priority, RequirementArea
from portal.models import Measure, Organisation, Population

FACTS = Path(__file__).resolve().parent / "reference" / "digital_services_facts.csv"
FACTS_COMPILED_ON = dt.date(2026, 12, 1)  # see reference/README.md
DEMO = "DEMO"


def read_facts() -> dict[str, dict[str, str]]:
    with FACTS.open(encoding="utf-8") as handle:
        return {row["fact"]: row for row in csv.DictReader(handle)}


PHONE = re.compile(r"\d{2,3}(?: \d{3,4}){1,2}|\b112\b")


def _phones(value: str) -> list[str]:
    return PHONE.findall(value)


def _upsert(model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for key, value in values.items():
        setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    return obj


def seed_contacts() -> dict[str, models.GuidanceContact]:
    facts = read_facts()
    mieli = facts["MIELI Crisis Helpline"]
    mieli_fi, mieli_sv = _phones(mieli["value"])[:2]
    emergency = facts["Emergency number"]
    paivystysapu = facts["Päivystysapu"]
    sekasin = facts["Sekasin chat"]
    omaolo = facts["Omaolo"]
    rows = {
        "emergency-112": (
            ContactKind.PHONE,
            "Hätänumero",
            "Nödnummer",
            "Emergency number",
            _phones(emergency["value"])[0],
            emergency["source"],
        ),
        "mieli-crisis-fi": (
            ContactKind.PHONE,
            "MIELI Kriisipuhelin (suomi)",
            "MIELI Kristelefonen (finska)",
            "MIELI Crisis Helpline (Finnish)",
            mieli_fi,
            mieli["source"],
        ),
        "mieli-crisis-sv": (
            ContactKind.PHONE,
            "MIELI Kriisipuhelin (ruotsi)",
            "MIELI Kristelefonen (svenska)",
            "MIELI Crisis Helpline (Swedish)",
            mieli_sv,
            mieli["source"],
        ),
        "paivystysapu": (
            ContactKind.PHONE,
            "Päivystysapu",
            "Jourhjälpen",
            "On-call medical helpline",
            _phones(paivystysapu["value"])[0],
            paivystysapu["source"],
        ),
        "sekasin-chat": (
            ContactKind.WEB,
            "Sekasin-chat (12–29-vuotiaille)",
            "Sekasin-chatten (12–29 år)",
            "Sekasin chat (ages 12–29)",
            "https://sekasin.fi/",
            sekasin["source"],
        ),
        "omaolo-mental-health": (
            ContactKind.WEB,
            "Omaolon mielenterveyden oirearvio",
            "Omaolos symtombedömning för psykisk hälsa",
            "Omaolo mental-health symptom assessment",
            "https://www.omaolo.fi/",
            omaolo["source"].split(" ;")[0],
        ),
    }
    out = {}
    for code, (kind, fi, sv, en, value, source) in rows.items():
        out[code] = _upsert(
            models.GuidanceContact,
            {"code": code},
            {
                "kind": kind,
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "value": value,
                "verified_on": FACTS_COMPILED_ON,
                "source": source[:300],
            },
        )
    return out


INTENTS = [
    # code, escalation, priority, patterns fi/sv/en, answers fi/sv/en, contact codes
    (
        "danger-to-life",
        3,
        10,
        "haluan kuolla\nen halua elää\ntappaa itseni\nitsemurha\nsatuttaa itseäni\nlopettaa kaiken",
        "vill dö\nta mitt liv\nsjälvmord\nskada mig själv",
        "want to die\nkill myself\nsuicide\nend my life\nhurt myself",
        "Tämä kuulostaa vakavalta, ja olen vain robotti. Jos olet vaarassa nyt, soita hätänumeroon 112. "
        "Voit soittaa myös MIELI Kriisipuhelimeen ja puhua ihmisen kanssa heti.",
        "Det här låter allvarligt, och jag är bara en robot. Om du är i fara nu, ring nödnumret 112. "
        "Du kan också ringa MIELI Kristelefonen och prata med en människa direkt.",
        "This sounds serious, and I am only a robot. If you are in danger now, call the emergency number 112. "
        "You can also call the MIELI Crisis Helpline and talk to a person right away.",
        ["emergency-112", "mieli-crisis-fi", "mieli-crisis-sv"],
    ),
    (
        "mental-health-worry",
        2,
        20,
        "ahdistaa\nahdistus\nmasentaa\nmasennus\npaha olo\nen jaksa\nyksinäinen\npelottaa",
        "ångest\ndeprimerad\nmår dåligt\northar inte\nensam",
        "anxious\nanxiety\ndepressed\nfeel bad\nlonely\ncan't cope",
        "Kiitos, että kerroit. Omaolon mielenterveyden oirearvio auttaa arvioimaan omaa tilannettasi, ja "
        "Sekasin-chatissa voit jutella nimettömästi ihmisen kanssa.",
        "Tack för att du berättade. Omaolos symtombedömning för psykisk hälsa hjälper dig att bedöma din "
        "situation, och i Sekasin-chatten kan du prata anonymt med en människa.",
        "Thank you for telling me. Omaolo's mental-health symptom assessment helps you assess your situation, "
        "and in the Sekasin chat you can talk anonymously with a person.",
        ["omaolo-mental-health", "sekasin-chat"],
    ),
    (
        "booking",
        0,
        50,
        "ajanvaraus\nvaraa aika\najan\nvastaanotto",
        "boka tid\ntidsbokning\nmottagning",
        "book an appointment\nappointment\nbooking",
        "Voit tehdä Omaolossa oirearvion, ja sen jälkeen varata ajan sähköisesti. Kiireellisissä asioissa soita Päivystysapuun.",
        "Du kan göra en symtombedömning i Omaolo och sedan boka tid elektroniskt. I brådskande fall, ring Jourhjälpen.",
        "You can do a symptom assessment in Omaolo and then book an appointment online. If it is urgent, call the on-call helpline.",
        ["paivystysapu"],
    ),
    (
        "greeting",
        0,
        90,
        "hei\nmoi\nmoikka\nterve",
        "hej\nhejsan\ntjena",
        "hello\nhi\nhey",
        "Hei! Olen ohjausrobotti, en ihminen. Voit kertoa, mikä mieltäsi painaa tai mitä apua etsit.",
        "Hej! Jag är en vägledningsrobot, inte en människa. Du kan berätta vad du funderar på eller vilken hjälp du söker.",
        "Hi! I am a guidance robot, not a human. You can tell me what is on your mind or what help you are looking for.",
        [],
    ),
    (
        "human-channel",
        1,
        100,
        "",
        "",
        "",
        "En valitettavasti ymmärtänyt. Sinun kannattaa jutella ihmisen kanssa: alla on paikkoja, joista saat apua.",
        "Jag förstod tyvärr inte. Det är bäst att du pratar med en människa: nedan finns ställen där du får hjälp.",
        "I am sorry, I did not understand. It is best to talk to a person: below are places where you can get help.",
        ["sekasin-chat", "mieli-crisis-fi", "paivystysapu"],
    ),
    (
        "unmatched",
        0,
        200,
        "",
        "",
        "",
        "En ymmärtänyt. Voisitko kertoa toisin sanoin?",
        "Jag förstod inte. Kan du säga det med andra ord?",
        "I did not understand. Could you say it in other words?",
        [],
    ),
]


def seed_intents(contacts) -> None:
    for code, esc, prio, pfi, psv, pen, afi, asv, aen, contact_codes in INTENTS:
        intent = _upsert(
            models.ChatIntent,
            {"code": code},
            {
                "escalation": esc,
                "priority": prio,
                "patterns_fi": pfi,
                "patterns_sv": psv,
                "patterns_en": pen,
                "answer_fi": afi,
                "answer_sv": asv,
                "answer_en": aen,
                "active": True,
            },
        )
        intent.contacts.set([contacts[c] for c in contact_codes])


def seed_catalogue() -> dict[str, models.DigitalService]:
    facts = read_facts()
    services = {
        "omaolo": ("Omaolo", "Omaolo", "Omaolo", "DigiFinland", True, "Omaolo", "all residents"),
        "terveyskyla": (
            "Terveyskylä",
            "Terveyskylä",
            "Terveyskylä",
            "University hospital districts",
            False,
            "Terveyskylä",
            "patients and professionals",
        ),
        "suomifi-viestit": (
            "Suomi.fi-viestit",
            "Suomi.fi-meddelanden",
            "Suomi.fi Messages",
            "Digital and Population Data Services Agency",
            False,
            "Suomi.fi Messages / Digi ensin",
            "all clients",
        ),
        "sahkoinen-ajanvaraus": (
            "Sähköinen ajanvaraus",
            "Elektronisk tidsbokning",
            "E-booking",
            "Pohjois-Savon hyvinvointialue",
            False,
            None,
            "all clients",
        ),
        "ohjauschat": (
            "Nuorten ohjauschat (pilotti)",
            "Vägledningschatt för unga (pilot)",
            "Guidance chat for young people (pilot)",
            "Pohjois-Savon hyvinvointialue",
            False,
            "Design rules of a youth mental-health bot (Sekasin)",
            "young people",
        ),
    }
    out = {}
    for code, (fi, sv, en, provider, medical, fact, groups) in services.items():
        source = f"{facts[fact]['value']} ({facts[fact]['source']})" if fact else DEMO
        out[code] = _upsert(
            models.DigitalService,
            {"code": code},
            {
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "provider": provider,
                "medical_device": medical,
                "target_groups": groups,
                "languages": "fi,sv",
                "source": source,
                "description_fi": facts[fact]["value"] if fact else "",
                "valid_from": dt.date(2019, 2, 1) if code == "omaolo" else None,
            },
        )
    # Demo features: a few Omaolo symptom assessments (examples; the full list is 17 + a general survey).
    for code, fi, sv, en in (
        ("flunssa", "Flunssaoireet", "Förkylningssymtom", "Cold symptoms"),
        ("virtsatieinfektio", "Virtsatieinfektio", "Urinvägsinfektion", "Urinary tract infection"),
        ("selkakipu", "Selkäkipu", "Ryggsmärta", "Back pain"),
        ("mielenterveys", "Mielenterveyden oirearvio", "Symtombedömning för psykisk hälsa", "Mental-health assessment"),
    ):
        _upsert(
            models.ServiceFeature,
            {"service": out["omaolo"], "code": code},
            {"name_fi": fi, "name_sv": sv, "name_en": en, "medical_device": True},
        )
    for service, kind, fi, sv, en, address, ident in (
        (
            "omaolo",
            ChannelKind.ECHANNEL,
            "Omaolo-verkkopalvelu",
            "Omaolo webbtjänst",
            "Omaolo web service",
            "https://www.omaolo.fi/",
            True,
        ),
        ("omaolo", ChannelKind.PHONE, "Päivystysapu", "Jourhjälpen", "On-call helpline", "116 117", False),
        (
            "terveyskyla",
            ChannelKind.WEBPAGE,
            "Terveyskylä.fi",
            "Terveyskylä.fi",
            "Terveyskylä.fi",
            "https://www.terveyskyla.fi/",
            False,
        ),
        (
            "suomifi-viestit",
            ChannelKind.ECHANNEL,
            "Suomi.fi-viestit",
            "Suomi.fi-meddelanden",
            "Suomi.fi Messages",
            "https://www.suomi.fi/viestit",
            True,
        ),
        ("sahkoinen-ajanvaraus", ChannelKind.ECHANNEL, "Ajanvaraus", "Tidsbokning", "Booking", "", True),
        ("ohjauschat", ChannelKind.ECHANNEL, "Ohjauschat", "Vägledningschatt", "Guidance chat", "", False),
    ):
        _upsert(
            models.ServiceChannel,
            {"service": out[service], "kind": kind, "name_fi": fi},
            {"name_sv": sv, "name_en": en, "address": address, "requires_identification": ident},
        )
    return out


def seed_rollouts(services) -> None:
    orgs = {o.code: o for o in Organisation.objects.all()}
    rows = [
        (
            "omaolo",
            "297",
            dict(
                planned_on=dt.date(2018, 6, 1),
                pilot_from=dt.date(2019, 2, 1),
                live_from=dt.date(2019, 9, 1),
                ebooking_linked=True,
            ),
        ),
        (
            "omaolo",
            "yla-savon-sote",
            dict(planned_on=dt.date(2020, 1, 1), pilot_from=dt.date(2021, 3, 1), ebooking_linked=False),
        ),
        (
            "omaolo",
            "pshva",
            dict(
                planned_on=dt.date(2023, 1, 1),
                pilot_from=dt.date(2023, 6, 1),
                live_from=dt.date(2024, 3, 1),
                ebooking_linked=True,
            ),
        ),
        ("terveyskyla", "pshva", dict(live_from=dt.date(2023, 1, 1))),
        ("terveyskyla", "psshp", dict(live_from=dt.date(2016, 1, 1))),
        (
            "suomifi-viestit",
            "pshva",
            dict(planned_on=dt.date(2023, 1, 1), pilot_from=dt.date(2024, 1, 1), live_from=dt.date(2025, 1, 1)),
        ),
        ("suomifi-viestit", "297", dict(pilot_from=dt.date(2021, 1, 1), live_from=dt.date(2022, 1, 1))),
        ("sahkoinen-ajanvaraus", "pshva", dict(pilot_from=dt.date(2023, 9, 1), live_from=dt.date(2024, 9, 1))),
        ("ohjauschat", "pshva", dict(planned_on=dt.date(2025, 9, 1), pilot_from=dt.date(2026, 3, 1))),
    ]
    for service, org_code, dates in rows:
        if org_code not in orgs:
            continue
        _upsert(
            models.Rollout,
            {"service": services[service], "feature": None, "organisation": orgs[org_code]},
            {"needed_changes": f"{DEMO}: " + "connect to e-booking; train the staff", **dates},
        )


def _months_back(n: int) -> list[dt.date]:
    first = timezone.localdate().replace(day=1)
    out = []
    for _ in range(n):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        out.append(first)
    return sorted(out)


def seed_figures() -> None:
    municipalities = list(Organisation.objects.municipalities().order_by("code"))
    populations = {p.organisation_id: p.count for p in Population.objects.filter(year=2020)}
    for index, municipality in enumerate(municipalities):
        population = populations.get(municipality.pk, 5000)
        for m, month in enumerate(_months_back(12)):
            recipients = int(population * (0.05 + 0.004 * m))
            paper = int(population * (0.03 - 0.0015 * m))
            completed = int(population * 0.004)
            values = {
                "assessments_completed": completed,
                "referred_to_booking": int(completed * (0.3 + (index % 5) * 0.04)),
                "messages_recipients": recipients,
                "paper_letters": max(paper, 0),
                "returns_to_paper": int(population * 0.0005),
                "virtual_contacts": int(population * 0.002),
            }
            if municipality.code == "844" and m == 0:  # Tervo: a month with nothing sent shows "no value"
                values.update(messages_recipients=0, paper_letters=0, assessments_completed=0, referred_to_booking=0)
            _upsert(models.MonthlyFigure, {"organisation": municipality, "month": month}, values)


def seed_inclusion() -> None:
    facts = read_facts()["Internet use of people aged 75-89"]
    rate = re.search(r"(\d+) % never", facts["value"]).group(1)
    _upsert(
        models.OfflineRate,
        {"min_age": 75, "max_age": 89},
        {"rate_percent": rate, "source": f"{facts['value']} ({facts['source']})", "reference_year": 2013},
    )
    for municipality in Organisation.objects.municipalities():
        population = Population.objects.filter(organisation=municipality, year=2020).first()
        if population is None:
            continue
        _upsert(
            models.AgeStructure,
            {"organisation": municipality, "year": 2020, "min_age": 75, "max_age": 89},
            {
                "residents": round(population.count * 0.10),
                "source": f"{DEMO}: 10 % of the 2020 population, not official data; load Statistics Finland's age table",
            },
        )


def seed_paths(services) -> None:
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=["297", "140", "pshva"])}
    paths = [
        (
            "omaolo-ajanvaraus-kaynti",
            "Oirearvio – ajanvaraus – käynti",
            "Symtombedömning – tidsbokning – besök",
            "Assessment – booking – visit",
            [
                ("Omaolo-oirearvio", "Symtombedömning i Omaolo", "Omaolo assessment", "omaolo"),
                ("Sähköinen ajanvaraus", "Elektronisk tidsbokning", "E-booking", "sahkoinen-ajanvaraus"),
                ("Vastaanottokäynti", "Mottagningsbesök", "Visit", None),
            ],
        ),
        (
            "chat-omaolo-perhekeskus",
            "Chat – mielenterveyden oirearvio – perhekeskus",
            "Chatt – bedömning av psykisk hälsa – familjecentret",
            "Chat – mental-health assessment – family centre",
            [
                ("Ohjauschat", "Vägledningschatt", "Guidance chat", "ohjauschat"),
                (
                    "Omaolon mielenterveyden oirearvio",
                    "Omaolos bedömning av psykisk hälsa",
                    "Omaolo mental-health assessment",
                    "omaolo",
                ),
                ("Perhekeskuksen yhteydenotto", "Kontakt med familjecentret", "Family centre contact", None),
            ],
        ),
    ]
    for code, fi, sv, en, steps in paths:
        path = _upsert(
            models.ServicePath, {"code": code}, {"name_fi": fi, "name_sv": sv, "name_en": en, "description": DEMO}
        )
        for position, (sfi, ssv, sen, service) in enumerate(steps, start=1):
            step = _upsert(
                models.PathStep,
                {"path": path, "position": position},
                {"name_fi": sfi, "name_sv": ssv, "name_en": sen, "service": services[service] if service else None},
            )
            for org_code in ("297", "140"):
                if org_code in orgs and position == 2:
                    _upsert(
                        models.StepChange,
                        {"step": step, "organisation": orgs[org_code]},
                        {
                            "change": f"{DEMO}: open e-booking slots for referrals from the previous step",
                            "done": org_code == "297",
                        },
                    )


def seed_pilots() -> None:
    measure = Measure.objects.filter(number="3.2").first()
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=["297", "749", "140", "915", "pshva"])}
    pilots = [
        (
            "etakotihoito",
            "Etäkotihoito",
            "Distanshemvård",
            "Remote home care",
            dt.date(2025, 1, 1),
            dt.date(2025, 12, 31),
            PilotDecision.SCALE,
            ["297", "749"],
            "Videokäynnit korvaavat osan kotihoidon käynneistä.",
            "DEMO: 28 % käynneistä etänä; asiakkaat tyytyväisiä.",
        ),
        (
            "perhekeskus-virtuaali",
            "Perhekeskuksen virtuaaliset yhteydenotot",
            "Familjecentrets virtuella kontakter",
            "Family centre virtual contacts",
            dt.date(2025, 9, 1),
            None,
            PilotDecision.UNDECIDED,
            ["140", "915"],
            "Matalan kynnyksen virtuaaliset yhteydenotot perhekeskuksissa.",
            "",
        ),
        (
            "ohjauschat-pilotti",
            "Nuorten ohjauschat",
            "Vägledningschatt för unga",
            "Guidance chat for young people",
            dt.date(2026, 3, 1),
            dt.date(2026, 12, 31),
            PilotDecision.CONTINUE,
            ["pshva"],
            "Anonyymi sääntöpohjainen chat, joka ohjaa Omaoloon ja Sekasin-chattiin.",
            "DEMO: katso chatin tilastot.",
        ),
    ]
    for code, fi, sv, en, start, end, decision, org_codes, goal, results in pilots:
        pilot = _upsert(
            models.Pilot,
            {"code": code},
            {
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "goal": goal,
                "starts_on": start,
                "ends_on": end,
                "decision": decision,
                "actions": DEMO,
                "results": results,
                "measure": measure,
            },
        )
        pilot.organisations.set([orgs[c] for c in org_codes if c in orgs])


def seed_counselling() -> None:
    facts = read_facts()["KAAPO"]
    for code, fi, sv, en, persons, rate, growth in (
        ("ikaantyneet", "Ikääntyneet 75+", "Äldre 75+", "Older people 75+", 26000, "0.800", "2.00"),
        ("lapsiperheet", "Lapsiperheet", "Barnfamiljer", "Families with children", 22000, "0.350", "-1.00"),
        ("tyoikaiset", "Työikäiset", "Personer i arbetsför ålder", "Working-age people", 140000, "0.120", "0.00"),
    ):
        segment = _upsert(
            models.CounsellingSegment,
            {"code": code},
            {
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "base_year": 2025,
                "base_persons": persons,
                "contact_rate": rate,
                "growth_percent": growth,
                "source": f"{DEMO} figures; model after KAAPO ({facts['source']})",
            },
        )
        for back in range(1, 4):
            _upsert(
                models.SegmentHistory,
                {"segment": segment, "year": 2025 - back},
                {
                    "persons": round(persons / (1 + float(growth) / 100) ** back),
                    "contacts": None,
                    "source_kind": "manual",
                    "source": DEMO,
                },
            )
    for code, fi, sv, en, share in (
        ("puhelin", "Puhelin", "Telefon", "Phone", "55.00"),
        ("chat", "Chat", "Chatt", "Chat", "15.00"),
        ("asiointi", "Sähköinen asiointi", "E-tjänst", "E-service", "20.00"),
        ("kaynti", "Käynti", "Besök", "Walk-in", "10.00"),
    ):
        _upsert(
            models.CounsellingChannel,
            {"code": code},
            {"name_fi": fi, "name_sv": sv, "name_en": en, "share_percent": share},
        )
    for code, area, priority, fi, sv, en in (
        (
            "kanavat-yhteinen-numero",
            RequirementArea.CHANNELS,
            Priority.MUST,
            "Yksi yhteinen palvelunumero ja chat koko alueelle.",
            "Ett gemensamt servicenummer och en chatt för hela området.",
            "One shared service number and chat for the whole region.",
        ),
        (
            "kanavat-takaisinsoitto",
            RequirementArea.CHANNELS,
            Priority.SHOULD,
            "Takaisinsoittopyyntö jonosta.",
            "Återuppringning från kön.",
            "Call-back request from the queue.",
        ),
        (
            "alusta-konsultaatio",
            RequirementArea.PLATFORMS,
            Priority.MUST,
            "Ammattilaisten välinen konsultaatio samassa järjestelmässä.",
            "Konsultation mellan yrkespersoner i samma system.",
            "Consultation between professionals in the same system.",
        ),
        (
            "tuottajat-palvelutarjotin",
            RequirementArea.PRODUCERS,
            Priority.SHOULD,
            "Tuottajien palvelutarjotin ja vapaat paikat.",
            "Producenternas tjänsteutbud och lediga platser.",
            "Producers' service offering and free places.",
        ),
        (
            "raportointi-volyymit",
            RequirementArea.REPORTING,
            Priority.MUST,
            "Yhteydenottojen määrät segmenteittäin ja kanavittain kuukausittain.",
            "Antal kontakter per segment och kanal varje månad.",
            "Contact volumes per segment and channel each month.",
        ),
    ):
        _upsert(
            models.SystemRequirement,
            {"code": code},
            {"area": area, "priority": priority, "text_fi": fi, "text_sv": sv, "text_en": en},
        )


def seed_chat_stats() -> None:
    today = timezone.localdate()
    for back in range(1, 8):
        day = today - dt.timedelta(days=back)
        for code, escalation, count in (
            ("greeting", 0, 5 + back),
            ("mental-health-worry", 2, 3 + back % 3),
            ("unmatched", 0, 2),
            ("danger-to-life", 3, back % 2),
        ):
            if count:
                _upsert(
                    models.ChatDailyStat, {"day": day, "intent_code": code}, {"escalation": escalation, "count": count}
                )


def seed_digital_services_demo() -> list[str]:
    with transaction.atomic():
        contacts = seed_contacts()
        seed_intents(contacts)
        services = seed_catalogue()
        seed_rollouts(services)
        seed_figures()
        seed_inclusion()
        seed_paths(services)
        seed_pilots()
        seed_counselling()
        seed_chat_stats()
    return [
        f"digital services: {models.DigitalService.objects.count()} services, {models.Rollout.objects.count()} rollouts, "
        f"{models.MonthlyFigure.objects.count()} monthly figure rows, {models.AgeStructure.objects.count()} age-structure rows, "
        f"{models.Pilot.objects.count()} pilots, {models.ChatIntent.objects.count()} chat intents"
    ]
