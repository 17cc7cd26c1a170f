"""Self-signed RSA key pairs for development and tests (no network, no openssl call).

Production keys and certificates come from the environment (``SAML_SP_CERT`` /
``SAML_SP_KEY``); this module only serves the development default and the test
identity provider.
"""

import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def make_self_signed(common_name: str, *, days: int = 3650) -> tuple[str, str]:
    """A new RSA-2048 key and its self-signed certificate, as ``(cert_pem, key_pem)``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return cert_pem, key_pem


def dev_key_pair(directory: Path, name: str) -> tuple[Path, Path]:
    """Paths of a key pair generated once under ``directory`` (``dev-<name>.crt/.key``)."""
    cert_path = directory / f"dev-{name}.crt"
    key_path = directory / f"dev-{name}.key"
    if not (cert_path.exists() and key_path.exists()):
        directory.mkdir(parents=True, exist_ok=True)
        cert_pem, key_pem = make_self_signed(f"CPAS Online development ({name})")
        key_path.write_text(key_pem)
        key_path.chmod(0o600)
        cert_path.write_text(cert_pem)
    return cert_path, key_path


def read_pem(value: str) -> str:
    """A PEM given inline, or read from the file it names."""
    if "-----BEGIN" in value:
        return value
    return Path(value).read_text()
