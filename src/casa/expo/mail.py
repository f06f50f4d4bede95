"""Outgoing mail: SMTP when ``CASA_SMTP_URL`` is set, else printed to the log (the console)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import unquote, urlsplit

import structlog

from casa.core.config import Settings

log = structlog.get_logger("casa.expo.mail")
SENDER = "Smart City Expo Casablanca <expo@casa.ma>"


class Mailer(Protocol):
    """Anything that can send a message."""

    def send(self, message: EmailMessage) -> None:
        """Send one message."""
        ...


class ConsoleMailer:
    """Writes messages to the log and keeps them, for development and tests."""

    def __init__(self) -> None:
        self.outbox: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        """Log a message instead of sending it."""
        self.outbox.append(message)
        log.info("mail", to=message["To"], subject=message["Subject"])


class SmtpMailer:
    """Sends messages through an SMTP server."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if parts.scheme == "smtps" else 25)
        self.tls = parts.scheme == "smtps"
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None

    def send(self, message: EmailMessage) -> None:
        """Send a message over SMTP."""
        cls = smtplib.SMTP_SSL if self.tls else smtplib.SMTP
        with cls(self.host, self.port, timeout=10) as smtp:
            if self.user and self.password:
                smtp.login(self.user, self.password)
            smtp.send_message(message)


def mailer_for(settings: Settings) -> Mailer:
    """Return the mailer the settings ask for."""
    return SmtpMailer(settings.smtp_url) if settings.smtp_url else ConsoleMailer()


def message(*, to: str, subject: str, body: str) -> EmailMessage:
    """Build a plain-text message from the Expo."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = SENDER, to, subject
    msg.set_content(body)
    return msg
