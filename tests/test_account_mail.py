"""Account mail (sign-up codes, password resets) reads in our own words, in the language of the
person it is about, and goes out through the worker once the request has committed. The worker
retrying while SMTP is down is in tests/test_worker.py."""

import re
from smtplib import SMTPRecipientsRefused

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from couplespace.celery import app
from couplespace.tasks import send_account_mail

CODE_LINE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$", re.M)
OPENING = {"en": "Hi,\n\n", "zh-hans": "你好，\n\n"}
CLOSING = {
    "en": "\n\nTake care,\nCoupleSpace\n\nCoupleSpace never puts anything you wrote into an email.",
    "zh-hans": "\n\n祝好，\nCoupleSpace\n\nCoupleSpace 从不会把你写下的内容放进邮件里。",
}


def browser_in(language: str) -> Client:
    accept = "zh-CN,zh;q=0.9" if language == "zh-hans" else "en-GB,en;q=0.9"
    return Client(HTTP_ACCEPT_LANGUAGE=accept)


def sign_up(browser: Client, email: str):
    return browser.post(
        reverse("account_signup"),
        {"email": email, "password1": "a calm long passphrase", "timezone": "UTC"},
    )


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    """Run the request, let it commit, and return the one email it sent."""

    def one_email(request):
        with django_capture_on_commit_callbacks(execute=True):
            request()
        assert len(mailoutbox) == 1
        return mailoutbox.pop()

    return one_email


def assert_in_our_words(message, language: str, subject: str, content: str) -> None:
    assert message.subject == f"CoupleSpace: {subject}"
    assert message.body == OPENING[language] + content + CLOSING[language]
    assert "Hello from" not in message.body and "您" not in message.body + message.subject


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_signing_up_sends_a_code_in_our_words(db, sent, language):
    browser = browser_in(language)

    message = sent(lambda: sign_up(browser, "robin@example.com"))

    code = CODE_LINE.search(message.body).group(0)
    content = {
        "en": (
            "Your code to finish signing up",
            "Welcome to CoupleSpace. To finish signing up, enter this code on the page you have"
            f" open:\n\n{code}\n\nThe code works for a short while. If you did not sign up, you"
            " can ignore this email: nothing happens without the code.",
        ),
        "zh-hans": (
            "完成注册的验证码",
            f"欢迎来到 CoupleSpace。请在你打开的页面上输入下面的验证码，完成注册：\n\n{code}\n\n"
            "验证码只在短时间内有效。如果你没有注册过，可以忽略这封邮件：没有这个验证码，什么都不会发生。",
        ),
    }[language]
    assert_in_our_words(message, language, *content)
    assert message.to == ["robin@example.com"]
    browser.post(reverse("account_email_verification_sent"), {"code": code})
    assert EmailAddress.objects.get(email="robin@example.com").verified


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_signing_up_with_a_taken_address_tells_its_owner_and_offers_a_reset(alex, sent, language):
    message = sent(lambda: sign_up(browser_in(language), "alex@example.com"))

    reset = "https://testserver/account/password/reset/"
    content = {
        "en": (
            "Someone tried to sign up with your address",
            "Someone, perhaps you, just tried to sign up for CoupleSpace with this email address."
            " You already have an account with it, so no new account was made.\n\nIf it was you"
            " and you have forgotten your password, you can choose a new one here:\n"
            f"{reset}\n\nIf it was not you, you can ignore this email: your account has not"
            " changed.",
        ),
        "zh-hans": (
            "有人用你的邮箱地址尝试注册",
            "刚才有人（也许是你）用这个邮箱地址注册 CoupleSpace。"
            "这个地址已经有账户了，所以没有创建新账户。"
            f"\n\n如果是你本人，并且忘记了密码，可以在这里设置新密码：\n{reset}\n\n"
            "如果不是你，可以忽略这封邮件：你的账户没有任何变化。",
        ),
    }[language]
    assert_in_our_words(message, language, *content)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_password_reset_link_comes_in_the_persons_own_language(alex, sent, language):
    alex.language = language
    alex.save()
    asking_in = "zh-hans" if language == "en" else "en"  # a browser in the other language

    message = sent(
        lambda: browser_in(asking_in).post(
            reverse("account_reset_password"), {"email": "alex@example.com"}
        )
    )

    link = re.search(r"^https://testserver/account/password/reset/key/\S+/$", message.body, re.M)
    content = {
        "en": (
            "Choose a new password",
            "Someone, hopefully you, asked to reset the password of your CoupleSpace account. To"
            f" choose a new one, open this link:\n\n{link.group(0)}\n\nIf you did not ask for"
            " this, you can ignore this email: your password stays as it is.",
        ),
        "zh-hans": (
            "设置新密码",
            "有人（希望是你）请求重设你的 CoupleSpace 账户密码。打开下面的链接，就可以设置新密码："
            f"\n\n{link.group(0)}\n\n如果不是你请求的，可以忽略这封邮件：你的密码会保持不变。",
        ),
    }[language]
    assert_in_our_words(message, language, *content)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_reset_for_an_address_without_an_account_says_so_and_offers_sign_up(db, sent, language):
    message = sent(
        lambda: browser_in(language).post(
            reverse("account_reset_password"), {"email": "nobody@example.com"}
        )
    )

    signup = "https://testserver/account/signup/"
    content = {
        "en": (
            "There is no account with this address",
            "Someone, perhaps you, asked CoupleSpace about an account with this email address,"
            " but there is no account with it.\n\nIf it was you, you may have signed up with"
            f" another address. Or you can sign up with this one here:\n{signup}\n\nIf it was"
            " not you, you can ignore this email.",
        ),
        "zh-hans": (
            "这个邮箱地址还没有账户",
            "有人（也许是你）向 CoupleSpace 询问用这个邮箱地址注册的账户，"
            "但这个地址还没有账户。\n\n如果是你本人，也许你当初用的是另一个邮箱地址。"
            f"你也可以在这里用这个地址注册：\n{signup}"
            "\n\n如果不是你，可以忽略这封邮件。",
        ),
    }[language]
    assert_in_our_words(message, language, *content)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_adding_an_address_sends_it_a_code_in_our_words(alex, sent, language):
    alex.language = language
    alex.save()
    browser = Client()
    browser.force_login(alex)

    message = sent(
        lambda: browser.post(
            reverse("account_email"), {"email": "alex.new@example.com", "action_add": ""}
        )
    )

    assert message.to == ["alex.new@example.com"]
    code = CODE_LINE.search(message.body).group(0)
    content = {
        "en": (
            "Your code to confirm this email address",
            "To confirm that this email address is yours, enter this code on the page you have"
            f" open:\n\n{code}\n\nThe code works for a short while. If you did not ask for it,"
            " you can ignore this email: nothing changes without the code.",
        ),
        "zh-hans": (
            "确认这个邮箱地址的验证码",
            f"请在你打开的页面上输入下面的验证码，确认这个邮箱地址是你的：\n\n{code}\n\n"
            "验证码只在短时间内有效。如果不是你请求的，可以忽略这封邮件：没有这个验证码，什么都不会改变。",
        ),
    }[language]
    assert_in_our_words(message, language, *content)


def test_no_account_mail_leaves_before_the_request_commits(db, mailoutbox):
    sign_up(browser_in("en"), "robin@example.com")  # the test's transaction never commits

    assert mailoutbox == []


@pytest.fixture
def retries_at_once():
    """A task's retries run at once, inside apply(), as a worker would run them later; the
    last failure is kept on the result instead of raised."""
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


def test_a_refused_connection_is_tried_again_and_a_refused_address_is_not(
    smtp_down, retries_at_once
):
    message = {
        "subject": "CoupleSpace: Choose a new password",
        "body": "Hi,",
        "from_email": None,
        "to": ["robin@example.com"],
        "headers": {"Message-ID": "<1@couplespace.test>"},
    }
    while_down = send_account_mail.apply(args=[message])
    tries_while_down = len(smtp_down.attempts)

    smtp_down.attempts = []
    smtp_down.failure = SMTPRecipientsRefused({"robin@example.com": (550, b"No such user")})
    refused = send_account_mail.apply(args=[message])

    assert isinstance(while_down.result, ConnectionRefusedError)
    assert tries_while_down == 1 + send_account_mail.max_retries
    assert isinstance(refused.result, SMTPRecipientsRefused)
    assert smtp_down.attempts == ["<1@couplespace.test>"]
