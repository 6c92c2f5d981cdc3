"""Admin of the supervision registers (administrators). Deviation reports are not in the admin:
their reads must go through the views that write the access log."""

from django.contrib import admin

from supervision import models as m


class ContractPriceInline(admin.TabularInline):
    model = m.ContractPrice
    extra = 0


class ContractDocumentInline(admin.TabularInline):
    model = m.ContractDocument
    extra = 0


@admin.register(m.Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "producer", "organiser", "valid_from", "valid_to", "option_decision_date"]
    search_fields = ["number", "title", "producer__name"]
    filter_horizontal = ["units"]
    inlines = [ContractPriceInline, ContractDocumentInline]


@admin.register(m.Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ["name", "business_id", "contact_email"]
    search_fields = ["name", "business_id"]


@admin.register(m.ServiceUnit)
class ServiceUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "producer", "municipality", "organiser", "service_type", "places"]
    list_filter = ["service_type", "organiser"]
    search_fields = ["code", "name"]


@admin.register(m.StaffingThreshold)
class StaffingThresholdAdmin(admin.ModelAdmin):
    """The administrator's switch for proposal rows lives here (admin saves are change-logged)."""

    list_display = [
        "valid_from",
        "valid_to",
        "min_staff_per_client",
        "status",
        "proposal_in_use_from",
        "proposal_in_use_to",
    ]


@admin.register(m.PersonDayRule)
class PersonDayRuleAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "valid_to", "hours_per_person_day", "status"]


@admin.register(m.ProfessionalGroup)
class ProfessionalGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "counts_in_ratio", "qualifies_alone", "sort_order"]


@admin.register(m.SupervisorAssignment)
class SupervisorAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "organiser", "valid_from", "valid_to"]


@admin.register(m.ProducerAccount)
class ProducerAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "producer"]


class CorrectiveActionInline(admin.StackedInline):
    model = m.CorrectiveAction
    extra = 0


@admin.register(m.Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["visit", "severity", "description"]
    inlines = [CorrectiveActionInline]


class FindingInline(admin.StackedInline):
    model = m.Finding
    extra = 0


@admin.register(m.SupervisionVisit)
class SupervisionVisitAdmin(admin.ModelAdmin):
    list_display = ["unit", "kind", "planned_on", "visited_on", "status"]
    list_filter = ["kind", "status"]
    inlines = [FindingInline]
