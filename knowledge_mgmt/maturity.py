"""The knowledge-management maturity survey (tietojohtamisen kypsyystaso): results and CSV import.

Answers are anonymous; results are averages per area, overall and per organisation, and a group
with fewer answers than the small-number threshold is not shown (a single answer could be
recognised).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from knowledge_mgmt.aggregation import small_number_threshold
from knowledge_mgmt.choices import RespondentRole
from knowledge_mgmt.models import MaturityArea, MaturityResponse, MaturityScore, MaturitySurvey
from knowledge_mgmt.services import InvalidInput
from portal import safe_reader
from portal.codes import code_problem
from portal.models import Organisation

TWO = Decimal("0.01")


@dataclass
class ResultCell:
    responses: int
    current_state: Decimal | None
    satisfaction: Decimal | None

    @property
    def gap(self) -> Decimal | None:
        """Satisfaction minus current state: negative when the state is rated above the satisfaction."""
        if self.current_state is None or self.satisfaction is None:
            return None
        return self.satisfaction - self.current_state

    @property
    def suppressed(self) -> bool:
        return self.current_state is None and self.responses > 0


def _cell(n: int, current, satisfaction, threshold: int) -> ResultCell:
    if n < threshold:
        return ResultCell(n, None, None)
    return ResultCell(
        n,
        Decimal(str(current)).quantize(TWO, ROUND_HALF_UP),
        Decimal(str(satisfaction)).quantize(TWO, ROUND_HALF_UP),
    )


def results(survey: MaturitySurvey) -> dict:
    """{"areas": [...], "overall": {area_id: cell}, "organisations": [(org, {area_id: cell})]} in 3 queries."""
    threshold = small_number_threshold()
    areas = list(survey.areas.order_by("order", "code"))
    scores = MaturityScore.objects.for_aggregate_results().filter(response__survey=survey)
    overall = {
        row["area_id"]: _cell(row["n"], row["cur"], row["sat"], threshold)
        for row in scores.values("area_id").annotate(n=Count("id"), cur=Avg("current_state"), sat=Avg("satisfaction"))
    }
    per_org: dict[int, dict[int, ResultCell]] = defaultdict(dict)
    for row in scores.values("area_id", "response__organisation_id").annotate(
        n=Count("id"), cur=Avg("current_state"), sat=Avg("satisfaction")
    ):
        per_org[row["response__organisation_id"]][row["area_id"]] = _cell(row["n"], row["cur"], row["sat"], threshold)
    organisations = Organisation.objects.filter(pk__in=per_org).order_by("name_fi")
    return {
        "areas": areas,
        "overall": [(area, overall.get(area.pk)) for area in areas],
        "organisations": [(org, [(area, per_org[org.pk].get(area.pk)) for area in areas]) for org in organisations],
        "threshold": threshold,
    }


def import_csv(survey: MaturitySurvey, content: bytes, filename: str) -> int:
    """Import existing results; all or nothing. A response id already imported is left as it is."""
    limits = safe_reader.ReadLimits.from_settings(max_rows=int(settings.KNOWLEDGE_MATURITY_MAX_ROWS))
    try:
        header, body = safe_reader.records(content, filename, limits=limits, delimiters=(";", ","))
        return _import_records(survey, filename, header, body)
    except safe_reader.FileRefused as exc:
        raise InvalidInput([str(exc)]) from exc


def _import_records(survey: MaturitySurvey, filename: str, header: list[str], body) -> int:
    required = {"response", "organisation", "role", "area", "current_state", "satisfaction"}
    missing = required - set(header)
    if missing:
        raise InvalidInput(
            [_("%(file)s: missing columns %(columns)s") % {"file": filename, "columns": ", ".join(sorted(missing))}]
        )
    areas = {a.code: a for a in MaturityArea.objects.filter(survey=survey)}
    organisations = {o.code: o for o in Organisation.objects.all()}
    existing = set(
        MaturityResponse.objects.filter(survey=survey).exclude(import_key="").values_list("import_key", flat=True)
    )
    errors: list[str] = []
    responses: dict[str, dict] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, cells in body:
        row = {k: safe_reader.cell_text(v) for k, v in cells.items()}
        label = _("%(file)s line %(n)s") % {"file": filename, "n": line}
        problems = []
        key = row["response"]
        if not key:
            problems.append(_("response id is missing"))
        elif problem := code_problem(key, what=_("response id")):
            problems.append(problem)
        org = organisations.get(row["organisation"])
        if org is None:
            problems.append(_("unknown organisation code %(code)r") % {"code": row["organisation"]})
        if row["role"] not in RespondentRole.values:
            problems.append(
                _("role %(role)r is not one of %(roles)s")
                % {"role": row["role"], "roles": ", ".join(RespondentRole.values)}
            )
        area = areas.get(row["area"])
        if area is None:
            problems.append(_("unknown area code %(code)r") % {"code": row["area"]})
        scores = []
        for column in ("current_state", "satisfaction"):
            try:
                score = int(row[column])
            except ValueError:
                score = None
            if score is None or not 1 <= score <= survey.scale_max:
                problems.append(
                    _("%(column)s %(value)r is not a whole number 1–%(max)s")
                    % {"column": column, "value": row[column], "max": survey.scale_max}
                )
            scores.append(score)
        if key and area is not None:
            if (key, area.code) in seen:
                problems.append(_("duplicates line %(n)s") % {"n": seen[(key, area.code)]})
            seen[(key, area.code)] = line
        if (
            key in responses
            and org is not None
            and (responses[key]["org"], responses[key]["role"]) != (org, row["role"])
        ):
            problems.append(_("response %(key)s has another organisation or role on an earlier line") % {"key": key})
        if problems:
            errors.append(f"{label}: " + ", ".join(problems))
            continue
        entry = responses.setdefault(key, {"org": org, "role": row["role"], "scores": []})
        entry["scores"].append((area, *scores))
    if errors:
        raise InvalidInput(errors)
    created = 0
    with transaction.atomic():
        for key, entry in responses.items():
            if key in existing:
                continue
            response = MaturityResponse.objects.create(
                survey=survey, organisation=entry["org"], role=entry["role"], import_key=key
            )
            MaturityScore.objects.bulk_create(
                [
                    MaturityScore(response=response, area=a, current_state=c, satisfaction=s)
                    for a, c, s in entry["scores"]
                ]
            )
            created += 1
    return created


@transaction.atomic
def submit_answer(survey: MaturitySurvey, *, organisation: Organisation, role: str, scores: list[tuple]) -> None:
    """Store one web answer. Deliberately no user: the answer is anonymous."""
    response = MaturityResponse.objects.create(survey=survey, organisation=organisation, role=role)
    MaturityScore.objects.bulk_create(
        [MaturityScore(response=response, area=a, current_state=c, satisfaction=s) for a, c, s in scores]
    )
