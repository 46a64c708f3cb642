"""The private file store of attachments (CIT-1): a ``FileSystemStorage`` at
``settings.VELKOMST_PRIVATE_FILES`` (outside the web root, created on demand), files under random
names; no URL serves it. What a file is comes from its first bytes, never from its name or the
browser's content type, and its name must say the same."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"

# the file types taken: their first bytes and the name endings that say the same
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
)
EXTENSIONS: dict[str, frozenset[str]] = {
    PDF: frozenset({".pdf"}),
    PNG: frozenset({".png"}),
    JPEG: frozenset({".jpg", ".jpeg"}),
}
SUFFIX = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg"}
LABEL = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG"}
NAME_MAX = 200


def storage() -> FileSystemStorage:
    """The store, read from the settings at each use (tests point it at a temporary folder)."""
    location = Path(settings.VELKOMST_PRIVATE_FILES)
    location.mkdir(parents=True, exist_ok=True)
    return FileSystemStorage(location=location, base_url=None)


def max_bytes() -> int:
    return int(getattr(settings, "VELKOMST_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def sniff(head: bytes) -> str | None:
    """The file type the first bytes show, or None (not one of the types taken)."""
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    return None


@dataclass(frozen=True)
class Checked:
    file: Any
    name: str
    content_type: str
    size: int


def check(upload: Any, *, field: str = "attachment") -> Checked:
    """The upload if it is a PDF, PNG or JPEG under the size limit whose name says what its
    bytes are; else a ValidationError naming ``field``."""
    name = Path(str(getattr(upload, "name", "") or "")).name[:NAME_MAX]
    size = int(getattr(upload, "size", 0) or 0)
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            {
                field: _("Filen er for stor: højst %(mb)s MB.")
                % {"mb": f"{limit / (1024 * 1024):.0f}"}
            }
        )
    if size == 0:
        raise ValidationError({field: _("Filen er tom.")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head)
    if kind is None:
        raise ValidationError({field: _("Filen skal være en PDF, PNG eller JPEG.")})
    if Path(name).suffix.lower() not in EXTENSIONS[kind]:
        raise ValidationError(
            {
                field: _("Filen er ikke, hvad dens navn siger: den er en %(kind)s.")
                % {"kind": LABEL[kind]}
            }
        )
    return Checked(file=upload, name=name, content_type=kind, size=size)


def store(checked: Checked) -> str:
    """Save the checked file under a new random name; returns that name."""
    name = secrets.token_hex(16) + SUFFIX[checked.content_type]
    checked.file.seek(0)
    return storage().save(name, File(checked.file, name=name))


def open_stored(name: str) -> IO[bytes]:
    return storage().open(name, "rb")  # type: ignore[no-any-return]


def remove(name: str) -> None:
    """Remove a stored file (after its row is deleted or anonymised); a missing file is fine."""
    store_ = storage()
    if store_.exists(name):
        store_.delete(name)
