from __future__ import annotations

import pytest

from integration.demo import DEMO_YEAR, ensure_demo_mapping
from integration.loaders import load_code_lists
from portal.models import Organisation


@pytest.fixture
def code_lists(reference_data):
    load_code_lists()


@pytest.fixture
def kuopio(code_lists):
    org = Organisation.objects.get(code="297")
    ensure_demo_mapping(org)
    return org


@pytest.fixture
def iisalmi(code_lists):
    org = Organisation.objects.get(code="140")
    ensure_demo_mapping(org)
    return org


@pytest.fixture
def year():
    return DEMO_YEAR


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english():
    """Assertions are on the English source strings; Finnish/Swedish are checked explicitly."""
    from django.utils import translation

    with translation.override("en"):
        yield


def publish_job(job):
    """Publish the draft a conversion job made (review before publishing, issue 10): the tests that
    expected package rows at once now publish, as a steward would."""
    from integration.models import ConversionDraft
    from integration.publication import publish_draft

    draft = ConversionDraft.objects.filter(job=job).first()
    if draft is not None and draft.can_be_published:
        publish_draft(draft, actor=None)
    return draft
