"""The anonymous guidance chat: rules, escalation, human channel, rate limit, nothing of the text stored."""

import json

import pytest
from django.apps import apps
from django.db import models as dj_models
from django.test import Client, override_settings
from django.urls import reverse

from digital_services.models import ChatDailyStat
from portal.models import AccessLog, ChangeLog

SECRET = "haluan kuolla zq7xv-unique-marker"


def _post(client, message, unmatched=0, **extra):
    return client.post(reverse("digital_services:chat"), {"message": message, "unmatched": unmatched}, **extra)


@pytest.mark.django_db
def test_page_says_not_a_human_and_not_an_emergency_service_in_three_languages(chat_rules):
    for lang, texts in {
        "fi": ("ei ole ihminen", "ei ole hätäpalvelu"),
        "sv": ("inte en människa", "inte en nödtjänst"),
        "en": ("not a human", "not an emergency service"),
    }.items():
        html = Client().get(f"/{lang}/digital-services/chat/").content.decode()
        for text in texts:
            assert text in html, (lang, text)
        assert "<script>" not in html and "chat.js" in html  # no inline script (CSP without unsafe-inline)


@pytest.mark.django_db
def test_danger_to_life_answers_112_and_mieli_at_level_3(chat_rules):
    response = _post(Client(), "haluan kuolla")
    assert response.status_code == 200
    reply = response.context["reply"]
    assert (reply.code, reply.escalation) == ("danger-to-life", 3)
    html = response.content.decode()
    assert "112" in html and "09 2525 0111" in html
    assert list(ChatDailyStat.objects.values_list("intent_code", "escalation", "count")) == [("danger-to-life", 3, 1)]


@pytest.mark.django_db
def test_mental_health_worry_leads_to_omaolo_and_sekasin(chat_rules):
    response = Client().post("/sv/digital-services/chat/", {"message": "Jag har ångest", "unmatched": 0})
    reply = response.context["reply"]
    assert reply.code == "mental-health-worry" and reply.escalation == 2
    assert {c.code for c in reply.contacts} == {"omaolo-mental-health", "sekasin-chat"}
    assert "Omaolo" in response.content.decode()


@pytest.mark.django_db
def test_three_unmatched_messages_lead_to_a_human_channel(chat_rules):
    client = Client()
    first = _post(client, "qwerty", 0)
    assert first.context["reply"].unmatched == 1
    assert first.context["form"]["unmatched"].value() == 1  # travels in the form, not in a session
    second = _post(client, "asdf", 1)
    assert second.context["reply"].unmatched == 2 and not second.context["reply"].human_channel
    third = _post(client, "zxcv", 2)
    assert third.context["reply"].human_channel
    assert third.context["reply"].code == "human-channel"
    assert "Sekasin" in third.content.decode()
    counts = dict(ChatDailyStat.objects.values_list("intent_code", "count"))
    assert counts == {"unmatched": 2, "human-channel": 1}


@pytest.mark.django_db
def test_json_mode_answers_in_place(chat_rules):
    response = _post(Client(), "haluan kuolla", HTTP_ACCEPT="application/json")
    body = response.json()
    assert body["escalation"] == 3
    assert {c["value"] for c in body["contacts"]} == {"112", "09 2525 0111", "09 2525 0112"}


@pytest.mark.django_db
@override_settings()
def test_61st_message_in_an_hour_gets_429_with_a_readable_page(chat_rules):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(60):
        assert _post(client, "hei").status_code == 200
    limited = _post(client, "hei")
    assert limited.status_code == 429
    assert "112" in limited.content.decode() and "<h1>" in limited.content.decode()
    assert _post(client, "hei", HTTP_ACCEPT="application/json").status_code == 429
    # Another address is not limited, and the counts hold only the 60 answered messages.
    assert _post(Client(REMOTE_ADDR="203.0.113.10"), "hei").status_code == 200
    assert ChatDailyStat.objects.get(intent_code="greeting").count == 61


@pytest.mark.django_db
def test_no_column_of_any_model_holds_the_message_text_address_or_session(chat_rules):
    client = Client(REMOTE_ADDR="198.51.100.77")
    _post(client, SECRET)
    _post(client, "marker-only zq7xv", HTTP_ACCEPT="application/json")
    assert "sessionid" not in client.cookies
    found = []
    models = [*apps.get_app_config("digital_services").get_models(), ChangeLog, AccessLog]
    for model in models:
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (dj_models.CharField, dj_models.TextField, dj_models.JSONField))
        ]
        for row in model._default_manager.all().values(*text_fields):
            for name, value in row.items():
                blob = json.dumps(value) if not isinstance(value, str) else value
                if "zq7xv" in blob or "haluan kuolla zq7xv" in blob or "198.51.100.77" in blob:
                    found.append((model.__name__, name))
    assert found == []
    from django.contrib.sessions.models import Session

    assert Session.objects.count() == 0
    assert ChatDailyStat.objects.filter(intent_code="danger-to-life").get().count == 1
