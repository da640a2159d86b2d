"""Officer screens."""
