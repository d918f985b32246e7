"""Benchmark the gazetteer: load time, geocodes per second, text-scan throughput.

Targets (issue 3): load < 300 ms, >= 50,000 geocodes/s, scan >= 20 MB/s. Usage::

    python bench/bench_gazetteer.py [--mb 20]

The scan text is synthetic news prose written for this benchmark (no third-party text),
with about one place name per 200 characters, as in conflict reporting.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from collections import Counter

_SENTENCES = (
    "Security forces said the situation was calm on Tuesday after a night of clashes.",
    "A roadside bomb struck a patrol near {p}, killing two soldiers, a police source said.",
    "Officials in {p} reported that electricity had returned to most districts.",
    "The ministry did not comment on the figures, which could not be verified.",
    "Militants attacked a checkpoint on the outskirts of {p} late on Wednesday.",
    "Residents said they heard heavy gunfire and saw smoke over the market.",
    "The operation aims to clear villages between {p} and {q} of remaining cells.",
    "Aid agencies warned that thousands of families remained displaced this winter.",
    "A spokesman said the group's fighters had withdrawn towards the desert.",
    "Two civilians were wounded when a mortar round fell in a residential area.",
    "The governor of {p} called for more troops to secure the main road.",
    "Witnesses told reporters that the convoy was hit shortly after dawn.",
    "Farmers complained that the drought had ruined much of the harvest.",
    "Talks between Baghdad and Erbil over oil revenues resumed this week.",
    "The United Nations said it was concerned by reports of arbitrary detentions.",
    "Prices of fuel and bread rose sharply after the border crossing was closed.",
    "Parliament postponed the vote on the budget for a second time.",
    "Local leaders asked the government to compensate families who lost homes.",
    "No group has claimed responsibility for the attack so far.",
    "Engineers began repairing the bridge, which was damaged last year.",
)
_PLACES = (
    "Kirkuk",
    "Hawija",
    "al-Hawija",
    "Daquq",
    "Tuz Khurmatu",
    "Mosul",
    "Qayyarah",
    "Sharqat",
    "Baiji",
    "Tikrit",
    "Samarra",
    "Baquba",
    "Muqdadiya",
    "Khanaqin",
    "Ramadi",
    "Fallujah",
    "Hit",
    "Haditha",
    "Tarmiyah",
    "Abu Ghraib",
    "Sadr City",
    "Bashiqa",
    "Bartella",
    "Tal Afar",
    "Sinjar",
    "Jalawla",
    "Dibis",
    "Makhmur",
    "Rutba",
    "Qaim",
)
_QUERIES = (
    *_PLACES,
    "Kerkuk",
    "Al-Mawsil",
    "Bakhdida",
    "Hawijah",
    "Tekrit",
    "Baqubah",
    "Nineveh",
    "Salahuddin",
    "Anbar province",
    "no such place",
    "Baghdad - Dora",
)


def synthetic_news(n_bytes: int, *, seed: int = 3) -> str:
    """Return about ``n_bytes`` of news-like prose with place names."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_bytes:
        s = rng.choice(_SENTENCES).format(p=rng.choice(_PLACES), q=rng.choice(_PLACES))
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the scan text in MB")
    args = ap.parse_args(argv)

    cold = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t=time.perf_counter(); "
            "from mapper.gazetteer import Gazetteer; t1=time.perf_counter(); "
            "Gazetteer.default(); t2=time.perf_counter(); "
            "print(f'{(t1-t)*1000:.0f} {(t2-t1)*1000:.0f}')",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    print(f"cold import of mapper.gazetteer: {cold[0]} ms")
    print(f"Gazetteer.default() load (after import): {cold[1]} ms")

    from mapper.gazetteer import Gazetteer, IraqGazetteer

    gaz = Gazetteer.default()
    counts = Counter(p.feature_type for p in gaz)
    print(f"records: {len(gaz)}  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))

    coder = IraqGazetteer(gazetteer=gaz)
    queries = list(_QUERIES) * 3000
    c = time.process_time()
    for q in queries:
        gaz.candidates(q, limit=5)
    rate_c = len(queries) / (time.process_time() - c)
    c = time.process_time()
    for q in queries:
        coder.geocode(q)
    rate_g = len(queries) / (time.process_time() - c)
    print(
        f"per CPU second: candidates() {rate_c:,.0f} names/s; "
        f"IraqGazetteer.geocode() {rate_g:,.0f} /s"
    )

    t = time.perf_counter()
    gaz.scan("warm up the automaton in Kirkuk")
    print(f"scan automaton build (first scan): {(time.perf_counter() - t) * 1000:.0f} ms")
    text = synthetic_news(int(args.mb * 1_000_000))
    size = len(text.encode("utf-8")) / 1_000_000
    best = 0.0
    best_cpu = 0.0
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        matches = gaz.scan(text)
        dt, dc = time.perf_counter() - t, time.process_time() - c
        best, best_cpu = max(best, size / dt), max(best_cpu, size / dc)
    print(
        f"scan: {size:.1f} MB, {len(matches):,} names: best of 3 {best:.1f} MB/s wall, "
        f"{best_cpu:.1f} MB/s per CPU second"
    )
    curly = text.replace("'", "’")
    t, c = time.perf_counter(), time.process_time()
    gaz.scan(curly)
    dt, dc = time.perf_counter() - t, time.process_time() - c
    print(f"scan (non-ASCII text): {size / dt:.1f} MB/s wall, {size / dc:.1f} MB/s per CPU s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
