from __future__ import annotations

import io

import pytest

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00" + b"\x00" * 60


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def private_files(tmp_path, settings):
    """Attachments go to a temporary folder, never the checkout's var/."""
    settings.VELKOMST_PRIVATE_FILES = tmp_path / "private"
    return settings.VELKOMST_PRIVATE_FILES


@pytest.fixture
def citizen(client, person):
    from velkomst.citizen.tests.sessions import sign_in_client

    return sign_in_client(client, person)


def stream(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)
