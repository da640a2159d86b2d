"""The demo guild: a generated guild seeded into an empty database for try-outs and tests."""
