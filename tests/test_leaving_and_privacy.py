"""What "private unless shared" means on the privacy page, and what leaving a couple changes."""

from django.urls import reverse

from agreements.models import Agreement
from agreements.versions import accept_version, propose_version
from assessments.models import PartnerConsent
from couplespace.models import Notification
from programs.models import Checkpoint
from tests.agreements.conftest import SIGNAL
from tests.assessments.conftest import make_result
from tests.programs_helpers import enrol, load_program, write_checkpoints


def written_and_shared(alex, sam, couple):
    load_program()
    entries = write_checkpoints(alex, enrol(alex, day=8, together=True), 4, affected="a hard day")
    Checkpoint.objects.filter(pk=entries[0].pk).update(shared_with_partner=True)
    make_result(alex, anxiety=5, avoidance=2)
    make_result(sam, anxiety=2, avoidance=5)
    for person in (alex, sam):
        PartnerConsent.objects.create(person=person, couple=couple)
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=agreement, person=sam, number=1)
    return entries[0], agreement


def test_the_privacy_page_says_who_sees_each_kind_of_entry(client_for, alex, sam, couple):
    written_and_shared(alex, sam, couple)

    page = client_for(alex).get(reverse("privacy")).text

    assert "Shared with Sam: 1 of 4. The rest are private." in page
    assert "Your partner sees your latest result, because you both agreed to compare." in page
    assert "Both of you: it is a joint agreement." in page


def test_leaving_keeps_each_persons_entries_and_hides_what_was_shared(
    client_for, alex, sam, couple
):
    shared_entry, agreement = written_and_shared(alex, sam, couple)
    sam_client = client_for(sam)
    assert sam_client.get(reverse("programs:entry", args=[shared_entry.pk])).status_code == 200
    assert sam_client.get(reverse("assessments:couple")).status_code == 200

    client_for(alex).post(reverse("leave_couple"))

    sam_client = client_for(sam)
    assert sam_client.get(reverse("programs:entry", args=[shared_entry.pk])).status_code == 404
    assert sam_client.get(reverse("assessments:couple")).status_code == 404
    assert Checkpoint.objects.filter(author=alex).count() == 4
    page = sam_client.get(reverse("agreements:detail", args=[agreement.pk])).text
    assert "This agreement is archived" in page
    assert SIGNAL.text in page
    alex_page = client_for(alex).get(reverse("privacy")).text
    assert "Only you: you are not in a couple now." in alex_page


def test_the_leave_page_says_what_sam_will_be_told_and_see_and_it_is_so(
    client_for, client, alex, sam, couple, mailoutbox
):
    shared_entry, agreement = written_and_shared(alex, sam, couple)
    for person, words in ((alex, "Alex's week"), (sam, "Sam's week")):
        client.force_login(person)
        client.post(reverse("programs:weekly"), {"temperature": "6", "contributed": words})
    assert "Alex&#x27;s week" in client.get(reverse("programs:weekly")).text
    client.force_login(alex)

    page = client.get(reverse("leave_couple")).text
    mailoutbox.clear()
    told_before = list(Notification.objects.filter(person=sam))
    client.post(reverse("leave_couple"))

    assert "We send Sam no email and no notification." in page
    assert mailoutbox == [] and list(Notification.objects.filter(person=sam)) == told_before
    assert "their space no longer shows you and offers to invite a partner" in page
    client.force_login(sam)
    space = client.get(reverse("workspace")).text
    assert "Invite your partner" in space and "Alex" not in space
    assert "your agreement is marked as archived" in page
    assert "This agreement is archived" in client.get(agreement_url(agreement)).text
    assert "Neither of you can change it, send a signal or start a pause." in page
    signal = client.post(reverse("agreements:signal", args=[agreement.pk]), follow=True)
    assert "This agreement is archived: the couple has ended" in signal.text
    assert "Sam no longer sees any of them, and you no longer see theirs." in page
    assert "Alex&#x27;s week" not in client.get(reverse("programs:weekly")).text
    assert client.get(reverse("programs:entry", args=[shared_entry.pk])).status_code == 404
    assert client.get(reverse("assessments:couple")).status_code == 404


def agreement_url(agreement):
    return reverse("agreements:detail", args=[agreement.pk])


def test_the_leave_page_says_it_in_chinese_too(client_for, alex, sam, couple):
    alex.language = "zh-hans"
    alex.save(update_fields=["language"])

    page = client_for(alex).get(reverse("leave_couple")).text

    assert "我们不会给 Sam 发邮件，也不会发通知。" in page
    assert "如果你回答过那个私密问题，Sam 从未看到过你的回答，以后也不会看到。" in page
