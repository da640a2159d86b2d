"""Programs the tests start as separate processes."""
