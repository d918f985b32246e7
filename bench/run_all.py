"""Run every benchmark and write ``docs/benchmarks.md`` (figures only).

What it runs, in this order:

1. ``mapper eval`` on the ACLED dev set (``../shared/eval/dev``, skipped when absent).
2. ``bench/baselines.py``: naive regex and geotext side by side with mapper.
3. ``bench/bench_pipeline.py``: extraction, end to end, map writing at 1k / 10k / 100k,
   the Dask engine on 2 workers.
4. Any other ``bench/*.py`` script of the project (gazetteer, extraction, rendering
   benchmarks), each in its own process; its printed figures are included.

No row of the dev set is ever written: only scores. As a guard, any line of another
script's output that repeats a stretch of a dev-set note is dropped.

Usage::

    python bench/run_all.py            # everything (the 100k runs take minutes)
    python bench/run_all.py --quick    # 1k and 10k only, for a first look
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baselines
import bench_pipeline
import profile_pipeline

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

DOC = ROOT / "docs" / "benchmarks.md"
OWN = {"run_all.py", "baselines.py", "bench_pipeline.py", "corpus.py", "profile_pipeline.py"}
GUARD_CHARS = 40


METHOD = """## Method

- **Corpus.** `bench/corpus.py` writes reports from its own templates over the bundled
  gazetteer's towns and cities: a headline, a lead with the event (bombing, suicide
  attack, clash, air strike, shelling, abduction or protest), its place, day and toll,
  sometimes a wire-style dateline and a second place, then context paragraphs, 1.0-2.9 KB
  each. A quarter of the reports re-tell a recent event from another outlet, so merging
  has work to do. Same seed, same bytes; smaller corpora are prefixes of the largest.
- **Timing.** Each size runs in a fresh Python process, pinned to one core for the
  single-process figures; the gazetteer is loaded before the clock starts (about 2 s,
  once per process). Peak memory is the process's maximum resident set size
  (`VmHWM`), start-up (Python, geopandas, gazetteer) included; the column "after
  start-up" is the growth during the run.
- **End to end** is `mapper map corpus.jsonl --out DIR -q` with its default outputs
  (map.html, GeoJSON, GeoPackage, CSV, PNG, SVG), run in-process with each stage timed.
- **Dask** runs `mapper.parallel.run_dask` with its default scheduler (Dask's
  "processes" scheduler on a pool of two worker processes forked for the run), and
  `mapper.pipeline.run` in one process, on the same
  corpus; "same incidents" compares every field of every incident and the run counts.
  Ingest runs in the driver (so article ids and skip reports are exactly those of the
  single-process run), extraction and resolution on the workers, merging in the driver.
- **Baselines** need `geotext` (`pip install geotext`; the `bench` extra). Accuracy uses
  the definitions of `mapper eval`: shares over all rows (a row without a point is a
  miss), median over rows with a point.
- **Dev set.** Read from `../shared/eval/dev` at run time; only aggregate figures are
  written here.
"""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _notes_blob(dev: Path) -> str:
    if not dev.is_file():
        return ""
    with dev.open(encoding="utf-8-sig", newline="") as fh:
        return "\n".join(row.get("notes") or "" for row in csv.DictReader(fh))


def _guard(text: str, blob: str) -> str:
    """Drop lines that repeat a stretch of a dev-set note (figures only may leave)."""
    if not blob:
        return text
    kept = []
    for line in text.splitlines():
        windows = (line[i : i + GUARD_CHARS] for i in range(0, len(line) - GUARD_CHARS + 1, 8))
        if any(w in blob for w in windows):
            kept.append("[line withheld: it quoted the dev set]")
        else:
            kept.append(line)
    return "\n".join(kept)


def run_evaluate(dev: Path) -> str:
    if not dev.is_file():
        return "The dev set (`../shared/eval/dev`) is absent: not measured.\n"
    from mapper.evaluate import evaluate

    report = evaluate(dev)
    text: str = report.to_markdown()
    return text


def run_others(blob: str, *, timeout: float) -> list[tuple[str, str]]:
    out = []
    for script in sorted(HERE.glob("*.py")):
        if script.name in OWN or script.name.startswith("_"):
            continue
        log(f"{script.name}: running")
        try:
            done = subprocess.run(
                [sys.executable, str(script)],
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=ROOT,
                check=False,
            )
            text = done.stdout.strip() or "(no output)"
            if done.returncode != 0:
                last = (done.stderr.strip().splitlines() or ["no output"])[-1]
                text = f"(exit {done.returncode}: {last})"
        except subprocess.TimeoutExpired:
            text = f"(stopped after {timeout:.0f} s)"
        out.append((script.name, _guard(text, blob)))
    return out


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**not met**")


def targets(pipe: dict[str, Any]) -> list[str]:
    """The issue's targets next to what was measured."""
    e2e = {n: r for n, r in pipe["e2e"].items() if "seconds" in r}
    rows = ["| target | measured | |", "|---|---|---|"]
    if e2e:
        n = max(e2e)
        rate = n / e2e[n]["seconds"]
        rows.append(
            f"| end to end ≥ 1,000 articles/s on one core | {rate:,.0f} articles/s "
            f"({n:,} articles) | {_verdict(rate >= 1000)} |"
        )
    big = pipe["e2e"].get(100_000, {})
    if "seconds" in big:
        rows.append(
            f"| 100k articles < 3 min | {big['seconds'] / 60:.1f} min | "
            f"{_verdict(big['seconds'] < 180)} |"
        )
        rows.append(
            f"| 100k articles < 2 GB peak memory | {big['peak_rss_mb']:,.0f} MB | "
            f"{_verdict(big['peak_rss_mb'] < 2048)} |"
        )
    else:
        why = big.get("skipped") or big.get("error") or "not run"
        projected = ""
        if e2e:
            n = max(e2e)
            minutes = e2e[n]["seconds"] * 100_000 / n / 60
            projected = f"; at the {n:,}-article rate it would take {minutes:.0f} min"
        rows.append(f"| 100k articles < 3 min, < 2 GB | {why}{projected} | **not met** |")
    ext = pipe["extract"].get(100_000, {})
    if "seconds" in ext:
        rows.append(
            f"| (extraction alone, 100k articles: ingest + extract + resolve) | "
            f"{ext['seconds'] / 60:.1f} min, {100_000 / ext['seconds']:,.0f} articles/s, "
            f"{ext['peak_rss_mb']:,.0f} MB peak | |"
        )
    slopes = bench_pipeline._growth(pipe["e2e"])
    if slopes:
        rows.append(f"| cost grows linearly | {slopes[-1]} | |")
    d = pipe.get("dask", {})
    if "identical" in d:
        same = "identical" if d["identical"] else "DIFFERENT"
        rows.append(
            f"| Dask on 2 workers: same incidents | {same} ({d['articles']:,} articles) "
            f"| {_verdict(d['identical'])} |"
        )
        rows.append(
            f"| Dask on 2 workers: a speed-up | {d['speedup']:.2f}× "
            f"| {_verdict(d['speedup'] >= 1.1)} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k only")
    parser.add_argument("--sizes", help="end-to-end corpus sizes (default 1k,10k,100k)")
    parser.add_argument("--extract-sizes", help="extraction-only sizes (default: --sizes)")
    parser.add_argument("--map-sizes", help="map-writing incident counts (default: --sizes)")
    parser.add_argument("--budget", type=float, default=900.0, help="seconds per run at most")
    parser.add_argument("--baseline-n", type=int, default=2000)
    parser.add_argument("--dask-size", type=int, default=4000)
    parser.add_argument("--dev", type=Path, default=baselines.DEV_CSV)
    parser.add_argument("--profile-n", type=int, default=2000, help="reports to profile")
    parser.add_argument("--no-others", action="store_true", help="skip other bench scripts")
    parser.add_argument("--out", type=Path, default=DOC)
    args = parser.parse_args(argv)
    sizes = bench_pipeline.parse_sizes(args.sizes) or (
        [1000, 10_000] if args.quick else [1000, 10_000, 100_000]
    )

    from mapper._atomic import atomic_write_text

    started = time.perf_counter()
    blob = _notes_blob(args.dev)
    log("mapper eval on the dev set")
    evaluation = run_evaluate(args.dev)
    log("baselines")
    side = baselines.run(n=args.baseline_n, dev=args.dev)
    log(f"profile on {args.profile_n} reports")
    stats, total = profile_pipeline.profile(args.profile_n)
    hot = profile_pipeline.to_markdown(stats, total, n=args.profile_n, top=15)
    others = [] if args.no_others else run_others(blob, timeout=args.budget)
    command = " ".join(["python bench/run_all.py", *(sys.argv[1:] if argv is None else argv)])

    def write(pipe: dict[str, Any], *, final: bool) -> None:
        took = (time.perf_counter() - started) / 60
        state = "" if final else " — interim: the run was still going when this was written"
        parts = [
            "# Benchmarks",
            "",
            f"Written by `{command}` ({took:.0f} min, "
            f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load average at the end "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores{state}). Run it again "
            "with `make bench`; every figure below comes from that one run. Figures only: "
            "no row of the ACLED dev set is reproduced here.",
            "",
            "## Targets",
            "",
            *targets(pipe),
            "",
            "## Accuracy on the ACLED dev set (`mapper eval`)",
            "",
            evaluation.strip(),
            "",
            "## Side by side: naive regex, geotext, mapper",
            "",
            "Each answers one point per text. The naive baseline takes the first gazetteer "
            "name in the text; geotext (PyPI) its first Iraqi city, put on the map through "
            "the same gazetteer; mapper its first resolved event mention (as `mapper eval`).",
            "",
            baselines.to_markdown(side).strip(),
            "",
            "## Throughput, memory and growth",
            "",
            bench_pipeline.to_markdown(pipe).strip(),
            "",
            "## Where the time goes (`bench/profile_pipeline.py`)",
            "",
            hot.strip(),
            "",
        ]
        for name, text in others:
            parts += [f"## `bench/{name}`", "", "```", text.strip(), "```", ""]
        parts += [METHOD]
        atomic_write_text(args.out, "\n".join(parts))

    log("pipeline series")
    pipe = bench_pipeline.run(
        sizes=sizes,
        extract_sizes=bench_pipeline.parse_sizes(args.extract_sizes),
        map_sizes=bench_pipeline.parse_sizes(args.map_sizes),
        budget=args.budget,
        dask_size=args.dask_size,
        log=log,
        checkpoint=lambda figures: write(figures, final=False),
    )
    write(pipe, final=True)
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
