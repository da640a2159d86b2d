"""The single background runner: periodic jobs and long-lived tasks, elected once per database."""
