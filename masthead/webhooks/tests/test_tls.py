"""https endpoints: the connection goes to the checked address, while TLS still checks the
certificate against the URL's host name (SNI and hostname verification)."""

import datetime
import socket
import ssl
from unittest import mock

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from masthead.webhooks import events, services
from masthead.webhooks.events import EVENT_TYPES
from masthead.webhooks.models import Delivery

from . import receiver as receivers

pytestmark = pytest.mark.django_db


def _certificate(tmp_path, name: str):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@pytest.fixture
def tls_receiver(tmp_path):
    cert_file, key_file = _certificate(tmp_path, "hooks.partner.test")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    receiver, server = receivers.start(tls=context)
    receiver.cert_file = cert_file
    yield receiver
    server.shutdown()
    server.server_close()


def _send(tls_receiver, admin_user, capture, host: str):
    real_resolve, real_context = socket.getaddrinfo, ssl.create_default_context

    def resolve(name, *args, **kwargs):
        return real_resolve("127.0.0.1" if name.endswith(".test") else name, *args, **kwargs)

    def trusting_context():
        return real_context(cafile=str(tls_receiver.cert_file))

    endpoint, secret = services.endpoint_create(
        url=f"https://{host}:{tls_receiver.port}/in",
        description="tls",
        events=EVENT_TYPES,
        owner=admin_user,
    )
    tls_receiver.secret = secret
    with (
        mock.patch("socket.getaddrinfo", resolve),
        mock.patch("masthead.webhooks.transport.ssl.create_default_context", trusting_context),
        capture(execute=True),
    ):
        (delivery,) = services.event_emit(event_type=events.TEST, data={}, endpoints=[endpoint])
    delivery.refresh_from_db()
    return delivery


def test_https_to_the_checked_address_verifies_the_certificate_for_the_name(
    tls_receiver, admin_user, allow_private, django_capture_on_commit_callbacks
):
    delivery = _send(
        tls_receiver, admin_user, django_capture_on_commit_callbacks, "hooks.partner.test"
    )
    assert delivery.status == Delivery.SUCCEEDED, delivery.error
    (request,) = tls_receiver.requests
    assert request.verified
    assert request.headers["host"] == f"hooks.partner.test:{tls_receiver.port}"


def test_a_certificate_for_another_name_is_refused(
    tls_receiver, admin_user, allow_private, django_capture_on_commit_callbacks
):
    delivery = _send(
        tls_receiver, admin_user, django_capture_on_commit_callbacks, "evil.partner.test"
    )
    assert delivery.status == Delivery.FAILED
    assert "SSLCertVerificationError" in delivery.error
    assert tls_receiver.requests == []
