"""The turnout forecast's calibration on the demo guild's eight past weeks: each held raid is
forecast at its start from the data before it (availability as it stood a day before the raid,
read from its history), next to the naive forecast, the sign-up count. Prints the table and the mean
absolute errors; asserts only that every raid was forecast.

Run with `make bench`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine
from sqlmodel import Session

from patt_app.database_setup import migrate
from patt_app.demo.seed import seed_demo_guild
from patt_app.services.raids.forecast_view import calibrate
from patt_app.services.reference.reference_data import seed_reference_data
from tests.databases import drop_database, fresh_database

NAME = "patt_bench_forecast"


def test_forecast_calibration_on_the_demo_guild():
    url = fresh_database(NAME)
    engine = create_engine(url)
    try:
        migrate(url)
        now = datetime.now(UTC)
        with Session(engine) as session:
            seed_reference_data(session=session)
            seed_demo_guild(session=session, now=now)
            session.flush()
            result = calibrate(session=session, now=now)
    finally:
        engine.dispose()
        drop_database(NAME)
    print("\nturnout forecast on the demo guild's held raids (forecast at each raid's start)")
    print(f"{'date':<12}{'signed up':>10}{'forecast':>10}{'range':>10}{'attended':>10}")
    for r in result.rows:
        print(
            f"{r.event_date:<12}{r.signed_up:>10}{r.expected:>10.1f}"
            f"{f'{r.low}–{r.high}':>10}{r.attended:>10}"
        )
    print(
        f"{len(result.rows)} raids; attendance inside the 80 % range for {result.inside_range}; "
        f"mean absolute error: forecast {result.forecast_mae}, naive sign-up count "
        f"{result.naive_mae}"
    )
    assert len(result.rows) >= 14
