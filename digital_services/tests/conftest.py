import pytest

from digital_services.demo import seed_contacts, seed_digital_services_demo, seed_intents


@pytest.fixture
def ds_demo(reference_data):
    seed_digital_services_demo()


@pytest.fixture
def chat_rules(reference_data):
    seed_intents(seed_contacts())


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english():
    """Assertions read the English messages; pages under test set their own language by URL."""
    from django.utils import translation

    with translation.override("en"):
        yield
