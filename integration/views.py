"""UI of the SOTE data packages: uploads, mappings (+ coverage), code lists, results, comparison."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from integration import selectors, services
from integration.forms import AccountRuleForm, CostCentreRuleForm, FileImportForm, SettingsForm, UploadForm
from integration.models import (
    AccountMapping,
    CodeList,
    CodeListKind,
    ConversionResult,
    CostCentreMapping,
    MappingVersion,
    PackageDefinition,
    PackageRow,
    Upload,
)
from integration.parsing import LedgerError, cents_to_decimal
from portal import audit, permissions, roles
from portal.errors import ServiceErrorFormMixin, run_with_messages
from portal.exports import csv_response, xlsx_response
from portal.models import Job, Organisation
from portal.views import AreaIndexView
from portal.views_base import ListControlsMixin, VisibleQuerysetMixin

MAX_DRILL_ROWS = 500
DRILL_LABELS = {
    "package_code": lambda: _("Package"),
    "service_class_code": lambda: _("Service class"),
    "client_group_code": lambda: _("Client group"),
    "cost_type_code": lambda: _("Cost type"),
    "production_mode_code": lambda: _("Production mode"),
}


def _steward_org(request, code: str) -> Organisation:
    """An organisation the user stewards; anything else is a 404 (never reveal another's data)."""
    organisation = get_object_or_404(Organisation, code=code)
    if not roles.is_steward_of(request.user, organisation):
        raise Http404
    return organisation


def _visible_result(request, code: str, year: int) -> ConversionResult:
    qs = ConversionResult.objects.visible_to(request.user).select_related(
        "organisation", "job", "upload", "mapping_version", "package_definition"
    )
    return get_object_or_404(qs, organisation__code=code, year=year)


def _example_note(definition: PackageDefinition | None) -> str:
    if definition is not None and definition.is_example:
        return _("EXAMPLE package definition (not official): %(name)s") % {"name": definition.name}
    return ""


# --- uploads --------------------------------------------------------------------------------------


class IndexView(AreaIndexView):
    """The area's front page: the overview first (published results, net cost per resident, uploads
    that need attention for those who handle them), then the measures and the pages."""

    app_label = "integration"
    template_name = "integration/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["overview"] = selectors.area_overview(self.request.user)
        return ctx


class UploadListView(LoginRequiredMixin, ListControlsMixin, VisibleQuerysetMixin, View):
    model = Upload
    sort_fields = {"uploaded": "uploaded_at", "organisation": "organisation__code", "year": "year"}
    default_sort = "-uploaded"
    search_fields = ("original_name", "organisation__code", "organisation__name_fi", "sha256")

    def get(self, request):
        qs = self.get_queryset().select_related("organisation", "uploaded_by", "job")
        qs, query, sort = self.apply_list_controls(qs)
        return render(request, "integration/upload_list.html", {"page": self.paginate(qs), "q": query, "sort": sort})


def _stewarded(user):
    return Organisation.objects.editable_by(user).order_by("name_fi")


class UploadCreateView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    """Upload a ledger; the service's refusals land on the file or the organisation field."""

    service_error_fields = {ValidationError: "file", PermissionDenied: "organisation"}

    def get(self, request):
        form = UploadForm(
            organisations=_stewarded(request.user), initial={"organisation": request.GET.get("organisation")}
        )
        return render(request, "integration/upload_form.html", {"form": form})

    def post(self, request):
        form = UploadForm(request.POST, request.FILES, organisations=_stewarded(request.user))
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            outcome = self.run_service(
                form,
                lambda: services.upload_ledger(
                    organisation=form.cleaned_data["organisation"],
                    year=form.cleaned_data["year"],
                    file=upload_file,
                    filename=upload_file.name,
                    actor=request.user,
                    sheet=form.cleaned_data["sheet"],
                    mapping_version=form.cleaned_data["mapping_version_obj"],
                ),
            )
            if outcome is not None:
                for note in outcome.notes:
                    messages.info(request, note)
                return redirect("portal:job-detail", pk=outcome.job.pk)
        return render(request, "integration/upload_form.html", {"form": form}, status=400)


# --- mappings -------------------------------------------------------------------------------------


class MappingListView(LoginRequiredMixin, View):
    def get(self, request):
        versions = (
            MappingVersion.objects.visible_to(request.user)
            .select_related("organisation")
            .annotate(n_cc=Count("cost_centres", distinct=True), n_acc=Count("accounts", distinct=True))
            .order_by("organisation__code", "-number")
        )
        stewarded = _stewarded(request.user)
        return render(request, "integration/mapping_list.html", {"versions": versions, "stewarded": stewarded})


class MappingDetailView(LoginRequiredMixin, View):
    def get(self, request, code: str, number: int):
        version = get_object_or_404(
            MappingVersion.objects.visible_to(request.user).select_related("organisation", "based_on"),
            organisation__code=code,
            number=number,
        )
        can_edit = roles.is_steward_of(request.user, version.organisation) and not version.is_frozen
        return render(
            request,
            "integration/mapping_detail.html",
            {
                "version": version,
                "cost_centres": version.cost_centres.all(),
                "accounts": version.accounts.all(),
                "can_edit": can_edit,
                "can_steward": roles.is_steward_of(request.user, version.organisation),
                "cc_form": CostCentreRuleForm(prefix="cc") if can_edit else None,
                "account_form": AccountRuleForm(prefix="acc") if can_edit else None,
                "names": {
                    "service": selectors.code_names(CodeListKind.SERVICE_CLASS),
                    "client": selectors.code_names(CodeListKind.CLIENT_GROUP),
                    "mode": selectors.code_names(CodeListKind.PRODUCTION_MODE),
                    "cost": selectors.code_names(CodeListKind.COST_TYPE),
                },
            },
        )


@login_required
@require_POST
def mapping_new_version(request, code: str):
    organisation = _steward_org(request, code)
    version = services.editable_version(organisation, actor=request.user)
    messages.success(request, _("You are editing mapping version %(n)s.") % {"n": version.number})
    return redirect("integration:mapping-detail", code=code, number=version.number)


def _editable_version(request, code: str, number: int) -> MappingVersion:
    organisation = _steward_org(request, code)
    return get_object_or_404(MappingVersion, organisation=organisation, number=number)


@login_required
@require_POST
def mapping_add_rule(request, code: str, number: int, kind: str):
    version = _editable_version(request, code, number)
    form = (CostCentreRuleForm if kind == "cost-centre" else AccountRuleForm)(
        request.POST, prefix="cc" if kind == "cost-centre" else "acc"
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        save = services.save_cost_centre_rule if kind == "cost-centre" else services.save_account_rule
        saved, _rule = run_with_messages(request, lambda: save(version, actor=request.user, **form.cleaned_data))
        if saved:
            messages.success(request, _("The rule was saved."))
    return redirect("integration:mapping-detail", code=code, number=number)


@login_required
@require_POST
def mapping_delete_rule(request, code: str, number: int, kind: str, pk: int):
    version = _editable_version(request, code, number)
    model = CostCentreMapping if kind == "cost-centre" else AccountMapping
    rule = get_object_or_404(model, version=version, pk=pk)
    removed, _none = run_with_messages(request, lambda: services.delete_rule(rule, actor=request.user))
    if removed:
        messages.success(request, _("The rule was removed."))
    return redirect("integration:mapping-detail", code=code, number=number)


class MappingImportView(LoginRequiredMixin, View):
    def get(self, request, code: str):
        organisation = _steward_org(request, code)
        return render(
            request, "integration/mapping_import.html", {"organisation": organisation, "form": FileImportForm()}
        )

    def post(self, request, code: str):
        organisation = _steward_org(request, code)
        form = FileImportForm(request.POST, request.FILES)
        errors: list[str] = []
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            if upload_file.size > services.max_upload_bytes():
                errors = [_("The file is too large.")]
            else:
                job = services.request_mapping_import(
                    organisation, upload_file.read(), filename=upload_file.name, actor=request.user
                )
                messages.success(request, _("The import was queued; this page shows its progress."))
                return redirect("portal:job-detail", pk=job.pk)
        return render(
            request,
            "integration/mapping_import.html",
            {"organisation": organisation, "form": form, "errors": errors},
            status=400,
        )


@login_required
def mapping_export(request, code: str, number: int):
    version = get_object_or_404(
        MappingVersion.objects.visible_to(request.user).select_related("organisation"),
        organisation__code=code,
        number=number,
    )
    rows = services.mapping_rows(version)
    name = f"mapping-{version.organisation.code}-v{version.number}"
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"{name}.xlsx", services.MAPPING_COLUMNS, rows, sheet_title="mapping")
    return csv_response(f"{name}.csv", services.MAPPING_COLUMNS, rows)


class CoverageView(LoginRequiredMixin, View):
    def get(self, request, code: str):
        organisation = get_object_or_404(Organisation, code=code)
        if not MappingVersion.objects.visible_to(request.user).filter(
            organisation=organisation
        ).exists() and not roles.is_steward_of(request.user, organisation):
            raise Http404
        version = selectors.latest_mapping_version(organisation)
        info = selectors.coverage(organisation, version)
        if (
            info
            and info.get("upload")
            and not Upload.objects.visible_to(request.user).filter(pk=info["upload"].pk).exists()
        ):
            info = None  # the ledger itself is for its stewards and programme staff
        return render(
            request,
            "integration/coverage.html",
            {"organisation": organisation, "version": version, "info": info, "names": selectors.code_name_maps()},
        )


class SettingsView(LoginRequiredMixin, View):
    def get(self, request, code: str):
        organisation = _steward_org(request, code)
        form = SettingsForm(instance=services.settings_for(organisation))
        return render(request, "integration/settings_form.html", {"organisation": organisation, "form": form})

    def post(self, request, code: str):
        organisation = _steward_org(request, code)
        form = SettingsForm(request.POST, instance=services.settings_for(organisation))
        if form.is_valid():
            services.update_settings(
                organisation,
                actor=request.user,
                unmapped_policy=form.cleaned_data["unmapped_policy"],
                max_errors=form.cleaned_data["max_errors"],
                column_aliases=form.cleaned_data["aliases_text"],
            )
            messages.success(request, _("The settings were saved."))
            return redirect("integration:settings", code=code)
        return render(
            request, "integration/settings_form.html", {"organisation": organisation, "form": form}, status=400
        )


# --- code lists and package definitions -----------------------------------------------------------


class CodeListListView(VisibleQuerysetMixin, View):
    model = CodeList

    def get(self, request):
        lists = self.get_queryset().prefetch_related("versions")
        definitions = PackageDefinition.objects.visible_to(request.user)
        return render(request, "integration/codelist_list.html", {"lists": lists, "definitions": definitions})


class CodeListDetailView(VisibleQuerysetMixin, View):
    model = CodeList

    def get(self, request, code: str):
        code_list = get_object_or_404(self.get_queryset(), code=code)
        versions = code_list.versions.order_by("-number")
        number = request.GET.get("version")
        version = versions.filter(number=number).first() if number and number.isdigit() else code_list.current_version()
        codes = version.codes.select_related("parent") if version else []
        can_import = permissions.can_edit(request.user, code_list)
        return render(
            request,
            "integration/codelist_detail.html",
            {
                "code_list": code_list,
                "versions": versions,
                "version": version,
                "codes": codes,
                "can_import": can_import,
                "form": FileImportForm() if can_import else None,
            },
        )

    def post(self, request, code: str):
        code_list = get_object_or_404(CodeList.objects.editable_by(request.user), code=code)
        form = FileImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            job = services.request_code_list_import(
                code_list, upload_file.read(), filename=upload_file.name, actor=request.user
            )
            messages.success(request, _("The import was queued; this page shows its progress."))
            return redirect("portal:job-detail", pk=job.pk)
        return redirect("integration:codelist-detail", code=code)


class PackageDefinitionView(VisibleQuerysetMixin, View):
    model = PackageDefinition

    def get(self, request, code: str):
        definition = get_object_or_404(self.get_queryset(), code=code)
        packages = definition.packages.prefetch_related("members")
        return render(
            request,
            "integration/definition_detail.html",
            {
                "definition": definition,
                "packages": packages,
                "service_names": selectors.code_names(CodeListKind.SERVICE_CLASS),
                "client_names": selectors.code_names(CodeListKind.CLIENT_GROUP),
            },
        )


# --- results --------------------------------------------------------------------------------------


class ResultListView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = ConversionResult

    def get(self, request):
        results = self.get_queryset().select_related("organisation", "mapping_version", "package_definition", "job")
        return render(request, "integration/result_list.html", {"results": results})


RESULT_HEADER = [
    "organisation",
    "year",
    "package",
    "service_class",
    "client_group",
    "cost_type",
    "production_mode",
    "unallocated",
    "amount_eur",
    "source_rows",
    "package_definition",
    "job",
    "upload_sha256",
    "mapping_version",
]


class ResultDetailView(LoginRequiredMixin, View):
    def get(self, request, code: str, year: int):
        result = _visible_result(request, code, year)
        rows = list(PackageRow.objects.filter(organisation=result.organisation, year=year))
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            label = "EXAMPLE" if result.package_definition.is_example else "official"
            table = [
                [
                    code,
                    year,
                    r.package_code,
                    r.service_class_code,
                    r.client_group_code,
                    r.cost_type_code,
                    r.production_mode_code,
                    "yes" if r.is_unallocated else "",
                    r.amount,
                    r.source_rows,
                    f"{result.package_definition.code} ({label})",
                    r.job_id,
                    result.upload.sha256,
                    result.mapping_version.number,
                ]
                for r in rows
            ]
            name = f"sote-packages-{code}-{year}"
            if fmt == "xlsx":
                return xlsx_response(f"{name}.xlsx", RESULT_HEADER, table, sheet_title="packages")
            return csv_response(f"{name}.csv", RESULT_HEADER, table)
        package_totals = (
            PackageRow.objects.filter(organisation=result.organisation, year=year)
            .values("package_code", "is_unallocated")
            .annotate(total=Sum("amount"), n=Sum("source_rows"))
            .order_by("is_unallocated", "package_code")
        )
        return render(
            request,
            "integration/result_detail.html",
            {
                "result": result,
                "rows": rows,
                "package_totals": package_totals,
                "package_names": selectors.package_names(result.package_definition),
                "names": selectors.code_name_maps(),
                "example_note": _example_note(result.package_definition),
                "can_see_upload": Upload.objects.visible_to(request.user).filter(pk=result.upload_id).exists(),
                "can_see_job": Job.objects.visible_to(request.user).filter(pk=result.job_id).exists(),
            },
        )


class DrillDownView(LoginRequiredMixin, View):
    """The source rows that make one package row: only for those who may see the ledger itself."""

    def get(self, request, code: str, year: int):
        result = _visible_result(request, code, year)
        if not Upload.objects.visible_to(request.user).filter(pk=result.upload_id).exists():
            raise Http404
        filters = {key: request.GET.get(key, "") for key in selectors.DRILL_KEYS if key in request.GET}
        unallocated = {"1": True, "0": False}.get(request.GET.get("unallocated", ""))
        audit.log_access(result.upload, user=request.user, purpose="SOTE package drill-down to ledger rows")
        try:
            frame = selectors.source_rows(result, filters, unallocated=unallocated)
        except LedgerError as exc:
            return render(request, "integration/drill.html", {"result": result, "error": str(exc)})
        total = cents_to_decimal(int(frame["cents"].sum())) if len(frame) else Decimal("0.00")
        if request.GET.get("format") in ("csv", "xlsx"):
            header = ["row", "cost_centre", "account", "amount_eur", *selectors.DRILL_KEYS]
            table = [
                [
                    r.row,
                    r.cost_centre,
                    r.account,
                    cents_to_decimal(r.cents),
                    *[getattr(r, k) for k in selectors.DRILL_KEYS],
                ]
                for r in frame.itertuples(index=False)
            ]
            name = f"sote-source-rows-{code}-{year}"
            if request.GET["format"] == "xlsx":
                return xlsx_response(f"{name}.xlsx", header, table, sheet_title="rows")
            return csv_response(f"{name}.csv", header, table)
        names = selectors.code_name_maps()
        drill_names = {
            "package_code": selectors.package_names(result.package_definition),
            "service_class_code": names["service"],
            "client_group_code": names["client"],
            "cost_type_code": names["cost"],
            "production_mode_code": names["mode"],
        }
        shown = [
            {"row": r.row, "cost_centre": r.cost_centre, "account": r.account, "amount": cents_to_decimal(r.cents)}
            for r in frame.head(MAX_DRILL_ROWS).itertuples(index=False)
        ]
        return render(
            request,
            "integration/drill.html",
            {
                "result": result,
                "filters": [(DRILL_LABELS[key](), value, drill_names.get(key)) for key, value in filters.items()],
                "rows": shown,
                "count": len(frame),
                "total": total,
                "truncated": len(frame) > MAX_DRILL_ROWS,
                "max_rows": MAX_DRILL_ROWS,
                "query": request.GET.urlencode(),
            },
        )


class ComparisonView(LoginRequiredMixin, View):
    def get(self, request):
        years = sorted(
            set(ConversionResult.objects.visible_to(request.user).values_list("year", flat=True)), reverse=True
        )
        year_param = request.GET.get("year", "")
        year = int(year_param) if year_param.isdigit() else (years[0] if years else None)
        table = selectors.per_resident(year) if year else []
        definition = PackageDefinition.active()
        packages = sorted({code for entry in table for code in entry["packages"]})
        names = selectors.package_names(definition)
        maximum = max((e["per_resident"] or 0 for e in table), default=0)
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx") and year:
            header = ["organisation", "year", "population", "net_cost_eur", "per_resident_eur", *packages]
            rows = [
                [e["organisation"].code, year, e["population"], e["total"], e["per_resident"]]
                + [e["packages"].get(p) for p in packages]
                for e in table
            ]
            name = f"sote-per-resident-{year}"
            if fmt == "xlsx":
                return xlsx_response(f"{name}.xlsx", header, rows, sheet_title="per resident")
            return csv_response(f"{name}.csv", header, rows)
        bars = []
        for index, entry in enumerate(table):
            value = entry["per_resident"] or 0
            width = int(300 * value / maximum) if maximum else 0
            bars.append({"y": 10 + index * 28, "width": max(width, 0), "entry": entry})
        return render(
            request,
            "integration/comparison.html",
            {
                "years": years,
                "year": year,
                "table": table,
                "packages": [(p, names.get(p, p)) for p in packages],
                "bars": bars,
                "chart_height": 20 + 28 * len(bars),
                "example_note": _example_note(definition),
            },
        )


def job_page(job_id: int) -> str:
    return reverse("portal:job-detail", args=[job_id])
