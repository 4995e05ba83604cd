import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from couplespace.models import (
    Invitation,
    InvitationError,
    Membership,
    Notification,
    SafetyAnswer,
    User,
)
from tests.conftest import make_couple
from tests.reminders import dispatch


def test_it_joins_inviter_and_invitee_as_a_couple(alex, sam, invitation):
    couple = invitation.accept(sam)

    assert alex.couple == couple
    assert sam.couple == couple
    assert alex.partner == sam
    assert sam.partner == alex


def test_a_partner_is_looked_up_once_and_forgotten_with_the_membership(
    alex, sam, couple, django_assert_num_queries
):
    with django_assert_num_queries(1):  # both memberships of the couple, with their people
        assert (alex.partner, alex.partner) == (sam, sam)

    couple.end()
    alex.forget_membership()

    assert alex.partner is None


def test_it_can_be_used_only_once(alex, sam, casey, invitation):
    invitation.accept(sam)
    invitation.refresh_from_db()

    with pytest.raises(InvitationError, match="already been used"):
        invitation.accept(casey)


def test_it_refuses_the_inviter_themself(alex, invitation):
    with pytest.raises(InvitationError, match="your own invitation"):
        invitation.accept(alex)


def test_it_refuses_inviting_your_own_email(alex):
    with pytest.raises(InvitationError, match="your own address"):
        Invitation.issue(inviter=alex, email="ALEX@example.com")


def test_it_expires_after_seven_days(alex, sam):
    with time_machine.travel("2026-03-01 12:00Z", tick=False):
        invitation = Invitation.issue(inviter=alex)
    assert invitation.expires_at == invitation.created_at + timedelta(days=7)

    with time_machine.travel("2026-03-08 11:59Z", tick=False):
        invitation.check_acceptable_by(sam)
    with (
        time_machine.travel("2026-03-08 12:00Z", tick=False),
        pytest.raises(InvitationError, match="expired"),
    ):
        invitation.accept(sam)


def test_a_person_is_in_at_most_one_active_couple(alex, sam, casey, invitation):
    make_couple(sam, casey)

    with pytest.raises(InvitationError, match="already in a couple"):
        invitation.accept(sam)
    assert Membership.objects.filter(person=sam, active=True).count() == 1


def test_it_refuses_when_the_inviter_has_since_joined_another_couple(alex, sam, casey):
    invitation = Invitation.issue(inviter=alex)
    make_couple(alex, casey)

    with pytest.raises(InvitationError, match="who invited you is already in a couple"):
        invitation.accept(sam)


def test_a_new_invitation_withdraws_the_earlier_one(alex, sam):
    first = Invitation.issue(inviter=alex)
    second = Invitation.issue(inviter=alex)
    first.refresh_from_db()

    with pytest.raises(InvitationError, match="withdrawn"):
        first.accept(sam)
    second.accept(sam)


def test_leaving_ends_the_couple_for_both_and_frees_them(alex, sam, casey, couple):
    couple.end()
    for person in (alex, sam):
        person.forget_membership()

    assert alex.couple is None
    assert sam.couple is None
    Invitation.issue(inviter=casey).accept(sam)
    assert sam.partner == casey


# Views


def test_workspace_needs_an_account(client, db):
    response = client.get(reverse("workspace"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_creates_a_link_invitation_to_copy(client_for, alex):
    response = client_for(alex).post(reverse("invite"), {"email": ""}, follow=True)

    invitation = Invitation.objects.get(inviter=alex)
    assert invitation.url in response.content.decode()
    assert mail.outbox == []


def test_it_emails_an_invitation_with_its_link(
    client_for, alex, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(alex).post(reverse("invite"), {"email": "sam@example.com"})

    invitation = Invitation.objects.get(inviter=alex)
    assert [message.to for message in mail.outbox] == [["sam@example.com"]]
    assert invitation.url in mail.outbox[0].body
    assert mail.outbox[0].subject == "Alex invited you to CoupleSpace"


def test_inviting_yourself_shows_a_clear_message_and_keeps_the_input(client_for, alex):
    response = client_for(alex).post(reverse("invite"), {"email": "alex@example.com"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "That is your own address" in page
    assert 'value="alex@example.com"' in page
    assert not Invitation.objects.exists()


def test_a_bad_email_is_refused_with_a_message(client_for, alex):
    response = client_for(alex).post(reverse("invite"), {"email": "not-an-address"})

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert 'value="not-an-address"' in response.content.decode()


def test_a_signed_in_invitee_accepts_and_lands_in_the_shared_workspace(client_for, sam, invitation):
    client = client_for(sam)
    response = client.post(reverse("invitation", args=[invitation.token]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("workspace")
    page = response.content.decode()
    assert "Your shared space" in page
    assert "Alex" in page and "Sam" in page


def test_the_inviter_opening_their_own_link_is_told_so(client_for, alex, invitation):
    response = client_for(alex).post(reverse("invitation", args=[invitation.token]))

    assert response.status_code == 409
    assert "This is your own invitation" in response.content.decode()
    assert alex.couple is None


def test_a_used_link_says_so(client_for, sam, casey, invitation):
    invitation.accept(sam)

    response = client_for(casey).get(reverse("invitation", args=[invitation.token]))

    assert response.status_code == 409
    assert "already been used" in response.content.decode()


def test_an_expired_link_says_so_even_to_a_visitor(client, invitation):
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()

    response = client.get(reverse("invitation", args=[invitation.token]))

    assert response.status_code == 409
    assert "This invitation has expired" in response.content.decode()


def test_an_unknown_token_is_not_found(client, db):
    assert client.get(reverse("invitation", args=["no-such-token"])).status_code == 404


def test_only_the_inviter_can_withdraw(client_for, casey, invitation):
    response = client_for(casey).post(reverse("withdraw_invitation", args=[invitation.token]))

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


def test_the_inviter_withdraws_and_the_link_stops_working(client_for, alex, sam, invitation):
    client_for(alex).post(reverse("withdraw_invitation", args=[invitation.token]))

    response = client_for(sam).post(reverse("invitation", args=[invitation.token]))

    assert "withdrawn" in response.content.decode()
    assert sam.couple is None


def test_either_partner_can_leave(client_for, alex, sam, couple):
    client = client_for(sam)
    assert "Leave the couple?" in client.get(reverse("leave_couple")).content.decode()

    client.post(reverse("leave_couple"))

    couple.refresh_from_db()
    assert couple.ended_at is not None
    alex.forget_membership()
    assert alex.couple is None


def sign_up_through(client, invitation, email="sam@example.com"):
    client.get(reverse("invitation", args=[invitation.token]))
    return sign_up(client, email)


def sign_up(client, email):
    """Sign up, then enter the code emailed to the address, as a person does."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": email,
                "password1": "a long enough passphrase",
                "display_name": "Sam",
                "timezone": "Asia/Shanghai",
            },
        )
    code = re.search(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$", mail.outbox[-1].body, re.M).group(0)
    return client.post(reverse("account_email_verification_sent"), {"code": code}, follow=True)


def test_a_visitor_signing_up_through_a_link_is_asked_before_joining(client, alex):
    invitation = Invitation.issue(inviter=alex, email="sam@example.com")

    response = sign_up_through(client, invitation)

    assert response.redirect_chain[-1][0] == reverse("invitation", args=[invitation.token])
    page = response.content.decode()
    assert "Do you want to share a space with Alex?" in page
    assert "One private question, just for you" in page
    sam = User.objects.get(email="sam@example.com")
    assert sam.couple is None
    assert sam.timezone == "Asia/Shanghai"

    response = client.post(reverse("invitation", args=[invitation.token]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("workspace")
    assert "You and Alex now share a space." in response.content.decode()
    sam.forget_membership()
    assert sam.partner == alex
    assert not SafetyAnswer.objects.exists()  # skipped: asked again in the space
    assert "One private question" in response.content.decode()


def test_not_now_leaves_the_invitation_waiting(client, alex):
    invitation = Invitation.issue(inviter=alex, email="sam@example.com")
    sign_up_through(client, invitation)

    page = client.get(reverse("workspace")).content.decode()

    assert "Invite your partner" in page
    assert Invitation.objects.pending().filter(pk=invitation.pk).exists()


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_the_answer_given_on_joining_is_kept_for_the_joiner_alone(client, alex, answer):
    invitation = Invitation.issue(inviter=alex, email="sam@example.com")
    sign_up_through(client, invitation)

    client.post(reverse("invitation", args=[invitation.token]), {"feels_afraid": answer})
    dispatch(timezone.now() + timedelta(minutes=2))

    sam = User.objects.get(email="sam@example.com")
    assert SafetyAnswer.objects.get(person=sam).feels_afraid is (answer == "yes")
    told = Notification.objects.get(person=alex)
    assert (told.words().title, told.words().body) == (
        "Your invitation was accepted",
        "You now share a space. Open CoupleSpace to see it.",
    )
    assert not Notification.objects.filter(person=sam).exists()


def test_after_a_yes_on_joining_the_solo_path_is_offered_not_couple_exercises(client, alex):
    invitation = Invitation.issue(inviter=alex, email="sam@example.com")
    sign_up_through(client, invitation)

    client.post(reverse("invitation", args=[invitation.token]), {"feels_afraid": "yes"})
    page = client.get(reverse("workspace")).content.decode()

    assert "We recommend working on your own" in page
    assert "You can silence signals from Alex on the reminders page; Alex is not told." in page
    assert "Write commitments to yourself" in page
    assert "Before the agreement" not in page
    assert "Write your security agreement together" not in page
    assert "Talk with Alex" not in page


def test_a_choice_that_is_not_offered_is_explained(client, alex):
    invitation = Invitation.issue(inviter=alex, email="sam@example.com")
    sign_up_through(client, invitation)

    response = client.post(reverse("invitation", args=[invitation.token]), {"feels_afraid": "x"})

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert User.objects.get(email="sam@example.com").couple is None


def test_holding_the_link_does_not_make_the_invited_address_verified(client, alex):
    invitation = Invitation.issue(inviter=alex, email="sam@example.com")
    client.get(reverse("invitation", args=[invitation.token]))

    response = client.post(
        reverse("account_signup"),
        {"email": "sam@example.com", "password1": "a long enough passphrase", "timezone": "UTC"},
    )

    assert response.url == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(email="sam@example.com").verified
    assert User.objects.get(email="sam@example.com").couple is None


def test_an_invitation_sent_to_one_address_is_not_accepted_by_another(client_for, alex, casey):
    invitation = Invitation.issue(inviter=alex, email="sam@example.com")
    client = client_for(casey)

    response = client.post(reverse("invitation", args=[invitation.token]))

    assert response.status_code == 409
    assert "This invitation was sent to another email address." in response.content.decode()
    assert casey.couple is None and alex.couple is None
    told = Notification.objects.get(person=alex)
    assert told.words().title == "Someone signed in with another address opened your invitation"
    client.post(reverse("invitation", args=[invitation.token]))
    assert Notification.objects.filter(person=alex).count() == 1  # told once


def test_someone_with_an_account_logs_in_from_the_link_and_chooses_to_accept(
    client, sam, invitation
):
    client.get(reverse("invitation", args=[invitation.token]))

    response = client.post(
        reverse("account_login"), {"login": "sam@example.com", "password": "sam-pass"}
    )

    assert response.url == reverse("invitation", args=[invitation.token])
    assert sam.couple is None


def test_signing_up_through_a_link_that_expired_meanwhile_says_so(client, alex):
    invitation = Invitation.issue(inviter=alex, email="sam@example.com")
    client.get(reverse("invitation", args=[invitation.token]))
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    response = sign_up(client, "sam@example.com")

    assert "This invitation has expired" in response.content.decode()
    assert User.objects.get(email="sam@example.com").couple is None
