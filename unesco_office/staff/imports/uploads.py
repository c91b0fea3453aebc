"""Uploaded files kept between the two steps of an admin import: preview, then confirm.

Every import in the admin first shows what it would do and saves only once staff confirm;
the file must survive from the first request to the second. The app servers keep no state
(see README, "Scaling out"), and the confirmation may reach another process or host than
the preview did. So the file goes to the media storage, which every app server shares (a
volume, or S3-compatible object storage), under `imports/` with a random 256-bit name. The
confirm form carries a signed token naming the file (plus what the preview was run with):
a token that was tampered with, or is older than `MAX_AGE`, is refused, so no one can make
the server read another file, and a forgotten preview cannot be confirmed days later. Not
the local temporary folder (not shared between hosts), the cache (per process unless Redis
is configured) or the session (too small for a workbook of several megabytes).

Each kind of import signs its tokens for its own `purpose`, so that one kind's token is
refused by another's confirmation, and checks that the meta it gets back is exactly what its
preview kept; a confirmation that differs raises `UploadMismatchError`.

A file is kept only for a preview that can be confirmed, and deleted once imported, when
the preview is cancelled, and when the file is refused or anything fails along the way; the
ones left behind by previews never confirmed (or by confirmations refused for not matching
theirs) are swept away, once older than `MAX_AGE`, whenever another file is kept.

Here too are the limits every import, in the admin or by command, puts on a file's size;
the caps on its rows and columns are unesco_office.staff.imports.sheets'.
"""

import secrets
import time
import zipfile

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from import_export.tmp_storages import BaseStorage

FOLDER = "imports"
MAX_AGE = 60 * 60  # seconds between the preview and the confirmation
MAX_BYTES = 50 * 1024 * 1024  # the 2025 World Heritage List export is about 3 MB
# An XLSX file is a ZIP archive: every import refuses one that would unpack to more than
# this (a "ZIP bomb"). The 2025 World Heritage List export unpacks to about 8 MB.
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024


class StaleUploadError(Exception):
    """The token is not one this site signed for this purpose, has expired, or its file is
    gone."""

    message = _(
        "The uploaded file is no longer available (the preview is more than an hour old, or "
        "it was already imported). Nothing was imported: upload the file again."
    )


class UploadMismatchError(StaleUploadError):
    """The confirmation is incomplete, or asks for something other than its preview did."""

    message = _(
        "The confirmation does not match the file's preview. Nothing was imported: upload "
        "the file again."
    )


def keep_upload(data: bytes, *, purpose: str, **meta) -> str:
    """Store `data` and return the token that `read_upload()` takes for the same `purpose`;
    `meta` (JSON values) comes back with the file."""
    remove_stale_uploads()
    key = secrets.token_hex(32)
    name = default_storage.save(f"{FOLDER}/{key}", ContentFile(data))
    return signing.dumps({"name": name, **meta}, salt=_salt(purpose), compress=True)


def read_upload(token: str, *, purpose: str) -> tuple[bytes, dict]:
    """The file kept under `token` and its meta; raises StaleUploadError."""
    meta = _load(token, purpose)
    name = meta.pop("name")
    try:
        with default_storage.open(name, "rb") as file:
            return file.read(), meta
    except FileNotFoundError:
        raise StaleUploadError from None


def discard_upload(token: str, *, purpose: str) -> None:
    try:
        name = _load(token, purpose)["name"]
    except StaleUploadError:
        return
    default_storage.delete(name)


def unpacks_too_large(archive: zipfile.ZipFile) -> bool:
    """Whether a ZIP archive (an XLSX file) would unpack to more than
    `MAX_XLSX_UNPACKED_BYTES`; its sizes are read before anything is unpacked."""
    return sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED_BYTES


def remove_stale_uploads() -> None:
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    limit = time.time() - MAX_AGE
    for file in files:
        path = f"{FOLDER}/{file}"
        try:
            if default_storage.get_modified_time(path).timestamp() < limit:
                default_storage.delete(path)
        except FileNotFoundError:
            continue  # another app server removed it first


def _salt(purpose):
    return f"unesco_office.staff.imports.uploads.{purpose}"


def _load(token, purpose):
    try:
        meta = signing.loads(token, salt=_salt(purpose), max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        raise StaleUploadError from None
    name = meta.get("name") if isinstance(meta, dict) else None
    if not isinstance(name, str) or not name.startswith(f"{FOLDER}/"):
        raise StaleUploadError
    return meta


class UploadStorage(BaseStorage):
    """django-import-export's temporary storage, on `keep_upload()`: its `name`, which the
    confirm form sends back, is the signed token. The token also holds the records' model
    (`model`, the admin's) and the read mode of the file's format: a confirmation for another
    list, or in another format, than the preview is refused."""

    purpose = "spreadsheet"

    def __init__(self, *, model, **kwargs):
        super().__init__(**kwargs)
        self.meta = {"model": model, "read_mode": self.read_mode}

    def save(self, data):
        self.name = keep_upload(bytes(data), purpose=self.purpose, **self.meta)

    def read(self):
        data, meta = read_upload(self.name, purpose=self.purpose)
        if meta != self.meta:
            raise UploadMismatchError
        return data

    def remove(self):
        discard_upload(self.name, purpose=self.purpose)
