"""Where the time goes: cProfile of the whole pipeline, summed by mapper module.

Runs ``mapper map`` in-process on a synthetic corpus (``bench/corpus.py``) under
cProfile and prints (1) self time per module of mapper and per outside package, and
(2) the functions with the most self time. Use it to find hot spots.

Usage::

    python bench/profile_pipeline.py [--n 1000] [--top 15]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

SEED = 2026


def _owner(filename: str) -> str:
    """``mapper.extract.events`` for mapper files; the top package for the rest."""
    path = Path(filename)
    parts = path.parts
    if "mapper" in parts and "site-packages" not in parts:
        i = len(parts) - 1 - parts[::-1].index("mapper")
        return ".".join([*parts[i:-1], path.stem])
    if "site-packages" in parts:
        i = parts.index("site-packages")
        return parts[i + 1].split(".")[0] if i + 1 < len(parts) else "site-packages"
    if filename.startswith("<") or filename == "~":
        return "builtins (C)"
    return "stdlib:" + path.stem


def profile(n: int) -> tuple[pstats.Stats, float]:
    import importlib

    from mapper import cli
    from mapper.gazetteer import Gazetteer

    for name in ("export", "image", "render", "front", "incidents", "pipeline", "layers"):
        importlib.import_module(f"mapper.{name}")  # imports are not the pipeline's cost

    Gazetteer.default()
    folder = Path(tempfile.mkdtemp(prefix="mapper-profile-"))
    src = folder / "corpus.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for record in corpus.generate(n, seed=SEED):
            fh.write(json.dumps(record, sort_keys=True) + "\n")
    profiler = cProfile.Profile()
    profiler.enable()
    cli.main(["map", str(src), "--out", str(folder / "out"), "-q"])
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    return stats, total


def to_markdown(stats: pstats.Stats, total: float, *, n: int, top: int) -> str:
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    by_owner: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, callers) in raw.items():
        if filename == "~" and callers:
            # C functions (regex search, isinstance...): charge their time to the
            # module that called them.
            for (caller_file, _, _), value in callers.items():
                by_owner[_owner(caller_file)] += value[2]
        else:
            by_owner[_owner(filename)] += tottime
    lines = [
        f"cProfile of `mapper map` on {n:,} synthetic reports: {total:.1f} s of self time "
        "in all (profiling roughly doubles run time; shares are what matter).",
        "",
        "| module / package | self time s | share |",
        "|---|---:|---:|",
    ]
    for owner, seconds in sorted(by_owner.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"| {owner} | {seconds:.2f} | {seconds / total:.0%} |")
    lines += [
        "",
        "| function (self time) | calls | self s | with callees s |",
        "|---|---:|---:|---:|",
    ]
    rows = sorted(raw.items(), key=lambda kv: -kv[1][2])[:top]
    for (filename, line, name), (_, calls, tottime, cumtime, _) in rows:
        where = f"{_owner(filename)}:{line} {name}"
        lines.append(f"| `{where}` | {calls:,} | {tottime:.2f} | {cumtime:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    stats, total = profile(args.n)
    print(to_markdown(stats, total, n=args.n, top=args.top), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
