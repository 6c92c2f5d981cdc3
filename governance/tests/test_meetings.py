import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from conftest import client_for
from governance import services
from governance.models import AgendaItem, Body, Decision, Meeting, MeetingAttachment, Membership
from governance.services import AppendOnlyError
from governance.tests.conftest import en
from portal.models import Measure

PDF = b"%PDF-1.4\n% test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.mark.django_db
def test_steering_group_meeting_end_to_end_in_the_browser(client, staff_user, steering_group, members):
    client.force_login(staff_user)
    response = client.post(
        en("governance:meeting-create"),
        {"body": steering_group.pk, "number": "1/2026", "date": "2026-03-10", "location": "Kuopio"},
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == en("governance:meeting-detail", meeting.pk)
    measure = Measure.objects.get(number="1.1")
    for position, title in [(1, "Avaus"), (2, "Organisaatio")]:
        response = client.post(
            en("governance:agenda-create", meeting.pk),
            {"position": position, "title": title, "measure": measure.pk if position == 2 else ""},
        )
        assert response.status_code == 302
    response = client.post(
        en("governance:meeting-record", meeting.pk),
        {"location": "Kuopio", "attendees": [members[0].pk, members[1].pk], "minutes": "Pöytäkirja: hyväksyttiin."},
    )
    assert response.status_code == 302
    response = client.post(
        en("governance:decision-create", meeting.pk),
        {"number": "2026/1", "date": "2026-03-10", "text": "Hyväksytään organisaatio.", "measures": [measure.pk]},
    )
    decision = Decision.objects.get()
    assert response["Location"] == en("governance:meeting-detail", meeting.pk)
    response = client.post(en("governance:meeting-approve", meeting.pk), {"approved_on": "2026-03-17"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.minutes_status, meeting.minutes_approved_on) == ("approved", dt.date(2026, 3, 17))
    assert list(meeting.agenda_items.values_list("position", "title")) == [(1, "Avaus"), (2, "Organisaatio")]
    assert set(meeting.attendees.values_list("person_name", flat=True)) == {"Puheenjohtaja Kuopio", "Jäsen Iisalmi"}
    assert list(decision.measures.values_list("number", flat=True)) == ["1.1"]
    page = client.get(en("governance:meeting-detail", meeting.pk)).content.decode()
    assert "2026/1" in page and "Pöytäkirja: hyväksyttiin." in page and "Jäsen Iisalmi" in page
    # The decision is final now: the edit page sends the user to the decision, a POST changes nothing.
    response = client.post(
        en("governance:decision-edit", decision.pk), {"number": "2026/1", "date": "2026-03-10", "text": "Muutettu"}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.text == "Hyväksytään organisaatio."
    # Implementation follow-up still changes.
    response = client.post(
        en("governance:decision-follow-up", decision.pk),
        {"follow_up_status": "in_progress", "follow_up_notes": "Työryhmät asetettu."},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.follow_up_status, decision.follow_up_notes) == ("in_progress", "Työryhmät asetettu.")
    # A correction is a new decision referring to the old one.
    response = client.post(
        en("governance:decision-correct", decision.pk),
        {"number": "2026/2", "date": "2026-04-01", "text": "Korjattu teksti.", "measures": [measure.pk]},
    )
    correction = Decision.objects.get(number="2026/2")
    assert response["Location"] == en("governance:decision-detail", correction.pk)
    assert correction.corrects_id == decision.pk
    assert correction.body_id == decision.body_id
    assert Decision.objects.get(pk=decision.pk).text == "Hyväksytään organisaatio."


@pytest.mark.django_db
def test_append_only_is_enforced_in_services(staff_user, meeting):
    decision = services.record_decision(
        body=meeting.body, meeting=meeting, number="2026/1", date=meeting.date, text="Alkuperäinen", actor=staff_user
    )
    meeting.minutes = "Pöytäkirja"
    services.save_object(meeting, actor=staff_user)
    services.approve_minutes(meeting, approved_on=dt.date(2026, 3, 11), actor=staff_user)
    decision.refresh_from_db()
    decision.text = "Muutettu"
    with pytest.raises(AppendOnlyError):
        services.save_object(decision, actor=staff_user)
    with pytest.raises(AppendOnlyError):
        services.delete_object(Decision.objects.get(pk=decision.pk), actor=staff_user)
    with pytest.raises(AppendOnlyError):
        services.record_decision(
            body=meeting.body, meeting=meeting, number="2026/9", date=meeting.date, text="Myöhässä", actor=staff_user
        )
    meeting.refresh_from_db()
    meeting.minutes = "Muutettu pöytäkirja"
    with pytest.raises(AppendOnlyError):
        services.save_object(meeting, actor=staff_user)
    with pytest.raises(AppendOnlyError):
        services.save_object(AgendaItem(meeting=meeting, position=5, title="Jälkikäteen"), actor=staff_user)
    assert list(Decision.objects.values_list("number", "text")) == [("2026/1", "Alkuperäinen")]
    assert Meeting.objects.get().minutes == "Pöytäkirja"
    correction = services.correct_decision(
        Decision.objects.get(pk=decision.pk),
        number="2026/2",
        date=dt.date(2026, 4, 1),
        text="Korjaus",
        actor=staff_user,
    )
    assert correction.corrects_id == decision.pk


@pytest.mark.django_db
def test_api_patch_of_an_approved_decision_is_refused_but_follow_up_changes(staff_user, meeting):
    decision = services.record_decision(
        body=meeting.body, meeting=meeting, number="2026/1", date=meeting.date, text="Alkuperäinen", actor=staff_user
    )
    api = client_for(staff_user)
    api.credentials(HTTP_ACCEPT_LANGUAGE="en")
    assert (
        api.patch(f"/api/governance/meetings/{meeting.pk}/", {"minutes": "Pöytäkirja"}, format="json").status_code
        == 200
    )
    response = api.post(f"/api/governance/meetings/{meeting.pk}/approve/", {"approved_on": "2026-03-12"}, format="json")
    assert response.status_code == 200
    assert response.json()["minutes_status"] == "approved"
    response = api.patch(f"/api/governance/decisions/{decision.pk}/", {"text": "Muutettu"}, format="json")
    assert response.status_code == 400
    assert "correcting decision" in response.json()["non_field_errors"][0]
    assert Decision.objects.get(pk=decision.pk).text == "Alkuperäinen"
    response = api.patch(
        f"/api/governance/decisions/{decision.pk}/", {"follow_up_status": "implemented"}, format="json"
    )
    assert response.status_code == 200
    response = api.post(
        f"/api/governance/decisions/{decision.pk}/correct/",
        {"number": "2026/2", "date": "2026-04-01", "text": "Korjaus", "measures": ["1.1"]},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["corrects"] == decision.pk
    assert response.json()["measures"] == ["1.1"]


@pytest.mark.django_db
def test_minutes_cannot_be_approved_empty_or_before_the_meeting(staff_user, meeting):
    with pytest.raises(Exception) as info:
        services.approve_minutes(meeting, approved_on=dt.date(2026, 3, 11), actor=staff_user)
    assert info.value.message_dict == {"minutes": ["Write the minutes before approving them."]}
    meeting.minutes = "Pöytäkirja"
    services.save_object(meeting, actor=staff_user)
    with pytest.raises(Exception) as info:
        services.approve_minutes(meeting, approved_on=dt.date(2026, 3, 9), actor=staff_user)
    assert info.value.message_dict == {"minutes_approved_on": ["The minutes cannot be approved before the meeting."]}
    assert Meeting.objects.get().minutes_status == "draft"


@pytest.mark.django_db
def test_meeting_outside_the_body_validity_is_refused(client, staff_user, steering_group):
    client.force_login(staff_user)
    response = client.post(
        en("governance:meeting-create"), {"body": steering_group.pk, "number": "9/2028", "date": "2028-01-05"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["date"] == ["The meeting date is outside the body's validity."]
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_attachment_upload_checks_type_contents_and_size(client, staff_user, meeting, settings):
    client.force_login(staff_user)
    url = en("governance:attachment-create", meeting.pk)
    response = client.post(
        url, {"kind": "appendix", "title": "Ohjelma", "file": SimpleUploadedFile("ohjelma.exe", b"MZ\x90\x00")}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file type .exe of ohjelma.exe is not allowed. Allowed types: csv, docx, jpeg, jpg, odp, ods, odt, pdf, "
        "png, pptx, txt, xlsx."
    ]
    response = client.post(
        url, {"kind": "appendix", "title": "Väärä", "file": SimpleUploadedFile("liite.pdf", b"MZ not a pdf")}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["The contents of liite.pdf do not match its file type .pdf."]
    settings.PORTAL_MAX_UPLOAD_BYTES = 1024
    response = client.post(
        url, {"kind": "appendix", "title": "Iso", "file": SimpleUploadedFile("iso.pdf", PDF + b"0" * 2000)}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["The file iso.pdf is 2.0\xa0KB; the limit is 1.0\xa0KB."]
    assert MeetingAttachment.objects.count() == 0
    response = client.post(url, {"kind": "minutes", "title": "Pöytäkirja", "file": SimpleUploadedFile("pk.pdf", PDF)})
    assert response.status_code == 302
    attachment = MeetingAttachment.objects.get()
    assert (attachment.kind, attachment.size) == ("minutes", len(PDF))
    download = client.get(en("governance:attachment-download", attachment.pk))
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.django_db
@override_settings(PORTAL_MAX_UPLOAD_BYTES=1024)
def test_api_attachment_over_the_limit_is_refused(staff_user, meeting):
    response = client_for(staff_user).post(
        "/api/governance/attachments/",
        {
            "meeting": meeting.pk,
            "kind": "appendix",
            "title": "Iso",
            "file": SimpleUploadedFile("iso.pdf", PDF + b"0" * 2000),
        },
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"file": ["The file iso.pdf is 2.0\xa0KB; the limit is 1.0\xa0KB."]}
    assert MeetingAttachment.objects.count() == 0


@pytest.mark.django_db
def test_attendance_only_of_the_bodys_members(staff_user, meeting, members):
    other = services.save_object(
        Body(code="muu", name_fi="Muu", kind="other", valid_from=dt.date(2026, 1, 1)), actor=staff_user
    )
    outsider = services.save_object(
        Membership(
            body=other,
            person_name="Ulkopuolinen",
            organisation=members[0].organisation,
            role="member",
            term_start=dt.date(2026, 1, 1),
        ),
        actor=staff_user,
    )
    response = client_for(staff_user).patch(
        f"/api/governance/meetings/{meeting.pk}/",
        {"attendees": [members[0].pk, outsider.pk]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"attendees": ["Only members of the meeting's body are recorded as present."]}
    assert meeting.attendees.count() == 0


@pytest.mark.django_db
def test_api_attachment_upload_and_download(staff_user, decision_maker, meeting):
    response = client_for(staff_user).post(
        "/api/governance/attachments/",
        {"meeting": meeting.pk, "kind": "agenda", "title": "Esityslista", "file": SimpleUploadedFile("el.pdf", PDF)},
        format="multipart",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["size"]) == ("agenda", len(PDF))
    download = client_for(decision_maker).get(body["download_url"])
    assert b"".join(download.streaming_content) == PDF
    assert MeetingAttachment.objects.get().uploaded_by == staff_user


@pytest.mark.django_db
def test_a_recorded_decision_reaches_the_inbox_of_staff_and_decision_makers(
    staff_user, decision_maker, steward_a, meeting, django_capture_on_commit_callbacks
):
    """The notification frame's "decision recorded": programme staff and decision-makers follow
    decisions; a steward does not get them."""
    from portal.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        decision = services.record_decision(
            body=meeting.body, meeting=meeting, number="2026/9", date=meeting.date, text="Päätös", actor=staff_user
        )
    rows = Notification.objects.filter(kind="decision_recorded").order_by("recipient__username")
    assert [(n.recipient.username, n.params["title"]) for n in rows] == [
        ("decision", f"2026/9 {meeting.body}"),
        ("staff", f"2026/9 {meeting.body}"),
    ]
    assert all(n.link.endswith(f"/governance/decisions/{decision.pk}/") for n in rows)
