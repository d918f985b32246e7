"""Throughput, peak memory and growth of the pipeline at 1k / 10k / 100k.

Every measurement runs in a fresh child process (pinned to one core for the
single-process figures), so that peak memory (``ru_maxrss``) belongs to that one run:

``extract``
    Ingest + extract + resolve over a JSONL corpus, streaming, mentions dropped as
    they come: extraction throughput and its memory floor.
``e2e``
    ``mapper map CORPUS.jsonl --out DIR`` with the default outputs (map.html, GeoJSON,
    GeoPackage, CSV, PNG, SVG), timed stage by stage: end-to-end throughput.
``map``
    Map writing alone at N incidents (synthetic incidents over the gazetteer):
    ``render.write_map``, then the GIS exports.
``dask``
    The same corpus through :func:`mapper.pipeline.run` and through
    :func:`mapper.parallel.run_dask` on a 2-worker local cluster: same incidents?
    speed-up?

Sizes whose projected time exceeds ``--budget`` seconds (from the rate at the size
below) are skipped and reported as such, not guessed.

Usage::

    python bench/bench_pipeline.py [--sizes 1000,10000,100000] [--json OUT]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import itertools
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

DEFAULT_SIZES = (1000, 10_000, 100_000)
SEED = 2026


# --------------------------------------------------------------------------------------
# child side
# --------------------------------------------------------------------------------------


def _rss_mb() -> float:
    """Peak resident memory of this process, MB.

    ``VmHWM`` belongs to this process alone; ``ru_maxrss`` would also carry the
    parent's peak across fork + exec on Linux, so it is only the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _current_rss_mb() -> float:
    """Resident memory of this process now (``VmRSS``), MB; 0 where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


class _RssSampler:
    """Sample ``VmRSS`` in a thread and keep the highest value seen in each stage (MB).

    A stage is the innermost wrapped call running (see :func:`_timed`); long C calls
    that hold the GIL delay samples, so a stage's figure is a lower bound of its peak.
    """

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.stack: list[str] = []
        self.peaks: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        if self.stack:
            label = self.stack[-1]
            self.peaks[label] = max(self.peaks.get(label, 0.0), _current_rss_mb())

    def __enter__(self) -> _RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _pin(cpu: int | None) -> None:
    if cpu is None or not hasattr(os, "sched_setaffinity"):
        return
    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {cpu})


def child_extract(path: Path) -> dict[str, Any]:
    from mapper import pipeline
    from mapper.gazetteer import Gazetteer
    from mapper.ingest import iter_articles

    gazetteer = Gazetteer.default()
    base = _rss_mb()
    articles = mentions = lost = 0
    started = time.perf_counter()
    for article in iter_articles([path], on_skip=lambda _: None):
        found, unresolved = pipeline.mentions_of(article, gazetteer=gazetteer)
        articles += 1
        mentions += len(found)
        lost += unresolved
    seconds = time.perf_counter() - started
    return {
        "articles": articles,
        "mentions": mentions,
        "unresolved": lost,
        "seconds": seconds,
        "base_rss_mb": base,
        "peak_rss_mb": _rss_mb(),
    }


@contextlib.contextmanager
def _timed(
    stages: dict[str, float],
    module: Any,
    name: str,
    label: str,
    sampler: _RssSampler | None = None,
) -> Iterator[None]:
    """Wrap ``module.name`` so that its calls add their time to ``stages[label]``.

    With a ``sampler``, the memory sampled during the call is booked to ``label``.
    """
    original = getattr(module, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        if sampler is not None:
            sampler.stack.append(label)
        try:
            return original(*args, **kwargs)
        finally:
            stages[label] = stages.get(label, 0.0) + time.perf_counter() - started
            if sampler is not None:
                sampler.sample()
                sampler.stack.pop()

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, original)


def child_e2e(path: Path, out: Path) -> dict[str, Any]:
    from mapper import cli, export, front, image, incidents, pipeline, render
    from mapper.gazetteer import Gazetteer

    started = time.perf_counter()
    Gazetteer.default()
    startup = time.perf_counter() - started
    base = _rss_mb()
    stages: dict[str, float] = {}
    counts: dict[str, int] = {}
    original_run = pipeline.run

    def counting_run(*args: Any, **kwargs: Any) -> Any:
        found, stats = original_run(*args, **kwargs)
        counts.update(articles=stats.articles, mentions=stats.mentions, incidents=len(found))
        return found, stats

    original_merge = pipeline.merge_mentions
    with contextlib.ExitStack() as stack:
        sampler = stack.enter_context(_RssSampler())
        pipeline.run = counting_run  # type: ignore[assignment]
        stack.callback(setattr, pipeline, "run", original_run)
        wrapped = [
            (pipeline, "merge_mentions", "merge"),
            (pipeline, "run", "ingest+extract+resolve+merge"),
            (incidents, "to_geodataframe", "GeoDataFrame"),
            (front, "front_lines", "front"),
            (render, "write_map", "map.html"),
            (export, "export", "GIS exports"),
            (image, "write_images", "PNG + SVG"),
        ]
        for module, name, label in wrapped:
            stack.enter_context(_timed(stages, module, name, label, sampler))
        started = time.perf_counter()
        status = cli.main(["map", str(path), "--out", str(out), "-q"])
        seconds = time.perf_counter() - started
    assert pipeline.merge_mentions is original_merge
    whole = stages.pop("ingest+extract+resolve+merge", 0.0)
    stages["ingest+extract+resolve"] = whole - stages.get("merge", 0.0)
    stage_rss = dict(sampler.peaks)
    stage_rss["ingest+extract+resolve"] = stage_rss.pop("ingest+extract+resolve+merge", 0.0)
    sizes = {p.name: p.stat().st_size for p in out.iterdir() if p.is_file()}
    return {
        **counts,
        "status": status,
        "seconds": seconds,
        "startup_s": startup,
        "stages": stages,
        "stage_rss_mb": stage_rss,
        "output_mb": round(sum(sizes.values()) / 1e6, 1),
        "base_rss_mb": base,
        "peak_rss_mb": _rss_mb(),
    }


def synthetic_incidents(n: int, *, seed: int = SEED) -> list[Any]:
    """``n`` incidents at gazetteer settlements, with our own short notes."""
    from mapper.gazetteer import Gazetteer
    from mapper.models import Incident

    places = [p for p in Gazetteer.default() if p.feature_type not in corpus.REGION_TYPES]
    rng = random.Random(seed)
    kinds = (
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Battles", "Armed clash"),
        ("Violence against civilians", "Attack"),
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Protests", "Peaceful protest"),
    )
    out = []
    for i in range(n):
        place = rng.choice(places)
        kind, sub = rng.choice(kinds)
        day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
        killed = rng.randrange(0, 12)
        out.append(
            Incident(
                incident_id=f"IRQ-B{i:07d}",
                event_type=kind,
                sub_event_type=sub,
                location=place.name,
                lat=round(place.lat + rng.uniform(-0.02, 0.02), 4),
                lon=round(place.lon + rng.uniform(-0.02, 0.02), 4),
                geo_precision=1,
                where_prec=2,
                admin1=place.admin1,
                admin2=place.admin2,
                event_date=day,
                date_start=day,
                date_end=day,
                time_precision=1,
                fatalities=killed,
                fatalities_low=killed,
                fatalities_best=killed,
                fatalities_high=killed + rng.randrange(0, 3),
                sources=("Tigris Wire",),
                article_ids=(f"syn-{i}",),
                source_count=1,
                notes=f"Synthetic incident {i} at {place.name} for the benchmark.",
            )
        )
    return out


def child_map(n: int, out: Path) -> dict[str, Any]:
    from mapper import export, render
    from mapper.incidents import to_geodataframe
    from mapper.layers import default_themes

    items = synthetic_incidents(n)
    base = _rss_mb()
    started = time.perf_counter()
    gdf = to_geodataframe(items)
    frame_s = time.perf_counter() - started
    started = time.perf_counter()
    render.write_map(gdf, out / "map.html", themes=default_themes(), offline=True)
    map_s = time.perf_counter() - started
    started = time.perf_counter()
    export.export(gdf, out, formats=["geojson", "gpkg", "csv"])
    export_s = time.perf_counter() - started
    return {
        "incidents": n,
        "seconds": map_s,
        "frame_s": frame_s,
        "export_s": export_s,
        "map_mb": round((out / "map.html").stat().st_size / 1e6, 1),
        "base_rss_mb": base,
        "peak_rss_mb": _rss_mb(),
    }


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_dask(path: Path, workers: int, repeat: int) -> dict[str, Any]:
    """Alternate single-process and Dask runs ``repeat`` times; keep the best of each.

    The Dask run is what ``mapper map --engine dask`` runs: the default engine, whose
    pool of ``workers`` processes starts (and is timed) inside each run. Its CPU time
    is this process's plus that of the pool's processes, reaped when the run ends.
    """
    from mapper import incidents, parallel, pipeline
    from mapper.gazetteer import Gazetteer

    Gazetteer.default()
    runs: dict[str, list[dict[str, float]]] = {"single": [], "dask": []}
    identical = True
    # One worker per core: the pool takes as many cores as this process may use.
    with contextlib.suppress(OSError, AttributeError):
        os.sched_setaffinity(0, set(range(workers)))
    for _ in range(repeat):
        merge: dict[str, float] = {}
        cpu0, t0 = _cpu_s(), time.perf_counter()
        with _timed(merge, pipeline, "merge_mentions", "merge"):
            expected, stats = pipeline.run([path])
        runs["single"].append(
            {
                "s": time.perf_counter() - t0,
                "cpu_s": _cpu_s() - cpu0,
                "merge_s": merge.get("merge", 0.0),
            }
        )
        merge = {}
        wcpu0, cpu0, t0 = _children_cpu_s(), _cpu_s(), time.perf_counter()
        with _timed(merge, incidents, "merge_mentions", "merge"):
            got, dstats = parallel.run_dask([path])
        elapsed = time.perf_counter() - t0
        runs["dask"].append(
            {
                "s": elapsed,
                "cpu_s": _cpu_s() - cpu0 + _children_cpu_s() - wcpu0,
                "merge_s": merge.get("merge", 0.0),
            }
        )
        identical = identical and got == expected and dstats == stats
    single = min(runs["single"], key=lambda r: r["s"])
    dask = min(runs["dask"], key=lambda r: r["s"])
    return {
        "articles": stats.articles,
        "incidents": len(expected),
        "workers": workers,
        "repeat": repeat,
        "single_s": single["s"],
        "dask_s": dask["s"],
        "single_cpu_s": single["cpu_s"],
        "dask_cpu_s": dask["cpu_s"],
        "merge_single_s": single["merge_s"],
        "merge_dask_s": dask["merge_s"],
        "all_runs": runs,
        # The pool starts inside each timed run: nothing is left out.
        "cluster_start_s": 0.0,
        "cluster_warm_s": 0.0,
        "identical": identical,
        "speedup": single["s"] / dask["s"] if dask["s"] else 0.0,
    }


def child_main(args: argparse.Namespace) -> int:
    _pin(args.cpu)
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="mapper-bench-"))
    if args.child == "extract":
        result = child_extract(Path(args.corpus))
    elif args.child == "e2e":
        result = child_e2e(Path(args.corpus), out)
    elif args.child == "map":
        result = child_map(args.n, out)
    elif args.child == "dask":
        result = child_dask(Path(args.corpus), args.workers, args.repeat)
    else:
        raise SystemExit(f"unknown child mode {args.child}")
    result["loadavg_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, sort_keys=True))
    return 0


# --------------------------------------------------------------------------------------
# parent side
# --------------------------------------------------------------------------------------


def write_corpora(sizes: Sequence[int], folder: Path) -> dict[int, Path]:
    """One corpus of the largest size; smaller sizes are its prefixes (same mix)."""
    folder.mkdir(parents=True, exist_ok=True)
    biggest = max(sizes)
    lines = (
        json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n"
        for r in corpus.generate(biggest, seed=SEED)
    )
    paths = {n: folder / f"corpus-{n}.jsonl" for n in sizes}
    handles = {n: paths[n].open("w", encoding="utf-8") for n in sizes}
    try:
        for i, line in enumerate(lines):
            for n, fh in handles.items():
                if i < n:
                    fh.write(line)
    finally:
        for fh in handles.values():
            fh.close()
    return paths


def run_child(mode: str, *, timeout: float, **options: Any) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode]
    for key, value in options.items():
        if value is not None:
            cmd += [f"--{key}", str(value)]
    load = os.getloadavg()[0]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {timeout / 60:.0f} min"}
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        return {"error": " / ".join(tail) or f"exit {done.returncode}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["loadavg_start"] = round(load, 2)
    return result


def _project(results: dict[int, dict[str, Any]], n: int) -> float | None:
    done = {k: v for k, v in results.items() if "seconds" in v and k < n}
    if not done:
        return None
    last = max(done)
    seconds = done[last].get("seconds")
    return None if seconds is None else seconds * n / last


def measure_one(
    mode: str,
    n: int,
    results: dict[int, dict[str, Any]],
    *,
    budget: float,
    options: dict[str, Any],
    log: Callable[[str], None],
) -> None:
    """Measure ``mode`` at size ``n`` into ``results``, unless a smaller size failed or
    the rate at the largest size done so far projects more than ``budget`` seconds."""
    blocked = [k for k, v in results.items() if "seconds" not in v and k < n]
    if blocked:
        results[n] = {"skipped": f"{min(blocked):,} did not complete"}
        log(f"{mode} {n}: skipped ({min(blocked)} did not complete)")
        return
    projected = _project(results, n)
    if projected is not None and projected > budget:
        results[n] = {"skipped": f"projected {projected / 60:.0f} min > budget"}
        log(f"{mode} {n}: skipped (projected {projected:.0f} s)")
        return
    log(f"{mode} {n}: running")
    results[n] = run_child(mode, timeout=max(budget * 1.5, 300), **options)
    log(f"{mode} {n}: {results[n]}")


def run(
    *,
    sizes: Sequence[int] = DEFAULT_SIZES,
    extract_sizes: Sequence[int] | None = None,
    map_sizes: Sequence[int] | None = None,
    budget: float = 900.0,
    dask_size: int = 2000,
    workdir: Path | None = None,
    cpu: int | None = None,
    log: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
    checkpoint: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Run every series, smallest sizes first, and return the figures.

    The Dask comparison runs before the largest size, and ``checkpoint`` is called
    with the figures so far after every measurement, so that a run stopped during the
    long 100k measurements still leaves every smaller figure.
    """
    folder = workdir or Path(tempfile.mkdtemp(prefix="mapper-bench-"))
    if cpu is None:
        cpu = max(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    extract_sizes = list(extract_sizes or sizes)
    map_sizes = list(map_sizes or sizes)
    corpus_sizes = sorted({*sizes, *extract_sizes, dask_size})
    log(f"writing corpora {corpus_sizes} to {folder}")
    paths = write_corpora(corpus_sizes, folder)
    smallest = min(paths)
    corpus_kb = paths[smallest].stat().st_size / smallest / 1024

    def outdir(tag: str, n: int) -> str:
        path = folder / f"out-{tag}-{n}"
        path.mkdir(exist_ok=True)
        return str(path)

    result: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "corpus_kb_per_article": round(corpus_kb, 2),
        "budget_s": budget,
        "extract": {},
        "e2e": {},
        "map": {},
        "dask": {"error": "not run"},
    }

    def save() -> None:
        if checkpoint is not None:
            checkpoint(result)

    levels = sorted({*sizes, *extract_sizes, *map_sizes})
    for n in levels:
        if n == levels[-1] and len(levels) > 1:
            log(f"dask {dask_size}: running")
            result["dask"] = run_child(
                "dask", timeout=max(budget * 1.5, 300), corpus=paths[dask_size], workers=2
            )
            log(f"dask {dask_size}: {result['dask']}")
            save()
        if n in extract_sizes:
            measure_one(
                "extract",
                n,
                result["extract"],
                budget=budget,
                options={"corpus": paths[n], "cpu": cpu},
                log=log,
            )
            save()
        if n in sizes:
            measure_one(
                "e2e",
                n,
                result["e2e"],
                budget=budget,
                options={"corpus": paths[n], "cpu": cpu, "out": outdir("e2e", n)},
                log=log,
            )
            save()
        if n in map_sizes:
            measure_one(
                "map",
                n,
                result["map"],
                budget=budget,
                options={"n": n, "cpu": cpu, "out": outdir("map", n)},
                log=log,
            )
            save()
    if len(levels) == 1:
        log(f"dask {dask_size}: running")
        result["dask"] = run_child(
            "dask", timeout=max(budget * 1.5, 300), corpus=paths[dask_size], workers=2
        )
        save()
    return result


# --------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------


def _growth(series: dict[int, dict[str, Any]]) -> list[str]:
    done = sorted((n, r) for n, r in series.items() if "seconds" in r)
    out = []
    for (n1, r1), (n2, r2) in itertools.pairwise(done):
        ratio = r2["seconds"] / r1["seconds"] if r1["seconds"] else math.nan
        slope = math.log(ratio) / math.log(n2 / n1) if ratio > 0 else math.nan
        out.append(
            f"{n1:,} → {n2:,}: time × {ratio:.1f} for size × {n2 / n1:.0f} "
            f"(exponent {slope:.2f}; 1.00 is linear)"
        )
    return out


def _load(r: dict[str, Any]) -> str:
    start, end = r.get("loadavg_start"), r.get("loadavg_end")
    return "" if start is None or end is None else f"{start:.1f} → {end:.1f}"


def _table(series: dict[int, dict[str, Any]], *, unit: str, per: str) -> list[str]:
    lines = [
        f"| {unit} | seconds | {per}/s | µs per {per[:-1] if per.endswith('s') else per} "
        "| peak memory MB | of which after start-up | machine load |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in sorted(series.items()):
        if "seconds" not in r:
            why = r.get("skipped") or r.get("error", "not run")
            lines.append(f"| {n:,} | {why} | | | | | |")
            continue
        rate = n / r["seconds"] if r["seconds"] else 0.0
        lines.append(
            f"| {n:,} | {r['seconds']:.1f} | {rate:,.0f} | {1e6 / rate if rate else 0:,.0f} | "
            f"{r['peak_rss_mb']:,.0f} | {r['peak_rss_mb'] - r['base_rss_mb']:,.0f} | "
            f"{_load(r)} |"
        )
    return lines


def to_markdown(result: dict[str, Any]) -> str:
    lines = [
        f"Measured {result['date']} on {result['cpus']} cores (shared with other work), "
        f"Python {result['python']}; synthetic reports of "
        f"{result['corpus_kb_per_article']:.1f} KB on average (`bench/corpus.py`). "
        "Single-process runs are pinned to one core; each size runs in a fresh process "
        "and its peak memory is that process's own peak resident set size (VmHWM). Machine load is "
        "the 1-minute load average before and after the run (2.0 = both cores busy): "
        "figures taken under load understate the speed.",
        "",
        "### Extraction (ingest + extract + resolve, streaming)",
        "",
        *_table(result["extract"], unit="articles", per="articles"),
        "",
        *[f"- {g}" for g in _growth(result["extract"])],
        "",
        "### End to end (`mapper map corpus.jsonl --out DIR`: merge, map.html, GeoJSON, "
        "GeoPackage, CSV, PNG, SVG)",
        "",
        *_table(result["e2e"], unit="articles", per="articles"),
        "",
        *[f"- {g}" for g in _growth(result["e2e"])],
    ]
    stage_rows = [(n, r) for n, r in sorted(result["e2e"].items()) if "stages" in r]
    if stage_rows:
        order = ["ingest+extract+resolve", "merge", "GeoDataFrame", "front", "map.html"]
        order += ["GIS exports", "PNG + SVG"]
        names = sorted(
            stage_rows[-1][1]["stages"], key=lambda k: (order.index(k) if k in order else 99, k)
        )
        lines += [
            "",
            "Time by stage (seconds):",
            "",
            "| articles | incidents | " + " | ".join(names) + " |",
            "|---:|---:|" + "---:|" * len(names),
        ]
        for n, r in stage_rows:
            cells = " | ".join(f"{r['stages'].get(k, 0.0):.1f}" for k in names)
            lines.append(f"| {n:,} | {r.get('incidents', 0):,} | {cells} |")
        memory_rows = [(n, r) for n, r in stage_rows if r.get("stage_rss_mb")]
        if memory_rows:
            lines += [
                "",
                "Highest resident memory sampled in each stage (MB, every 20 ms):",
                "",
                "| articles | " + " | ".join(names) + " |",
                "|---:|" + "---:|" * len(names),
            ]
            for n, r in memory_rows:
                cells = " | ".join(f"{r['stage_rss_mb'].get(k, 0.0):,.0f}" for k in names)
                lines.append(f"| {n:,} | {cells} |")
        for (n1, r1), (n2, r2) in itertools.pairwise(stage_rows):
            exps = []
            for k in names:
                a, b = r1["stages"].get(k, 0.0), r2["stages"].get(k, 0.0)
                if a > 0.05 and b > 0:
                    exps.append(f"{k} {math.log(b / a) / math.log(n2 / n1):.2f}")
            lines += [
                "",
                f"Growth exponent by stage, {n1:,} → {n2:,} articles (1.00 is linear): "
                + ", ".join(exps)
                + ".",
            ]
    lines += [
        "",
        "### Map writing alone (synthetic incidents)",
        "",
        "| incidents | map.html s | map.html MB | GeoDataFrame s | GeoJSON+GPKG+CSV s "
        "| peak memory MB |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in sorted(result["map"].items()):
        if "seconds" not in r:
            lines.append(f"| {n:,} | {r.get('skipped') or r.get('error', 'not run')} | | | | |")
            continue
        lines.append(
            f"| {n:,} | {r['seconds']:.1f} | {r['map_mb']:.1f} | {r['frame_s']:.1f} | "
            f"{r['export_s']:.1f} | {r['peak_rss_mb']:,.0f} |"
        )
    lines += ["", *[f"- {g}" for g in _growth(result["map"])]]
    d = result.get("dask", {})
    lines += ["", "### Dask engine on 2 local worker processes (the default scheduler)", ""]
    if "error" in d:
        lines.append(f"Not measured: {d['error']}")
    else:
        par_single = d["single_s"] - d.get("merge_single_s", 0.0)
        par_dask = d["dask_s"] - d.get("merge_dask_s", 0.0)
        lines += [
            "| articles | single process s | Dask s | speed-up | same incidents |",
            "|---:|---:|---:|---:|---|",
            f"| {d['articles']:,} | {d['single_s']:.1f} | {d['dask_s']:.1f} | "
            f"{d['speedup']:.2f}× | {'yes' if d['identical'] else 'NO'} |",
            "",
            f"Of these, merging (serial, in the driver, in both engines) took "
            f"{d.get('merge_single_s', 0.0):.1f} s and {d.get('merge_dask_s', 0.0):.1f} s; "
            f"the part Dask spreads out (ingest, extract, resolve) went from "
            f"{par_single:.1f} s to {par_dask:.1f} s "
            f"({par_single / par_dask if par_dask > 0 else 0:.2f}×). "
            f"CPU time: {d.get('single_cpu_s', 0.0):.1f} s in one process, "
            f"{d.get('dask_cpu_s', 0.0):.1f} s over the driver and both workers (the "
            "difference is the engine's overhead: serialising articles and mentions, "
            "scheduling). "
            f"Best of {d.get('repeat', 1)} alternating runs of each; load average "
            f"{d.get('loadavg_start', 0):.1f} → {d.get('loadavg_end', 0):.1f} (the other "
            "work on the machine competes for the same two cores, which caps the "
            "speed-up).",
            "",
            "The Dask times include starting the worker pool (forked from the driver, so "
            "the gazetteer is loaded already). Both runs exclude writing outputs.",
        ]
    return "\n".join(lines) + "\n"


def parse_sizes(text: str | None) -> list[int] | None:
    """``"1000,10k,100k"`` -> ``[1000, 10000, 100000]``; None for None."""
    if not text:
        return None
    out = []
    for part in text.split(","):
        part = part.strip().lower()
        if part:
            out.append(int(float(part[:-1]) * 1000) if part.endswith("k") else int(part))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--extract-sizes", help="sizes for extraction alone (default: --sizes)")
    parser.add_argument("--map-sizes", help="incident counts for map writing (default: --sizes)")
    parser.add_argument("--budget", type=float, default=900.0, help="seconds per run at most")
    parser.add_argument("--dask-size", type=int, default=2000)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    # child-process options (internal)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--cpu", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args)
    result = run(
        sizes=parse_sizes(args.sizes) or DEFAULT_SIZES,
        extract_sizes=parse_sizes(args.extract_sizes),
        map_sizes=parse_sizes(args.map_sizes),
        budget=args.budget,
        dask_size=args.dask_size,
        workdir=args.workdir,
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True, default=str) + "\n")
    print(to_markdown(result), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
