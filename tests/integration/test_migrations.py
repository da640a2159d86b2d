from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from patt_app import models
from patt_app.database_setup import alembic_config


def _include_name(name, type_, parent_names):
    return name in models.SCHEMAS if type_ == "schema" else True


def test_models_and_migrations_agree(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={"include_schemas": True, "include_name": _include_name, "compare_type": True},
        )
        differences = compare_metadata(context, models.metadata)
    assert differences == [], f"run an autogenerate migration: {differences}"


def test_every_table_lives_in_one_of_our_three_schemas(engine):
    inspector = inspect(engine)
    tables = {(schema, t) for schema in models.SCHEMAS for t in inspector.get_table_names(schema)}
    assert len(tables) == len(models.metadata.tables) == 42
    assert ("patt", "player_availability") in tables
    assert ("guild_identity", "players") in tables
    assert ("common", "user_sessions") in tables
    assert ("common", "job_runs") in tables
    assert ("common", "password_resets") in tables
    assert ("common", "discord_posts") in tables
    assert inspector.get_table_names("public") == ["alembic_version"]


def test_the_database_is_at_the_single_head(engine, database_url):
    script = ScriptDirectory.from_config(alembic_config(database_url))
    assert len(script.get_heads()) == 1
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == script.get_current_head()
