"""UI views of the core: home, area landing pages, organisations, measures, data models, jobs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from portal import audit, exports, permissions, selectors, services
from portal.choices import JobStatus, OrganisationKind, PortalApp
from portal.context_processors import AREAS
from portal.errors import ServiceErrorFormMixin
from portal.forms import (
    ConceptForm,
    ConceptRelationForm,
    DataModelForm,
    MeasureForm,
    OrganisationExportForm,
    OrganisationForm,
    ProgressForm,
)
from portal.jobs import can_rerun, job_errors_response, job_state, rerun_job
from portal.models import Concept, ConceptRelation, DataModel, Job, Measure, Organisation
from portal.views_base import EditViewMixin, ListControlsMixin, VisibleQuerysetMixin


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["sub_areas"] = selectors.measures_by_sub_area(self.request.user)
        ctx["areas"] = AREAS
        return ctx


class AreaIndexView(TemplateView):
    """The landing page of a programme area: which measures it serves, with their status.

    Each domain app routes its index here with its own ``app_label`` and template, which holds
    the area's own introduction.
    """

    app_label = ""
    template_name = "portal/area_index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["app_label"] = self.app_label
        ctx["area_label"] = PortalApp(self.app_label).label
        ctx["measures"] = selectors.measures_for_app(self.request.user, self.app_label)
        return ctx


class OrganisationListView(ListControlsMixin, VisibleQuerysetMixin, View):
    model = Organisation
    search_fields = ("name_fi", "name_sv", "code")
    sort_fields = {"code": "code", "name": "name_fi", "kind": "kind"}
    default_sort = "name"

    def get(self, request):
        qs = self.get_queryset().select_related("parent")
        kind = request.GET.get("kind", "")
        if kind in OrganisationKind.values:
            qs = qs.filter(kind=kind)
        qs, query, sort = self.apply_list_controls(qs)
        return render(
            request,
            "portal/organisation_list.html",
            {
                "page": self.paginate(qs),
                "q": query,
                "sort": sort,
                "kind": kind,
                "kinds": OrganisationKind.choices,
                "export_form": OrganisationExportForm(),
            },
        )


class OrganisationDetailView(VisibleQuerysetMixin, ServiceErrorFormMixin, View):
    model = Organisation
    does_not_exist_as_404 = True  # an organisation the user may not see is not found

    def get(self, request, code):
        organisation = selectors.organisation_detail(request.user, code)
        can_edit = permissions.can_edit(request.user, organisation)
        return render(request, "portal/organisation_detail.html", {"organisation": organisation, "can_edit": can_edit})


class OrganisationEditView(EditViewMixin, View):
    model = Organisation

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = get_object_or_404(self.get_queryset(), code=kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, code):
        return render(
            request,
            "portal/organisation_form.html",
            {"form": OrganisationForm(instance=self.organisation), "organisation": self.organisation},
        )

    def post(self, request, code):
        form = OrganisationForm(request.POST, instance=Organisation.objects.get(pk=self.organisation.pk))
        if form.is_valid():
            services.update_organisation(self.organisation, changes=form.cleaned_data, actor=request.user)
            messages.success(request, _("The organisation was saved."))
            return redirect("portal:organisation-detail", code=code)
        return render(
            request,
            "portal/organisation_form.html",
            {"form": form, "organisation": self.organisation},
            status=400,
        )


class HistoryView(LoginRequiredMixin, ListControlsMixin, View):
    """The change log of one object (signed-in users)."""

    kinds = {
        "organisation": (Organisation, "code", "portal:organisation-detail"),
        "measure": (Measure, "number", "portal:measure-detail"),
        "data-model": (DataModel, "code", "portal:datamodel-detail"),
    }

    def get(self, request, kind, key):
        if kind not in self.kinds:
            raise Http404
        model, field, detail_url = self.kinds[kind]
        obj = get_object_or_404(model.objects.visible_to(request.user), **{field: key})
        entries = selectors.history_for(request.user, obj)
        if request.GET.get("export") in ("csv", "xlsx"):
            return exports.history_response(entries, request.GET["export"], f"{kind}-{slugify(key)}-history")
        page = self.paginate(entries)
        return render(
            request,
            "portal/history.html",
            {"object": obj, "page": page, "detail_url": reverse(detail_url, args=[key])},
        )


class MeasureListView(ListControlsMixin, VisibleQuerysetMixin, View):
    model = Measure
    search_fields = ("title_fi", "title_sv", "title_en", "number")
    sort_fields = {"number": "number", "status": "status", "progress": "progress", "end": "end_date"}
    default_sort = "number"
    paginate_by = 50

    def get(self, request):
        qs = self.get_queryset().select_related("responsible_organisation")
        app = request.GET.get("app", "")
        if app in PortalApp.values:
            qs = qs.filter(app=app)
        qs, query, sort = self.apply_list_controls(qs)
        return render(
            request,
            "portal/measure_list.html",
            {"page": self.paginate(qs), "q": query, "sort": sort, "app": app, "apps": PortalApp.choices},
        )


class MeasureDetailView(VisibleQuerysetMixin, View):
    model = Measure

    def get(self, request, number):
        measure = get_object_or_404(self.get_queryset().select_related("responsible_organisation"), number=number)
        can_edit = permissions.can_edit(request.user, measure)
        history = selectors.history_for(request.user, measure)[:10] if request.user.is_authenticated else []
        return render(
            request,
            "portal/measure_detail.html",
            {
                "measure": measure,
                "can_edit": can_edit,
                "progress_entries": measure.progress_entries.select_related("actor")[:20],
                "history": history,
                "progress_form": ProgressForm(initial={"percent": measure.progress, "status": measure.status})
                if can_edit
                else None,
                "data_models": measure.data_models.all(),
            },
        )


class MeasureEditView(EditViewMixin, ServiceErrorFormMixin, View):
    model = Measure
    service_error_messages = {
        services.ConcurrentEditError: lambda exc: (
            _(
                "Someone else saved this measure (now version %(v)s) while you were editing. "
                "Your changes were not saved; reload the page to see the current version."
            )
            % {"v": exc.current.version}
        ),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.measure = get_object_or_404(self.get_queryset(), number=kwargs["number"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, number):
        form = MeasureForm(instance=self.measure, initial={"version": self.measure.version})
        return render(request, "portal/measure_form.html", {"form": form, "measure": self.measure})

    def post(self, request, number):
        form = MeasureForm(request.POST, instance=Measure.objects.get(pk=self.measure.pk))
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in MeasureForm.Meta.fields}
            self.run_service(
                form,
                lambda: services.update_measure(
                    self.measure,
                    changes=changes,
                    expected_version=form.cleaned_data["version"],
                    actor=request.user,
                ),
            )
            if self.service_ok:
                messages.success(request, _("The measure was saved."))
                return redirect("portal:measure-detail", number=number)
        status = self.form_error_status
        return render(request, "portal/measure_form.html", {"form": form, "measure": self.measure}, status=status)


class MeasureProgressView(EditViewMixin, View):
    model = Measure

    def post(self, request, number):
        measure = get_object_or_404(self.get_queryset(), number=number)
        form = ProgressForm(request.POST)
        if form.is_valid():
            services.record_progress(
                measure,
                percent=form.cleaned_data["percent"],
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                actor=request.user,
                date=form.cleaned_data["date"],
            )
            messages.success(request, _("The progress entry was recorded."))
            return redirect("portal:measure-detail", number=number)
        return render(request, "portal/progress_form.html", {"form": form, "measure": measure}, status=400)


class DataModelListView(ListControlsMixin, VisibleQuerysetMixin, View):
    model = DataModel
    search_fields = ("name_fi", "name_sv", "name_en", "code")
    sort_fields = {"code": "code", "status": "status"}
    default_sort = "code"

    def get(self, request):
        qs, query, sort = self.apply_list_controls(self.get_queryset().select_related("measure"))
        can_create = DataModel.objects.can_create(request.user)
        return render(
            request,
            "portal/datamodel_list.html",
            {"page": self.paginate(qs), "q": query, "sort": sort, "can_create": can_create},
        )


class DataModelDetailView(VisibleQuerysetMixin, View):
    model = DataModel

    def get(self, request, code):
        data_model = get_object_or_404(self.get_queryset().select_related("measure"), code=code)
        concepts = data_model.concepts.prefetch_related("relations_out__target")
        can_edit = permissions.can_edit(request.user, data_model)
        return render(
            request,
            "portal/datamodel_detail.html",
            {"data_model": data_model, "concepts": concepts, "can_edit": can_edit},
        )


class JobListView(LoginRequiredMixin, ListControlsMixin, VisibleQuerysetMixin, View):
    model = Job
    sort_fields = {"created": "created_at", "status": "status", "kind": "kind"}
    default_sort = "-created"

    def get(self, request):
        qs = self.get_queryset().select_related("started_by", "organisation")
        status = request.GET.get("status", "")
        if status in JobStatus.values:
            qs = qs.filter(status=status)
        qs, query, sort = self.apply_list_controls(qs)
        return render(
            request,
            "portal/job_list.html",
            {"page": self.paginate(qs), "sort": sort, "status": status, "statuses": JobStatus.choices},
        )


class JobDetailView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = Job

    def get(self, request, pk):
        from portal import job_kinds

        job = get_object_or_404(self.get_queryset().select_related("started_by", "organisation"), pk=pk)
        if job.is_confidential:
            audit.log_access(job, user=request.user, purpose="job detail")
        labels = {value: str(label) for value, label in JobStatus.choices}
        kind = job_kinds.get(job.kind)
        state, state_label = job_state(job)
        return render(
            request,
            "portal/job_detail.html",
            {
                "job": job,
                "status_labels": labels,
                "state": state,
                "state_label": state_label,
                # Offered where running again can change the outcome (the kind's re-run rule for a
                # failed job) or where the job was interrupted or never reached the task service.
                "can_rerun": (
                    (job.status == JobStatus.FAILED and kind.rerun_useful(job))
                    or (job.status != JobStatus.FAILED and can_rerun(job))
                )
                and permissions.can_edit(request.user, job),
                "what_to_do": job_kinds.what_to_do(job) if job.status == JobStatus.FAILED else "",
                "summary_template": kind.summary_template,
            },
        )


def open_job_result(job: Job, *, user) -> FileResponse:
    """The job's output file as a download; a confidential one writes the access log first."""
    if not job.output_file:
        raise Http404
    if job.is_confidential:
        audit.log_access(job, user=user, purpose="job result download")
    return FileResponse(job.output_file.open("rb"), as_attachment=True, filename=job.output_ref.get("filename"))


@login_required
def job_download(request, pk):
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    return open_job_result(job, user=request.user)


@login_required
def job_errors(request, pk):
    """The full error list (CSV) of a job the user may see."""
    return job_errors_response(get_object_or_404(Job.objects.visible_to(request.user), pk=pk))


@login_required
@require_POST
def job_rerun(request, pk):
    job = get_object_or_404(Job.objects.editable_by(request.user), pk=pk)
    if not can_rerun(job):
        messages.error(request, _("Only a failed or interrupted job can be re-run."))
    else:
        rerun_job(job, actor=request.user)
        messages.success(request, _("The job was queued again."))
    return redirect("portal:job-detail", pk=pk)


@login_required
@require_POST
def organisation_export(request):
    form = OrganisationExportForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    job = services.request_organisation_export(actor=request.user, kinds=form.cleaned_data["kinds"])
    return HttpResponseRedirect(reverse("portal:job-detail", args=[job.pk]))


def healthz(request):
    """Liveness and readiness: the database and the broker (or eager mode)."""
    from django.conf import settings

    from portal.celery import app

    result = {"database": "ok", "broker": "ok"}
    code = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # not a service error: the health probe reports any failure as unhealthy
        result["database"] = f"error: {exc.__class__.__name__}"
        code = 503
    if settings.CELERY_BROKER_URL:
        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
        except Exception as exc:  # not a service error: any broker failure is unhealthy
            result["broker"] = f"error: {exc.__class__.__name__}"
            code = 503
    else:
        result["broker"] = "eager (no broker configured)"
    result["status"] = "ok" if code == 200 else "error"
    return JsonResponse(result, status=code)


class CatalogueEditMixin(LoginRequiredMixin):
    """Editing the concept and data-model catalogue: programme staff and administrators only.

    Objects are fetched through ``editable_by``, so other users get a 404 and nothing changes.
    """

    def data_model_for_edit(self, code: str) -> DataModel:
        return get_object_or_404(DataModel.objects.editable_by(self.request.user), code=code)


class DataModelEditView(CatalogueEditMixin, View):
    """Create (no code in the URL) or edit a data model."""

    def get_object(self, code):
        return self.data_model_for_edit(code) if code else None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not kwargs.get("code") and not DataModel.objects.can_create(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, code=None):
        obj = self.get_object(code)
        return render(request, "portal/datamodel_form.html", {"form": DataModelForm(instance=obj), "data_model": obj})

    def post(self, request, code=None):
        obj = self.get_object(code)
        form = DataModelForm(request.POST, instance=DataModel.objects.get(pk=obj.pk) if obj else None)
        if form.is_valid():
            saved = services.save_data_model(obj, changes=form.cleaned_data, actor=request.user)
            messages.success(request, _("The data model was saved."))
            return redirect("portal:datamodel-detail", code=saved.code)
        return render(request, "portal/datamodel_form.html", {"form": form, "data_model": obj}, status=400)


class ConceptEditView(CatalogueEditMixin, View):
    """Create or edit a concept of a data model, and add relations to other concepts."""

    def setup_objects(self, code, concept_code):
        self.data_model = self.data_model_for_edit(code)
        self.concept = (
            get_object_or_404(
                Concept.objects.editable_by(self.request.user), data_model=self.data_model, code=concept_code
            )
            if concept_code
            else None
        )

    def render_page(self, form, relation_form=None, status=200):
        return render(
            self.request,
            "portal/concept_form.html",
            {
                "form": form,
                "relation_form": relation_form or (ConceptRelationForm(source=self.concept) if self.concept else None),
                "data_model": self.data_model,
                "concept": self.concept,
                "relations": self.concept.relations_out.select_related("target__data_model") if self.concept else [],
            },
            status=status,
        )

    def get(self, request, code, concept_code=None):
        self.setup_objects(code, concept_code)
        return self.render_page(ConceptForm(instance=self.concept, data_model=self.data_model))

    def post(self, request, code, concept_code=None):
        self.setup_objects(code, concept_code)
        form = ConceptForm(
            request.POST,
            instance=Concept.objects.get(pk=self.concept.pk) if self.concept else None,
            data_model=self.data_model,
        )
        if form.is_valid():
            saved = services.save_concept(
                self.concept, data_model=self.data_model, changes=form.cleaned_data, actor=request.user
            )
            messages.success(request, _("The concept was saved."))
            return redirect("portal:concept-edit", code=self.data_model.code, concept_code=saved.code)
        return self.render_page(form, status=400)


class ConceptRelationView(ServiceErrorFormMixin, CatalogueEditMixin, View):
    def post(self, request, code, concept_code):
        data_model = self.data_model_for_edit(code)
        concept = get_object_or_404(Concept.objects.editable_by(request.user), data_model=data_model, code=concept_code)
        form = ConceptRelationForm(request.POST, source=concept)
        if form.is_valid():
            self.run_service(
                form,
                lambda: services.add_concept_relation(
                    concept, target=form.cleaned_data["target"], kind=form.cleaned_data["kind"], actor=request.user
                ),
            )
            if self.service_ok:
                messages.success(request, _("The relation was added."))
                return redirect("portal:concept-edit", code=code, concept_code=concept_code)
        view = ConceptEditView()
        view.request = request
        view.data_model, view.concept = data_model, concept
        return view.render_page(ConceptForm(instance=concept, data_model=data_model), relation_form=form, status=400)


class ConceptRelationDeleteView(CatalogueEditMixin, View):
    def post(self, request, code, concept_code, pk):
        data_model = self.data_model_for_edit(code)
        relation = get_object_or_404(
            ConceptRelation.objects.editable_by(request.user),
            pk=pk,
            source__data_model=data_model,
            source__code=concept_code,
        )
        services.remove_concept_relation(relation, actor=request.user)
        messages.success(request, _("The relation was removed."))
        return redirect("portal:concept-edit", code=code, concept_code=concept_code)


class ConceptDeleteView(CatalogueEditMixin, View):
    """Confirm (GET) and delete (POST) a concept."""

    def get_concept(self, code, concept_code):
        data_model = self.data_model_for_edit(code)
        return get_object_or_404(
            Concept.objects.editable_by(self.request.user), data_model=data_model, code=concept_code
        )

    def get(self, request, code, concept_code):
        concept = self.get_concept(code, concept_code)
        return render(
            request, "portal/concept_confirm_delete.html", {"concept": concept, "data_model": concept.data_model}
        )

    def post(self, request, code, concept_code):
        concept = self.get_concept(code, concept_code)
        services.delete_concept(concept, actor=request.user)
        messages.success(request, _("The concept was deleted."))
        return redirect("portal:datamodel-detail", code=code)
