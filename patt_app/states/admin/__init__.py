"""Officer screens\x27 state; every class here derives from OfficerState."""
