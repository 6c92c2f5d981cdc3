"""factory-boy factories of the integration area (used by the test kit, integration/tests/kit_cases.py).

The job-made rows (uploads, drafts, results, package rows) are written directly here, as
test_overview.py does for a draft: the kit reads their pages and API routes; the conversion that
makes them for real is tested in test_conversion.py and test_publication.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from integration import models as m
from portal.choices import JobStatus
from portal.models import Job, Organisation

#: Municipalities the factories cycle through where a row is unique per organisation.
MUNICIPALITIES = ("297", "140", "171", "204", "239", "263", "402", "420", "595", "686")


def organisation(code: str = "297") -> Organisation:
    return Organisation.objects.get(code=code)


def _cycled(n: int) -> Organisation:
    return organisation(MUNICIPALITIES[n % len(MUNICIPALITIES)])


# --- code lists, package definitions, mappings ------------------------------------------------------


class CodeListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CodeList

    code = factory.Sequence(lambda n: f"kit-list-{n}")
    kind = m.CodeListKind.SERVICE_CLASS
    name_fi = factory.Sequence(lambda n: f"Koodisto {n}")


class CodeListVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CodeListVersion

    code_list = factory.SubFactory(CodeListFactory)
    number = 1
    status = m.VersionStatus.ACTIVE


class CodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Code

    version = factory.SubFactory(CodeListVersionFactory)
    code = factory.Sequence(lambda n: f"K{n}")
    name_fi = factory.Sequence(lambda n: f"Koodi {n}")


class PackageDefinitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PackageDefinition

    code = factory.Sequence(lambda n: f"kit-definition-{n}")
    name_fi = factory.Sequence(lambda n: f"Pakettimäärittely {n}")
    status = m.VersionStatus.ACTIVE
    is_example = True


class MappingVersionFactory(factory.django.DjangoModelFactory):
    """A Kuopio mapping version (the numbers follow each other within the organisation)."""

    class Meta:
        model = m.MappingVersion

    organisation = factory.LazyFunction(organisation)
    number = factory.LazyAttribute(lambda o: m.MappingVersion.objects.filter(organisation=o.organisation).count() + 1)


class CostCentreMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CostCentreMapping

    version = factory.SubFactory(MappingVersionFactory)
    cost_centre = factory.Sequence(lambda n: f"CC{n}")
    service_class_code = "S1"
    client_group_code = "A"
    production_mode_code = "own"


class AccountMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.AccountMapping

    version = factory.SubFactory(MappingVersionFactory)
    account_from = factory.Sequence(lambda n: f"{4000 + n}")
    cost_type_code = "4000"


class SettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.OrganisationSettings
        django_get_or_create = ("organisation",)

    organisation = factory.LazyFunction(organisation)


# --- job-made rows ----------------------------------------------------------------------------------


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    kind = "ledger_conversion"
    task_name = "integration.tasks.convert"
    status = JobStatus.SUCCEEDED
    organisation = factory.LazyFunction(organisation)


class UploadFactory(factory.django.DjangoModelFactory):
    """A Kuopio ledger upload (the file is a small CSV; nothing is converted)."""

    class Meta:
        model = m.Upload

    organisation = factory.LazyFunction(organisation)
    year = 2024
    file = factory.LazyFunction(lambda: ContentFile(b"kustannuspaikka;tili;summa\nCC1;4000;10,00\n", name="ledger.csv"))
    original_name = factory.Sequence(lambda n: f"ledger-{n}.csv")
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    size = 44
    job = factory.SubFactory(JobFactory, organisation=factory.SelfAttribute("..organisation"))


class _ResultFields(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    organisation = factory.LazyFunction(organisation)
    job = factory.SubFactory(JobFactory, organisation=factory.SelfAttribute("..organisation"))
    upload = factory.SubFactory(UploadFactory, organisation=factory.SelfAttribute("..organisation"))
    mapping_version = factory.SubFactory(MappingVersionFactory, organisation=factory.SelfAttribute("..organisation"))
    package_definition = factory.SubFactory(PackageDefinitionFactory)
    rows_read = 10
    rows_mapped = 9
    input_total = Decimal("1000.00")
    output_total = Decimal("900.00")
    unallocated_total = Decimal("100.00")


class DraftFactory(_ResultFields):
    class Meta:
        model = m.ConversionDraft

    year = 2024


class ResultFactory(_ResultFields):
    """A published result of Kuopio (one a year: the years follow each other)."""

    class Meta:
        model = m.ConversionResult

    year = factory.Sequence(lambda n: 2000 + n % 90)
    published_at = factory.LazyFunction(lambda: dt.datetime(2025, 3, 1, tzinfo=dt.UTC))


class PackageRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PackageRow

    organisation = factory.LazyFunction(organisation)
    year = 2024
    package_code = factory.Sequence(lambda n: f"P{n}")
    service_class_code = "S1"
    client_group_code = "A"
    cost_type_code = "4000"
    production_mode_code = "own"
    amount = Decimal("123.45")
    source_rows = 3
    job = factory.SubFactory(JobFactory)
    upload = factory.SubFactory(UploadFactory)
    mapping_version = factory.SubFactory(MappingVersionFactory)
    package_definition = factory.SubFactory(PackageDefinitionFactory)


# --- measures 3.1, 3.5 and 3.6 ------------------------------------------------------------------------


class OperatingModelFactory(factory.django.DjangoModelFactory):
    """A Kuopio-owned candidate model (Kuopio's steward and programme staff edit it)."""

    class Meta:
        model = m.OperatingModel

    code = factory.Sequence(lambda n: f"kit-model-{n}")
    name_fi = factory.Sequence(lambda n: f"Toimintamalli {n}")
    sector = "social_welfare"
    owner = factory.LazyFunction(organisation)


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.OperatingModelAdoption

    operating_model = factory.SubFactory(OperatingModelFactory)
    organisation = factory.LazyFunction(organisation)
    valid_from = dt.date(2024, 1, 1)


class FlowFactory(factory.django.DjangoModelFactory):
    """A flow from Kuopio's specialised care to primary care (the flow map's default boundary)."""

    class Meta:
        model = m.InformationFlow

    code = factory.Sequence(lambda n: f"kit-flow-{n}")
    from_organisation = factory.LazyFunction(organisation)
    from_sector = "specialised_care"
    to_organisation = factory.LazyFunction(lambda: organisation("140"))
    to_sector = "primary_care"
    data = "Lähete"
    legal_basis = "Terveydenhuoltolaki 1326/2010"
    channel = "kanta"
    valid_from = dt.date(2024, 1, 1)


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.TrainingCourse

    code = factory.Sequence(lambda n: f"kit-course-{n}")
    name_fi = factory.Sequence(lambda n: f"Koulutus {n}")
    topic = "sote_ict"
    organiser = factory.LazyFunction(lambda: organisation("pshva"))
    starts_on = dt.date(2025, 9, 1)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.TrainingParticipation

    course = factory.SubFactory(TrainingCourseFactory)
    organisation = factory.LazyFunction(organisation)
    participants = 12


class ClassificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.NationalClassification

    code = factory.Sequence(lambda n: f"kit-class-{n}")
    oid = factory.Sequence(lambda n: f"1.2.246.537.6.{9000 + n}")
    name_fi = factory.Sequence(lambda n: f"Luokitus {n}")
    sector = "social_welfare"


class ClassificationVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ClassificationVersion

    classification = factory.SubFactory(ClassificationFactory)
    version = "1"
    valid_from = dt.date(2020, 1, 1)


class DocumentationReportFactory(factory.django.DjangoModelFactory):
    """Kuopio's figures of one quarter under a classification of its own."""

    class Meta:
        model = m.DocumentationReport

    organisation = factory.LazyFunction(organisation)
    classification_version = factory.SubFactory(ClassificationVersionFactory)
    classification = factory.SelfAttribute("classification_version.classification")
    year = 2024
    quarter = 1
    structured_count = 800
    total_count = 1000


class RegionFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.RegionDocumentationFigure

    classification = factory.SubFactory(ClassificationFactory)
    year = 2024
    quarter = 1
    structured_count = 8000
    total_count = 10000
    organisation_count = 10


class ReadinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.KantaReadiness

    organisation = factory.Sequence(_cycled)
    stage = "deployment_test"
    since = dt.date(2024, 3, 1)


class UnaModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.UnaModule

    code = factory.Sequence(lambda n: f"kit-una-{n}")
    kind = "forms"
    name_fi = factory.Sequence(lambda n: f"UNA-moduuli {n}")


class RolloutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.UnaRollout

    module = factory.SubFactory(UnaModuleFactory)
    organisation = factory.LazyFunction(organisation)
    stage = "pilot"
    pilot_start = dt.date(2025, 1, 1)


class ClientDataAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ClientDataAccess

    data_owner = factory.LazyFunction(organisation)
    viewer = factory.LazyFunction(lambda: organisation("140"))
    channel = "kanta"
    valid_from = factory.Sequence(lambda n: dt.date(2020, 1, 1) + dt.timedelta(days=n))
