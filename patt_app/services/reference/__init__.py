"""Reference data: ranks, roles, classes, specs and seasons, and their officer edits."""
