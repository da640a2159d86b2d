"""Watch mode: wait for the game to write the SavedVariables file, then upload.

watchdog reports changes to the folder; a burst of events (the client writes the file in
pieces) is debounced until the file has been quiet and its size steady. If the native watcher
cannot start (network drives, odd file systems), watchdog's polling observer takes over; and
every POLL_INTERVAL the file is checked anyway, so a missed event costs at most one interval.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from patt_app.companion.uploader import Uploader, UploadFailed

log = logging.getLogger(__name__)
QUIET_SECONDS = 1.0


class _FileChanged(FileSystemEventHandler):
    """Sets `changed` whenever the export file is written, created or moved into place."""

    def __init__(self, name: str, changed: threading.Event) -> None:
        self.name = name
        self.changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = (str(event.src_path), str(getattr(event, "dest_path", "") or ""))
        if any(Path(p).name == self.name for p in paths if p):
            self.changed.set()


def _start_observer(folder: Path, handler: _FileChanged, poll_interval: float):
    if not folder.is_dir():
        log.warning("%s does not exist yet; checking every %.0f s", folder, poll_interval)
        return None
    for make in (Observer, lambda: PollingObserver(timeout=min(poll_interval, 5.0))):
        observer = make()
        try:
            observer.schedule(handler, str(folder), recursive=False)
            observer.start()
            return observer
        except OSError as exc:
            log.warning("file watcher unavailable (%s); falling back to polling", exc)
    return None


def _wait_until_written(path: Path, changed: threading.Event, stop: threading.Event) -> None:
    """Return once no event came for QUIET_SECONDS and the file size stopped changing."""
    size = -1
    while not stop.is_set():
        changed.clear()
        if changed.wait(QUIET_SECONDS):
            continue
        current = path.stat().st_size if path.exists() else -1
        if current == size:
            return
        size = current


def watch(uploader: Uploader, stop: threading.Event) -> None:
    """Upload each newer export until `stop` is set (retrying while the server is down)."""
    settings = uploader.settings
    path = settings.export_file
    changed = threading.Event()
    observer = _start_observer(
        path.parent, _FileChanged(path.name, changed), settings.poll_interval
    )
    log.info("watching %s (checking every %.0f s as well)", path, settings.poll_interval)
    try:
        changed.set()  # look at what is there now
        while not stop.is_set():
            if changed.wait(settings.poll_interval):
                _wait_until_written(path, changed, stop)
            changed.clear()
            if stop.is_set():
                break
            try:
                result = uploader.upload_if_new(attempts=None)
            except UploadFailed as exc:
                log.error("%s", exc)
                continue
            if result.sent:
                log.info("%s", result.message)
            else:
                log.debug("%s", result.message)
    finally:
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
