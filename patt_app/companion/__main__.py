"""`python -m patt_app.companion [--once]` (also the `pattsync-uploader` command).

Exit status with `--once`: 0 when the export was sent or there was nothing new, 1 when the
upload failed. Without `--once` it watches the file until interrupted (Ctrl+C)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import threading

from pydantic import ValidationError

from patt_app.companion.config import UploaderSettings
from patt_app.companion.uploader import Uploader, UploadFailed
from patt_app.companion.watcher import watch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="pattsync-uploader",
        description="Uploads the PATTSync addon's guild export to the PATT platform.",
    )
    parser.add_argument(
        "--once", action="store_true", help="upload the current export if new, then exit"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="say more")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stdout,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = UploaderSettings()
    except ValidationError as exc:
        missing = ", ".join(str(e["loc"][0]).upper() for e in exc.errors())
        print(f"pattsync-uploader: set {missing} (environment or .env)", file=sys.stderr)
        return 2
    uploader = Uploader(settings)
    if args.once:
        try:
            result = uploader.upload_if_new(attempts=settings.upload_attempts)
        except UploadFailed as exc:
            print(f"upload failed: {exc}")
            return 1
        print(result.message)
        return 0
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        watch(uploader, stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
