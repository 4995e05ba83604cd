"""The outer edge of email, an SMTP server that is down: it refuses every message with
`failure` until `back` is set, and records the Message-ID of every message it was handed."""

import threading

from django.core.mail.backends.locmem import EmailBackend


class SmtpThatComesBack(EmailBackend):
    back = threading.Event()
    failure: OSError = ConnectionRefusedError(111, "Connection refused")
    attempts: list[str | None] = []

    def send_messages(self, messages):
        self.attempts.extend(message.extra_headers.get("Message-ID") for message in messages)
        if not self.back.is_set():
            raise self.failure
        return super().send_messages(messages)
