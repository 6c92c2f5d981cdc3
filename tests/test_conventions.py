"""Conventions every app follows (DESIGN.md): checked here so that no model can forget them."""

from django.apps import apps

from portal import audit
from portal.querysets import PortalQuerySet

PROJECT_APPS = {
    "portal",
    "governance",
    "knowledge_mgmt",
    "integration",
    "digital_services",
    "supervision",
    "archiving",
    "ot_centre",
    "identity",
    "notifications",
}

# Models deliberately outside the change log: the logs themselves, job records (they have their own
# message history), and high-volume data rows traced through the Job that wrote them.
NOT_AUDITED = {
    # Archiving: access requests name the person whose archived data is asked for (change-log rows are
    # readable by every signed-in user); reads are in the access log. Destruction-list lines are
    # high-volume rows traced through their list.
    "archiving.accessrequest",
    "archiving.destructionlistline",
    "portal.changelog",
    "portal.accesslog",
    "portal.job",
    # SOTE package rows: job output, traced through their Job, upload and mapping version.
    "integration.packagerow",
    # Drafts are job output too (a conversion's or an import's rows before review); who published or
    # discarded them and when is kept on the draft and on the published result.
    "integration.conversiondraft",
    "knowledge_mgmt.importdraft",
    # Maturity-survey answers are anonymous: a change-log row would name the signed-in respondent.
    "knowledge_mgmt.maturityresponse",
    "knowledge_mgmt.maturityscore",
    # Daily staffing rows: high volume, traced through the import Job that wrote them.
    "supervision.staffingday",
    "supervision.staffinghours",
    # Confidential: the change log is readable by signed-in users and would copy the report's text.
    # Reads are in the access log; triage keeps its current handler and time on the row.
    "supervision.deviationreport",
    # OT-centre consultation cases: confidential free text (same reasoning); reads are access-logged.
    "ot_centre.consultationrequest",
    "ot_centre.casemessage",
    "ot_centre.caseconference",
    "ot_centre.closeoutsurvey",
    # Reminder bookkeeping (one row per case and kind) and anonymous experience surveys.
    "ot_centre.remindersent",
    "ot_centre.experiencereport",
    # The sign-in trail is itself an audit record (append-only).
    "identity.authevent",
    # Inbox rows: created by notify(), read/unread only; a change-log copy would spread their subjects.
    "notifications.notification",
}


def project_models():
    return [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS and not m._meta.auto_created]


def test_every_model_has_a_permission_aware_manager():
    missing = [
        m._meta.label
        for m in project_models()
        if not isinstance(m._default_manager.all(), PortalQuerySet)
        or not all(hasattr(m._default_manager, name) for name in ("visible_to", "editable_by", "can_create"))
    ]
    assert missing == [], f"models without visible_to/editable_by/can_create: {missing}"


def test_every_model_has_ordering_docstring_and_verbose_name():
    problems = []
    for model in project_models():
        label = model._meta.label
        if not model._meta.ordering:
            problems.append(f"{label}: no Meta.ordering")
        if not model.__doc__ or model.__doc__.startswith(model.__name__ + "("):
            problems.append(f"{label}: no docstring")
        if "verbose_name" not in model._meta.original_attrs:
            problems.append(f"{label}: verbose_name not set")
    assert problems == [], "\n".join(problems)


def test_every_edited_model_is_under_the_change_log():
    unregistered = [
        m._meta.label_lower
        for m in project_models()
        if not audit.is_registered(m) and m._meta.label_lower not in NOT_AUDITED
    ]
    assert unregistered == [], (
        f"register these with portal.audit.register() or justify them in NOT_AUDITED: {unregistered}"
    )
