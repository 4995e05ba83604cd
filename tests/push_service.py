"""A push service on this machine for the tests, and a device that subscribed to it.

The device makes its keys as a browser does (a P-256 pair and a 16-byte auth secret); the push
service keeps every request it is sent and answers with `status`, and `Device.read` decrypts a
kept body the way the browser would (RFC 8291, aes128gcm), with the device's private key.
"""

import base64
import json
import os
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from couplespace.models import PushSubscription


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Received:
    path: str
    headers: dict  # names in lower case
    body: bytes


@dataclass
class PushService:
    status: int = 201
    received: list[Received] = field(default_factory=list)

    def __post_init__(self):
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                service.received.append(
                    Received(
                        self.path,
                        {name.lower(): value for name, value in self.headers.items()},
                        self.rfile.read(length),
                    )
                )
                self.send_response(service.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def endpoint(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/push/{name}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Device:
    """A browser that turned push on: its keys, and its subscription for `person`."""

    def __init__(self, service: PushService, person, name: str, label: str = "Chrome on Android"):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        public = self.private_key.public_key().public_bytes(
            Encoding.X962, PublicFormat.UncompressedPoint
        )
        self.subscription = PushSubscription.objects.create(
            person=person,
            endpoint=service.endpoint(name),
            p256dh=b64(public),
            auth=b64(self.auth),
            label=label,
        )

    def read(self, received: Received) -> dict:
        plain = http_ece.decrypt(
            received.body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
        )
        return json.loads(plain)
