"""The archiving demo data (issue 12, point 9): the Ylä-Savo system kept only for its data, at least six
systems over four organisations, one simulation, and an approved plan whose figures are the issue's
exact cost case. Transactional, as ``make demo`` runs: the simulation job runs when its row commits."""

import pytest

from archiving.demo import PLAN_SYSTEMS, SYSTEMS, seed_archiving_demo
from archiving.models import AccessRequest, ArchivingPlan, DataContent, DestructionList, RetentionSimulation
from archiving.selectors import plan_cost
from portal.demo import seed_demo
from portal.models import AccessLog, InformationSystem


@pytest.mark.django_db(transaction=True)
def test_demo_data_holds_the_issues_figures_and_is_idempotent():
    seed_demo()
    seed_archiving_demo()
    systems = InformationSystem.objects.filter(code__in=[row[0] for row in SYSTEMS])
    assert systems.count() >= 6 and systems.values("owner").distinct().count() >= 4
    yla_savo = systems.get(code="demo-yla-savo-potilas")
    assert yla_savo.owner.code == "yla-savon-sote" and "only for the data" in yla_savo.purpose
    assert DataContent.objects.filter(system=yla_savo).exists()
    simulation = RetentionSimulation.objects.get(system=yla_savo)
    assert simulation.done and simulation.record_count == 600 and simulation.job.status == "succeeded"
    assert DestructionList.objects.filter(simulation=simulation).count() == 1
    plan = ArchivingPlan.objects.get(code="alueellinen-arkisto", version=1)
    assert plan.status == "approved" and plan.items.count() == len(PLAN_SYSTEMS)
    cost = plan_cost(plan)
    # 120 000 € licence + 80 000 € maintenance a year; archive 150 000 € once and 30 000 € a year
    assert (cost.retiring_annual_cents, cost.one_off_cents, cost.new_annual_cents) == (
        20_000_000,
        15_000_000,
        3_000_000,
    )
    assert (cost.annual_saving_cents, cost.break_even_month, cost.net_cents) == (17_000_000, 11, 70_000_000)
    assert AccessRequest.objects.count() == 2 and AccessLog.objects.filter(purpose__startswith="Archived").exists()
    before = (
        InformationSystem.objects.count(),
        DataContent.objects.count(),
        RetentionSimulation.objects.count(),
        DestructionList.objects.count(),
        ArchivingPlan.objects.count(),
        AccessRequest.objects.count(),
    )
    seed_archiving_demo()
    assert before == (
        InformationSystem.objects.count(),
        DataContent.objects.count(),
        RetentionSimulation.objects.count(),
        DestructionList.objects.count(),
        ArchivingPlan.objects.count(),
        AccessRequest.objects.count(),
    )
