"""Entry images: a https link or an upload the app stores and serves itself.

Uploads are recognised by their content, not their name: PNG, JPEG, WebP or GIF, at most 2 MB.
They are stored under the data directory by the hash of their bytes (the same picture twice
is one file) and served from `/api/v1/campaign-images/<name>`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from patt_app.services.errors import InvalidInput, NotFound

MAX_IMAGE_BYTES = 2 * 1024 * 1024
SERVED_FROM = "/api/v1/campaign-images/"
STORED_NAME = re.compile(r"^[0-9a-f]{64}\.(png|jpg|webp|gif)$")
WEB_URL = re.compile(r"^https://[^\s/$.?#][^\s]{1,490}$", re.IGNORECASE)
MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "gif": "image/gif"}


def images_directory(data_dir: Path) -> Path:
    """Where uploaded pictures are kept, under the app's data directory."""
    return data_dir / "campaign-images"


def image_kind(data: bytes) -> str | None:
    """ "png", "jpg", "webp" or "gif" from the file's first bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    return None


def check_image_url(url: str) -> str | None:
    """An entry's image address as stored: None for none, else a https link or one of ours
    (a plain http:// picture would be fetched unencrypted and blocked on a https page)."""
    url = (url or "").strip()
    if not url:
        return None
    if url.startswith(SERVED_FROM) and STORED_NAME.fullmatch(url.removeprefix(SERVED_FROM)):
        return url
    if len(url) > 500:
        raise InvalidInput("The image link is limited to 500 characters.")
    if not WEB_URL.fullmatch(url):
        raise InvalidInput("The image link must start with https:// (http:// is not accepted).")
    return url


def store_image(*, data: bytes, directory: Path) -> str:
    """Check an uploaded picture and keep it; returns the address to put in `image_url`."""
    if not data:
        raise InvalidInput("That file is empty.")
    if len(data) > MAX_IMAGE_BYTES:
        size = len(data) / (1024 * 1024)
        raise InvalidInput(f"That picture is {size:.1f} MB; the limit is 2 MB.")
    kind = image_kind(data)
    if kind is None:
        raise InvalidInput("That file is not a picture: upload a PNG, JPEG, WebP or GIF.")
    name = f"{hashlib.sha256(data).hexdigest()}.{kind}"
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    if not target.exists():
        partial = directory / f".{name}.part"
        partial.write_bytes(data)
        partial.replace(target)
    return SERVED_FROM + name


def stored_image(*, name: str, directory: Path) -> tuple[Path, str]:
    """The file behind a served name, and its media type (NotFound for anything else)."""
    if not STORED_NAME.fullmatch(name) or not (directory / name).is_file():
        raise NotFound("No such picture.")
    return directory / name, MEDIA_TYPES[name.rsplit(".", 1)[1]]
