"""The results of a load run: a table on the terminal, markdown and JSON files, a PNG chart of
p95 round trip against clients (one line per scenario and app)."""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from pathlib import Path

from tests.load.steps import Result

COLUMNS = (
    ("scenario", "scenario"),
    ("app", "app"),
    ("clients", "clients"),
    ("p50_ms", "p50 ms"),
    ("p95_ms", "p95 ms"),
    ("p99_ms", "p99 ms"),
    ("max_ms", "max ms"),
    ("redraw_p50_ms", "redraw p50"),
    ("redraw_p95_ms", "redraw p95"),
    ("redraw_kb_p50", "redraw KB p50"),
    ("events_per_s", "events/s"),
    ("answered", "answered"),
    ("dropped", "dropped"),
    ("errors", "errors"),
    ("redraws_missed", "missed redraws"),
    ("answer_kb", "KB/answer"),
    ("cpu_percent", "CPU %"),
    ("cpu_ms_per_event", "CPU ms/event"),
    ("worker_cpu", "CPU % per process"),
    ("rss_mb", "RSS MB"),
    ("load_avg", "load 1m"),
    ("client_lag_p95_ms", "harness lag p95"),
    ("client_gc_max_ms", "harness gc max"),
)


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def markdown_table(results: list[Result]) -> str:
    header = "| " + " | ".join(title for _, title in COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in COLUMNS) + "|"
    rows = ["| " + " | ".join(_cell(getattr(r, key)) for key, _ in COLUMNS) + " |" for r in results]
    return "\n".join([header, rule, *rows])


def terminal_table(results: list[Result]) -> str:
    cells = [[title for _, title in COLUMNS]] + [
        [_cell(getattr(r, key)) for key, _ in COLUMNS] for r in results
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def write(results: list[Result], directory: Path, settings: dict) -> list[Path]:
    """results.json, results.md and p95.png in `directory`; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    when = datetime.now(UTC).isoformat(timespec="seconds")
    meta = {"finished": when, "machine": platform.node(), "settings": settings}
    json_path = directory / "results.json"
    json_path.write_text(json.dumps({**meta, "steps": [r.row() for r in results]}, indent=2))
    md_path = directory / "results.md"
    md_path.write_text(
        f"# make load, {when}\n\n"
        f"Settings: `{json.dumps(settings)}`\n\n"
        "Round trips are from sending an event to its answer; redraw is from sending a save to "
        "each officer's heatmap redraw after it was answered. CPU is % of one core over the "
        "step (all the app's processes); load 1m is the machine's load average at the end.\n\n"
        f"{markdown_table(results)}\n"
    )
    paths = [json_path, md_path]
    chart = _chart(results, directory / "p95.png")
    if chart is not None:
        paths.append(chart)
    return paths


def _chart(results: list[Result], path: Path) -> Path | None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    fig, ax = plt.subplots(figsize=(8, 5))
    series: dict[tuple[str, str], list[Result]] = {}
    for r in results:
        series.setdefault((r.scenario, r.app), []).append(r)
    for (scenario, app), rows in series.items():
        rows = sorted(rows, key=lambda r: r.clients)
        style = "--" if app.startswith("counter") else "-"
        ax.plot(
            [r.clients for r in rows],
            [r.p95_ms for r in rows],
            style,
            marker="o",
            label=f"{scenario} ({app})",
        )
        if not app.startswith("counter") and any(r.redraw_p95_ms is not None for r in rows):
            ax.plot(
                [r.clients for r in rows],
                [r.redraw_p95_ms or 0 for r in rows],
                ":",
                marker="s",
                label=f"{scenario}: save → redraw p95",
            )
    ax.axhline(50, color="grey", linewidth=0.8)
    ax.set_xlabel("clients")
    ax.set_ylabel("p95 (ms)")
    ax.set_yscale("log")
    ax.set_title("make load: p95 against clients")
    ax.legend(fontsize=7)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
