"""A mail server for the rehearsal that accepts every message and remembers it.

Just enough SMTP (RFC 5321) for Django's SMTP backend without TLS: EHLO or HELO, MAIL, RCPT,
DATA, RSET, NOOP and QUIT. Each accepted message is kept as a `Received`: its envelope
recipients, its Message-ID header and its subject. It runs on its own thread's event loop.
"""

import asyncio
import threading
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import default


@dataclass(frozen=True)
class Received:
    recipients: tuple[str, ...]
    message_id: str
    subject: str


class SmtpSink:
    def __init__(self):
        self.received: list[Received] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "SmtpSink":
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._session, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()

    async def _session(self, reader, writer) -> None:
        async def reply(line: str) -> None:
            writer.write(f"{line}\r\n".encode())
            await writer.drain()

        recipients: list[str] = []
        await reply("220 rehearsal sink ready")
        try:
            while line := await reader.readline():
                verb = line[:4].upper()
                if verb == b"EHLO":
                    await reply("250-rehearsal sink\r\n250 8BITMIME")
                elif verb in (b"HELO", b"NOOP"):
                    await reply("250 ok")
                elif verb in (b"MAIL", b"RSET"):
                    recipients = []
                    await reply("250 ok")
                elif verb == b"RCPT":
                    address = line.decode().partition(":")[2].strip().strip("<>")
                    recipients.append(address.split(">")[0])
                    await reply("250 ok")
                elif verb == b"DATA":
                    await reply("354 end with <CRLF>.<CRLF>")
                    self._keep(await self._message(reader), recipients)
                    recipients = []
                    await reply("250 ok: queued")
                elif verb == b"QUIT":
                    await reply("221 bye")
                    break
                else:
                    await reply("502 not implemented")
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    @staticmethod
    async def _message(reader) -> bytes:
        lines = []
        while (line := await reader.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)  # undo dot-stuffing
        return b"".join(lines)

    def _keep(self, message: bytes, recipients: list[str]) -> None:
        headers = BytesHeaderParser(policy=default).parsebytes(message)
        self.received.append(
            Received(
                recipients=tuple(recipients),
                message_id=str(headers.get("Message-ID", "")),
                subject=str(headers.get("Subject", "")),
            )
        )
