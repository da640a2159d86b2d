"""Several processes starting at once (the test workers of a fresh clone, or app workers on a
new machine) may each find the database missing and create it: all of them go on."""

from __future__ import annotations

import os
import threading

from patt_app.db import ensure_database
from tests.databases import drop_database, server_admin_url


def test_creating_the_same_database_at_once_is_not_an_error():
    name = f"patt_test_race_{os.getpid()}"
    admin = server_admin_url()
    drop_database(name)
    start, errors = threading.Barrier(6), []

    def create() -> None:
        start.wait()
        try:
            ensure_database(admin, name)
        except Exception as error:  # what each would have raised
            errors.append(error)

    threads = [threading.Thread(target=create) for _ in range(6)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
    finally:
        drop_database(name)
