"""The Dask engine gives exactly what the single-process pipeline gives."""

from __future__ import annotations

import datetime as dt
import gc
import importlib.util
import os
import sys
from pathlib import Path

import pytest

from mapper import parallel, pipeline
from mapper.errors import MapperError
from mapper.models import Article, Location, Mention, Toponym

pytest.importorskip("dask")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

# Towns the stub extractor knows, with made-up but plausible points.
STUB_PLACES = {
    "Kirkuk": (35.4681, 44.3922, "Kirkuk"),
    "Tikrit": (34.6070, 43.6780, "Salah al-Din"),
    "Ramadi": (33.4206, 43.3078, "Anbar"),
}


def stub_mentions_of(article: Article, *, gazetteer: object) -> tuple[list[Mention], int]:
    """A fake extract+resolve: one mention per known town named; 'Atlantis' never resolves."""
    found: list[Mention] = []
    for name, (lat, lon, admin1) in STUB_PLACES.items():
        start = article.text.find(name)
        if start < 0:
            continue
        end = start + len(name)
        found.append(
            Mention(
                article_id=article.id,
                event_type="Explosions/Remote violence",
                sub_event_type="Remote explosive/landmine/IED",
                sentence=article.text[:80],
                start=start,
                end=end,
                toponym=Toponym(surface=name, start=start, end=end, candidates=(name,)),
                location=Location(
                    name=name,
                    lat=lat,
                    lon=lon,
                    geo_precision=1,
                    where_prec=2,
                    place_id=name,
                    admin1=admin1,
                ),
                event_date=article.published,
                source=article.source,
            )
        )
    return found, article.text.count("Atlantis")


def records(n: int) -> list[dict[str, object]]:
    towns = [*STUB_PLACES, "Atlantis"]
    out: list[dict[str, object]] = []
    for i in range(n):
        town = towns[i % len(towns)]
        day = dt.date(2017, 3, 1) + dt.timedelta(days=i % 5)
        out.append(
            {
                "id": f"r{i % 23}",  # repeats: ingest renames duplicates, in input order
                "title": f"Blast reported in {town}",
                "text": f"A bomb went off in {town} on the morning of {day:%d %B}, police said.",
                "published": day.isoformat(),
                "source": ("Tigris Wire", "Desert Courier")[i % 2],
            }
        )
    out.insert(7, {"id": "bad", "text": ""})  # skipped by ingest
    out.insert(11, {"title": "no text at all"})
    return out


@pytest.fixture
def stubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "mentions_of", stub_mentions_of)


#: Forked pool workers inherit the stub; spawned ones would load the real extractor.
FORKS = sys.platform.startswith("linux")
needs_fork = pytest.mark.skipif(not FORKS, reason="pool workers are forked only on Linux")


@pytest.mark.parametrize("merge", [True, False])
@pytest.mark.parametrize(
    ("scheduler", "partitions", "size"),
    [
        ("synchronous", None, 7),
        ("threads", None, 5),
        ("sync", 4, None),
        ("threads", 1, None),
        pytest.param("processes", None, 3, marks=needs_fork),
        pytest.param(None, None, None, marks=needs_fork),
    ],
)
def test_same_incidents_as_default_engine(stubbed, merge, scheduler, partitions, size):
    items = records(60)
    skipped_seq: list[object] = []
    skipped_dask: list[object] = []
    expected, stats = pipeline.run(items, merge=merge, on_skip=skipped_seq.append)
    got, dstats = parallel.run_dask(
        items,
        merge=merge,
        on_skip=skipped_dask.append,
        scheduler=scheduler,
        partitions=partitions,
        partition_size=size,
    )
    assert expected, "the stub corpus must give incidents"
    assert got == expected  # same ids, same order, every field equal
    assert dstats == stats
    assert skipped_dask == skipped_seq
    assert len(skipped_seq) >= 2  # the two bad records, plus renamed duplicate ids
    assert stats.unresolved > 0


def test_default_partitions_start_small_and_grow(stubbed, monkeypatch):
    sizes: list[int] = []
    real = parallel.extract_partition

    def spy(articles):
        sizes.append(len(articles))
        return real(articles)

    monkeypatch.setattr(parallel, "extract_partition", spy)
    items = [{"id": f"g{i}", "text": f"Shelling hit Kirkuk, report {i}."} for i in range(700)]
    expected, _ = pipeline.run(items, merge=False)
    got, stats = parallel.run_dask(items, merge=False, scheduler="synchronous")
    assert got == expected
    assert sorted(sizes)[:3] == [8, 16, 32]
    assert max(sizes) == parallel.DEFAULT_PARTITION_SIZE
    assert sum(sizes) == stats.articles == 700


def test_long_articles_close_a_partition_early(stubbed, monkeypatch):
    sizes: list[int] = []
    real = parallel.extract_partition

    def spy(articles):
        sizes.append(len(articles))
        return real(articles)

    monkeypatch.setattr(parallel, "extract_partition", spy)
    monkeypatch.setattr(parallel, "_MAX_PARTITION_CHARS", 1000)
    filler = "Calm returned to the market after the shelling. " * 10  # ~500 characters
    items = [{"id": f"L{i}", "text": f"Mortars fell on Tikrit. {filler}"} for i in range(12)]
    parallel.run_dask(items, merge=False, scheduler="synchronous")
    assert sum(sizes) == 12
    assert max(sizes) <= 2


def test_merge_really_merges(stubbed):
    merged, _ = parallel.run_dask(records(60), scheduler="synchronous", partition_size=4)
    single, _ = parallel.run_dask(
        records(60), merge=False, scheduler="synchronous", partition_size=4
    )
    assert len(merged) < len(single)
    assert all(len(i.article_ids) == 1 for i in single)


def test_empty_input(stubbed):
    incidents, stats = parallel.run_dask([], scheduler="synchronous")
    assert incidents == []
    assert stats.articles == 0


def test_extract_partition_keeps_input_order(stubbed):
    arts = [
        Article(id="b", text="Ramadi then Kirkuk"),
        Article(id="a", text="Tikrit and Atlantis, Atlantis"),
    ]
    mentions, lost = parallel.extract_partition(arts)
    assert [m.article_id for m in mentions] == ["b", "b", "a"]
    assert lost == 2


def test_quiet_when_stderr_is_not_a_terminal(stubbed, capsys):
    parallel.run_dask(records(30), scheduler="threads", partition_size=3)
    assert capsys.readouterr().err == ""


def test_progress_bar_when_asked(stubbed, capsys):
    parallel.run_dask(records(30), scheduler="synchronous", partition_size=3, progress=True)
    assert "art" in capsys.readouterr().err


@pytest.mark.parametrize("scheduler", ["synchronous", pytest.param("processes", marks=needs_fork)])
def test_this_process_is_left_unfrozen(stubbed, scheduler):
    """The engine freezes its mentions from the GC while it runs, and gives them back."""
    before = gc.get_freeze_count()
    parallel.run_dask(records(40), scheduler=scheduler, partition_size=3)
    assert gc.get_freeze_count() == before
    assert parallel._worker["freeze"] is False  # only the pool's own workers freeze


def test_pool_workers_freeze_at_start_and_after_their_first_partition(stubbed, monkeypatch):
    freezes: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(1))
    monkeypatch.setitem(parallel._worker, "freeze", False)
    parallel._init_worker()  # what a pool worker runs first
    assert len(freezes) == 1
    arts = [Article(id="k", text="Kirkuk")]
    for _ in range(3):
        assert len(parallel.extract_partition(arts)[0]) == 1
    assert len(freezes) == 2  # once more after the first partition, then never again
    assert parallel._worker["freeze"] is False


@needs_fork
def test_a_dead_pool_worker_is_a_scheduler_error(monkeypatch):
    def dies(article, *, gazetteer):
        os._exit(3)

    monkeypatch.setattr(pipeline, "mentions_of", dies)
    with pytest.raises(parallel.SchedulerError, match="BrokenProcessPool"):
        parallel.run_dask(records(5), scheduler="processes")


def test_strict_raises_like_the_default_engine(stubbed):
    with pytest.raises(MapperError):
        parallel.run_dask([{"id": "x", "text": ""}], strict=True, scheduler="synchronous")


def test_extraction_errors_pass_through_unchanged(monkeypatch):
    def broken(article, *, gazetteer):
        raise ZeroDivisionError("bug in an extractor")

    monkeypatch.setattr(pipeline, "mentions_of", broken)
    with pytest.raises(ZeroDivisionError, match="bug in an extractor"):
        parallel.run_dask(records(5), scheduler="synchronous")


def test_cluster_failure_is_a_scheduler_error(monkeypatch):
    killed = type("KilledWorker", (Exception,), {"__module__": "distributed.scheduler"})

    def dies(article, *, gazetteer):
        raise killed("worker tcp://x:1 died 3 times")

    monkeypatch.setattr(pipeline, "mentions_of", dies)
    with pytest.raises(parallel.SchedulerError, match="KilledWorker"):
        parallel.run_dask(records(5), scheduler="synchronous")


@pytest.mark.parametrize("kwargs", [{"partitions": 0}, {"partition_size": -3}])
def test_bad_partitioning_is_a_clear_error(stubbed, kwargs):
    with pytest.raises(MapperError, match="positive"):
        parallel.run_dask(records(3), scheduler="synchronous", **kwargs)


def test_missing_dask_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(parallel.DaskUnavailableError, match=r"mapper\[dask\]") as info:
        parallel.run_dask(records(3), scheduler="synchronous")
    assert isinstance(info.value, MapperError)


def test_unreachable_scheduler_is_a_clear_error(stubbed, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(parallel.SchedulerError, match="cannot reach"):
        parallel.run_dask(records(3), scheduler="tcp://127.0.0.1:9")


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="distributed is not installed"
)
def test_two_worker_local_cluster_matches_default_engine():
    """Real extraction on two worker processes (a few seconds: keep the corpus small)."""
    from distributed import LocalCluster

    inputs: list[object] = [str(EXAMPLES)]
    inputs += [
        {
            "id": f"w{i}",
            "title": "Mortar fire on Tuz Khurmatu",
            "text": f"Mortar rounds struck houses in Tuz Khurmatu on {d} March 2018, "
            f"killing {i} people and wounding {i + 2}, a local official said.",
            "published": f"2018-03-{d:02d}",
            "source": "Desert Courier",
        }
        for i, d in enumerate((3, 3, 4, 9, 9, 12), start=1)
    ]
    expected, stats = pipeline.run(inputs)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        got, dstats = parallel.run_dask(
            inputs, scheduler=cluster.scheduler_address, partition_size=2
        )
    assert expected, "the demo articles must give incidents"
    assert got == expected
    assert dstats == stats


def test_cli_engine_dask_writes_the_same_files(tmp_path, capsys):
    """`mapper map --engine dask` (in-process scheduler) = the default engine, byte for byte."""
    from mapper.cli import main

    src = tmp_path / "in"
    src.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt")):
        (src / path.name).write_bytes(path.read_bytes())
    (src / "empty.txt").write_bytes(b"")  # skipped the same way by both engines
    outs = {}
    for engine in ("local", "dask"):
        out = tmp_path / engine
        argv = ["map", str(src), "--out", str(out), "--image", "none", "--format", "geojson,csv"]
        if engine == "dask":
            argv += ["--engine", "dask", "--scheduler", "synchronous"]
        status = main(argv)
        err = capsys.readouterr().err
        assert status == 2, err  # one input skipped
        assert "empty.txt" in err
        outs[engine] = out
    for name in ("incidents.geojson", "incidents.csv", "map.html"):
        local = (outs["local"] / name).read_bytes()
        assert local == (outs["dask"] / name).read_bytes(), name
    assert b'"Feature"' in (outs["local"] / "incidents.geojson").read_bytes()


@pytest.mark.slow
def test_default_engine_matches_on_real_extraction():
    """The default pool (two processes, real extraction) = the single-process engine."""
    items = records(40)
    expected, stats = pipeline.run(items)
    got, dstats = parallel.run_dask(items, partition_size=3)  # scheduler=None: the pool
    assert expected, "real extraction must find the bombings"
    assert got == expected
    assert dstats == stats


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="distributed is not installed"
)
def test_tuned_local_cluster_matches_default_engine():
    items = records(12)
    expected, stats = pipeline.run(items)
    with parallel.local_cluster(n_workers=2) as cluster:
        got, dstats = parallel.run_dask(items, scheduler=cluster.scheduler_address)
    assert got == expected
    assert dstats == stats
