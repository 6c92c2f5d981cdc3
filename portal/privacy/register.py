"""The register of personal data the portal keeps (tietosuojaseloste / GDPR art. 30 record).

Each entry names a model field, the kind of data, the purpose, the legal basis and the retention.
The page ``/privacy/register/`` and ``register_rows()`` are generated from these entries and the
models' metadata (verbose names), so the register cannot drift from the schema: ``unregistered_fields()``
lists every field that looks personal (a link to an account, a name, an e-mail address, a phone
number, a contact, an IP address, free text on a confidential model) but is neither registered
nor exempted with a reason, and the test suite fails on any.

An app adds its models either here or from its AppConfig.ready() with ``declare()``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Basis:
    purpose: Promise | str
    legal_basis: Promise | str
    retention: Promise | str


# Purposes and bases used by many fields.
ACCOUNT = Basis(
    _("User accounts and access control of the portal"),
    _("Public task (GDPR 6.1 e): the programme's preparation work"),
    _(
        "While the account is in use; deactivated after %(inactive_days)s days without sign-in; erased on request when the person has left"
    ),
)
AUDIT = Basis(
    _("Audit trail: who changed or read what"),
    _("Legal obligation (GDPR 6.1 c; Act on the processing of client data 703/2023 § 11)"),
    _(
        "The access log %(access_log_days)s days; the change log as long as the object's record is kept; the actor is pseudonymised on erasure"
    ),
)
SECURITY = Basis(
    _("Security of sign-in: lock-out and investigation of misuse"),
    _("Legitimate interest in information security (GDPR 6.1 f; Information Management Act 906/2019 § 13)"),
    _("%(auth_event_days)s days, then deleted"),
)
WORK = Basis(
    _("Recording who did programme work (authorship, responsibility)"),
    _("Public task (GDPR 6.1 e)"),
    _("As long as the record it belongs to; pseudonymised on erasure of the account"),
)
CONTACT = Basis(
    _("Contact with organisations and producers"),
    _("Public task (GDPR 6.1 e)"),
    _("As long as the organisation or producer record is kept"),
)
NOTIFY = Basis(
    _("Notifying people of work that concerns them"),
    _("Public task (GDPR 6.1 e)"),
    _("Read notifications %(notification_days)s days, then deleted"),
)
SUPERVISION = Basis(
    _("Supervision of social- and health-care services (client deviation reports)"),
    _("Legal obligation (GDPR 6.1 c, 9.2 h; Act on the supervision of social and health care 741/2023)"),
    _("Free text and reporter details of closed reports pseudonymised after %(deviation_days)s days"),
)

CONSULTATION = Basis(
    _("Identity-free expert consultations of the OT centre"),
    _("Public task and the provision of health and social care (GDPR 6.1 e, 9.2 h)"),
    _("Free text redacted at the case's redaction date (an editable deadline rule after closing); statistics kept"),
)


ARCHIVE_ACCESS = Basis(
    _("Access of professionals to archived client data and its supervision"),
    _("Legal obligation (GDPR 6.1 c, 9.2 h; Act on the processing of client data 703/2023 §§ 11, 17)"),
    _("As long as the archived data the request concerns is kept; the reads stay in the access log"),
)


@dataclass(frozen=True)
class Entry:
    category: Promise | str
    basis: Basis


IDENT = _("Identifier of a person")
NAME = _("Name")
EMAIL = _("E-mail address")
PHONE = _("Phone number")
FREE = _("Free text that may contain personal data")
LOG = _("Log data")
NET = _("Network data")

U = settings.AUTH_USER_MODEL.lower()

REGISTER: dict[str, dict[str, Entry]] = {
    # Django's account model
    U: {
        "username": Entry(IDENT, ACCOUNT),
        "first_name": Entry(NAME, ACCOUNT),
        "last_name": Entry(NAME, ACCOUNT),
        "email": Entry(EMAIL, ACCOUNT),
        "last_login": Entry(LOG, ACCOUNT),
    },
    "portal.changelog": {
        "actor": Entry(IDENT, AUDIT),
        "actor_repr": Entry(IDENT, AUDIT),
        "before": Entry(FREE, AUDIT),
        "after": Entry(FREE, AUDIT),
    },
    "portal.accesslog": {"actor": Entry(IDENT, AUDIT), "actor_repr": Entry(IDENT, AUDIT)},
    "portal.job": {"started_by": Entry(IDENT, WORK)},
    "portal.measure": {"responsible_person": Entry(NAME, WORK)},
    "portal.measureprogress": {"actor": Entry(IDENT, WORK)},
    "portal.organisation": {"contact_email": Entry(EMAIL, CONTACT)},
    "identity.apitoken": {"user": Entry(IDENT, ACCOUNT), "revoked_by": Entry(IDENT, ACCOUNT)},
    "identity.externalidentity": {
        "user": Entry(IDENT, ACCOUNT),
        "subject": Entry(IDENT, ACCOUNT),
        "last_claims": Entry(IDENT, ACCOUNT),
    },
    "identity.authevent": {
        "user": Entry(IDENT, SECURITY),
        "username": Entry(IDENT, SECURITY),
        "ip_address": Entry(NET, SECURITY),
    },
    "notifications.notification": {
        "recipient": Entry(IDENT, NOTIFY),
        "actor": Entry(IDENT, NOTIFY),
        "params": Entry(FREE, NOTIFY),
        "lines": Entry(FREE, NOTIFY),
    },
    "notifications.notificationpreference": {"user": Entry(IDENT, NOTIFY)},
    "governance.membership": {"person_name": Entry(NAME, WORK)},
    "governance.meetingattachment": {"uploaded_by": Entry(IDENT, WORK)},
    "governance.milestone": {"responsible_person": Entry(NAME, WORK)},
    "governance.newsitem": {"author": Entry(NAME, WORK)},
    "governance.legacydocumentversion": {"uploaded_by": Entry(IDENT, WORK)},
    "governance.statusreport": {"created_by": Entry(IDENT, WORK)},
    "knowledge_mgmt.indicatorvalue": {"entered_by": Entry(IDENT, WORK)},
    "integration.mappingversion": {"created_by": Entry(IDENT, WORK)},
    "integration.upload": {"uploaded_by": Entry(IDENT, WORK)},
    "supervision.producer": {
        "contact_name": Entry(NAME, CONTACT),
        "contact_email": Entry(EMAIL, CONTACT),
        "contact_phone": Entry(PHONE, CONTACT),
    },
    "supervision.supervisorassignment": {"user": Entry(IDENT, WORK)},
    "supervision.produceraccount": {"user": Entry(IDENT, ACCOUNT)},
    "supervision.staffingimport": {"uploaded_by": Entry(IDENT, WORK)},
    "supervision.contractremindersent": {"recipient": Entry(IDENT, NOTIFY)},
    "supervision.deviationreport": {
        "text": Entry(FREE, SUPERVISION),
        "reporter_name": Entry(NAME, SUPERVISION),
        "reporter_contact": Entry(FREE, SUPERVISION),
        "findings": Entry(FREE, SUPERVISION),
        "handled_by": Entry(IDENT, WORK),
    },
    "supervision.supervisionvisit": {"supervisor": Entry(IDENT, WORK)},
    "knowledge_mgmt.importdraft": {"decided_by": Entry(IDENT, WORK)},
    "integration.conversiondraft": {"decided_by": Entry(IDENT, WORK)},
    "integration.documentationreport": {"reported_by": Entry(IDENT, WORK)},
    "integration.documentationupload": {"uploaded_by": Entry(IDENT, WORK)},
    "archiving.retentionsimulation": {"created_by": Entry(IDENT, WORK)},
    "archiving.archivingplan": {"approved_by": Entry(IDENT, WORK)},
    "archiving.accessrequest": {"requester": Entry(IDENT, ARCHIVE_ACCESS), "decided_by": Entry(IDENT, ARCHIVE_ACCESS)},
    "archiving.destructionlist": {"created_by": Entry(IDENT, WORK), "approved_by": Entry(IDENT, WORK)},
    "archiving.procurementpack": {"created_by": Entry(IDENT, WORK)},
    "integration.conversionresult": {"published_by": Entry(IDENT, WORK)},
    "ot_centre.expert": {"user": Entry(IDENT, WORK)},
    "ot_centre.consultationrequest": {
        "requester": Entry(IDENT, CONSULTATION),
        "question": Entry(FREE, CONSULTATION),
        "local_reference": Entry(FREE, CONSULTATION),
        "triage_note": Entry(FREE, CONSULTATION),
        "answer": Entry(FREE, CONSULTATION),
    },
    "ot_centre.casemessage": {"author": Entry(IDENT, CONSULTATION), "body": Entry(FREE, CONSULTATION)},
    "ot_centre.caseconference": {"attendees": Entry(FREE, CONSULTATION), "statement": Entry(FREE, CONSULTATION)},
}

# Models whose free text is confidential (client data may be in it): every text field must be registered.
CONFIDENTIAL_MODELS: set[str] = {
    "supervision.deviationreport",
    "ot_centre.consultationrequest",
    "ot_centre.casemessage",
    "ot_centre.caseconference",
    "ot_centre.closeoutsurvey",
}

# Fields that look personal but are not, with the reason.
NOT_PERSONAL: dict[str, str] = {
    "supervision.serviceunit.address": "the street address of a care unit, not of a person",
    "notifications.notification.email_status": "the delivery state of an e-mail, not an address",
    "ot_centre.consultationrequest.case_code": "a random case reference, no identity",
    "supervision.staffinghours.persons": "a head count, no identities",
    "supervision.persondayrule.hours_per_person_day": "a staffing rule",
    "digital_services.servicechannel.address": "the address of a service channel (a web page or an office), not of a person",
}

PERSONAL_NAME = re.compile(
    r"(^|_)(email|e_mail|phone|contact|reporter|first_name|last_name|username|person|full_name|author|ip_address|ip|address|recipient)($|_)"
)
IGNORED_APPS = {"admin", "contenttypes", "sessions", "auth", "guardian", "otp_totp", "django_otp"}


def declare(model_label: str, fields: dict[str, Entry], *, confidential: bool = False) -> None:
    """Register an app's personal-data fields from its AppConfig.ready()."""
    REGISTER.setdefault(model_label.lower(), {}).update(fields)
    if confidential:
        CONFIDENTIAL_MODELS.add(model_label.lower())


def _user_model_label() -> str:
    return settings.AUTH_USER_MODEL.lower()


def looks_personal(model, field) -> bool:
    label = model._meta.label_lower
    if field.is_relation and field.related_model is not None:
        return field.related_model._meta.label_lower == _user_model_label() and (field.many_to_one or field.one_to_one)
    if label in CONFIDENTIAL_MODELS and isinstance(field, models.TextField | models.CharField | models.JSONField):
        return field.name not in {"reference_code", "status"} and not field.choices
    return bool(PERSONAL_NAME.search(field.name)) and isinstance(
        field, models.CharField | models.TextField | models.EmailField | models.GenericIPAddressField | models.JSONField
    )


def unregistered_fields() -> list[str]:
    """Fields that look personal and are neither in the register nor exempted."""
    missing = []
    for model in apps.get_models():
        if model._meta.app_label in IGNORED_APPS and model._meta.label_lower != _user_model_label():
            continue
        if model._meta.auto_created:
            continue
        declared = REGISTER.get(model._meta.label_lower, {})
        for field in model._meta.concrete_fields:
            key = f"{model._meta.label_lower}.{field.name}"
            if field.name in declared or key in NOT_PERSONAL:
                continue
            if model._meta.label_lower == _user_model_label() and field.name in {
                "password",
                "is_active",
                "is_staff",
                "is_superuser",
                "date_joined",
            }:
                continue
            if looks_personal(model, field):
                missing.append(key)
    return missing


def stale_entries() -> list[str]:
    """Register entries naming a field that no longer exists."""
    stale = []
    for label, fields in REGISTER.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue  # an app that is not installed here
        names = {f.name for f in model._meta.concrete_fields}
        stale += [f"{label}.{name}" for name in fields if name not in names]
    return stale


def retention_periods() -> dict[str, int]:
    """The configured periods (days) that the retention texts name."""
    return {
        "inactive_days": settings.ACCOUNT_INACTIVE_DAYS,
        "access_log_days": settings.RETENTION_ACCESS_LOG_DAYS,
        "auth_event_days": settings.RETENTION_AUTH_EVENT_DAYS,
        "notification_days": settings.RETENTION_NOTIFICATION_DAYS,
        "deviation_days": settings.RETENTION_DEVIATION_TEXT_DAYS,
    }


def retention_text(text) -> str:
    """A retention text with the configured number of days in it (people read days, not setting names)."""
    text = str(text)
    if "%(" not in text:
        return text
    try:
        return text % retention_periods()
    except (KeyError, ValueError, TypeError):
        return text


def register_rows() -> list[dict]:
    """The register for people: model and field by their verbose names, with kind, purpose, basis, retention."""
    rows = []
    for label, fields in sorted(REGISTER.items()):
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        for name, entry in fields.items():
            field = model._meta.get_field(name)
            rows.append(
                {
                    "label": label,
                    "field_name": name,
                    "model": model._meta.verbose_name,
                    "app": apps.get_app_config(model._meta.app_label).verbose_name,
                    "field": field.verbose_name,
                    "category": entry.category,
                    "purpose": entry.basis.purpose,
                    "legal_basis": entry.basis.legal_basis,
                    "retention": retention_text(entry.basis.retention),
                }
            )
    return rows


def user_link_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) in the register that links a row to an account (for data reports)."""
    out = []
    for label, fields in REGISTER.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        for name in fields:
            field = model._meta.get_field(name)
            if (
                field.is_relation
                and field.related_model is not None
                and field.related_model._meta.label_lower == _user_model_label()
            ):
                out.append((model, name))
    return out
