"""The Dask engine: extraction over article partitions on many cores or a cluster.

``mapper map --engine dask`` and :func:`run_dask` give the same incidents as
:func:`mapper.pipeline.run`, in the same order and with the same ids; only the work
is spread out:

1. **Ingest** streams in this process, exactly as :func:`mapper.pipeline.run` does it
   (same article ids, same de-duplication of ids, same skipped-input reports). It is
   cheap next to extraction, and doing it here keeps ids and skip reports identical.
2. **Extract and resolve** run on Dask workers, one partition of articles per task.
   Each worker process loads the gazetteer once (:meth:`Gazetteer.default` is cached
   per process) and keeps it for every later partition.
3. **Merge** runs here, with the same :func:`~mapper.incidents.merge_mentions`, on the
   mentions put back into input order.

Only a bounded number of partitions is in flight at any time, so memory stays flat
however long the input is. As in :func:`mapper.pipeline.run`, long-lived objects (the
mentions gathered here, the gazetteer in this module's own workers) are kept out of
the cyclic garbage collector's rescans with ``gc.freeze``: without it, the collector
took half of this process's time at 100k articles.

Schedulers
----------
``scheduler=None`` or ``"processes"``
    Dask's multiprocessing scheduler on a pool of one single-threaded worker *process*
    per core (extraction is pure Python, so threads would share one core), kept for the
    whole run. On Linux the workers are forked, so they start at once with what this
    process has loaded. This is cheaper than a :class:`distributed.LocalCluster` (whose
    workers run an event loop, heartbeats and monitors beside every task, and whose
    scheduler shares this process with ingest); :func:`local_cluster` starts one for
    those who want its dashboard: pass its address.
``"threads"``, ``"synchronous"``
    Dask's in-process schedulers (``"synchronous"`` runs in this thread: for debugging).
any other string
    The address of a running Dask scheduler, e.g. ``tcp://10.0.0.5:8786``. Its workers
    need ``mapper`` installed (the same version as here) and the same gazetteer (a
    GeoNames dump imported with ``mapper gazetteer import-geonames`` must be imported
    on every worker too), or their places may differ from this machine's.

A progress bar shows on stderr when it is a terminal; otherwise the engine prints
nothing (failures arrive as exceptions).

Dask is an optional dependency: ``pip install 'mapper[dask]'``.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, Protocol

from mapper.errors import MapperError
from mapper.ingest import Skipped, iter_articles
from mapper.layers import Theme, default_themes
from mapper.models import Article, Incident, Mention
from mapper.pipeline import ArticleInput, RunStats

__all__ = [
    "CONNECT_TIMEOUT",
    "DEFAULT_PARTITION_SIZE",
    "LOCAL_CLUSTER_CONFIG",
    "LOCAL_SCHEDULERS",
    "DaskUnavailableError",
    "SchedulerError",
    "extract_partition",
    "local_cluster",
    "run_dask",
]

DEFAULT_PARTITION_SIZE = 200
"""Largest number of articles per Dask task when neither ``partitions`` nor
``partition_size`` is given (the first partitions are smaller)."""

_FIRST_PARTITION_SIZE = 8
_FREEZE_EVERY = 1000
_MAX_PARTITION_CHARS = 4_000_000

LOCAL_SCHEDULERS = frozenset({"processes", "threads", "synchronous", "sync", "single-threaded"})
"""Scheduler names that select one of Dask's local schedulers instead of an address."""

CONNECT_TIMEOUT = "20s"
"""How long to try to reach a scheduler given by address before giving up."""

_INSTALL_HINT = "install the 'dask' extra: pip install 'mapper[dask]'"


class DaskUnavailableError(MapperError, ImportError):
    """Dask (or ``distributed``, for a scheduler address) is not installed."""


class SchedulerError(MapperError):
    """The Dask scheduler cannot be reached or the cluster cannot be started."""


#: What one partition gives back: its resolved mentions in input order, and how many
#: mentions did not resolve.
PartitionResult = tuple[list[Mention], int]


def extract_partition(articles: Sequence[Article]) -> PartitionResult:
    """Extract and resolve the mentions of a partition of articles (runs on a worker).

    The gazetteer is :meth:`Gazetteer.default`, loaded once per worker process.

    Parameters
    ----------
    articles : sequence of Article
        One partition, in input order.

    Returns
    -------
    (list of Mention, int)
        The resolved mentions of every article, in input order, and the number of
        mentions that did not resolve.

    Examples
    --------
    >>> extract_partition([])
    ([], 0)
    """
    if not articles:
        return [], 0
    from mapper import pipeline
    from mapper.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    found: list[Mention] = []
    lost = 0
    for article in articles:
        mentions, unresolved = pipeline.mentions_of(article, gazetteer=gazetteer)
        found.extend(mentions)
        lost += unresolved
    if _worker["freeze"]:
        # The first partition has loaded the gazetteer and everything extraction
        # builds lazily: keep it out of the cyclic collector's rescans from now on.
        _worker["freeze"] = False
        gc.freeze()
    return found, lost


#: True in a worker process of this module's own pool until its first partition is
#: done (never in the caller's process, nor on the workers of a cluster given by address).
_worker: dict[str, bool] = {"freeze": False}


def _init_worker() -> None:
    """Start a worker process of the pool: keep what it inherits out of the cyclic GC.

    Like :func:`mapper.pipeline.run` with its long-lived objects: the modules a forked
    worker inherits, and later (after the first partition) the gazetteer and all that
    extraction builds lazily, are frozen (``gc.freeze``), so that the collector does
    not rescan them again and again while partitions come and go.
    """
    gc.freeze()
    _worker["freeze"] = True


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise DaskUnavailableError(
            f"the Dask engine needs the {name.split('.')[0]!r} package: {_INSTALL_HINT}"
        ) from exc


class _Pending(Protocol):
    def result(self) -> PartitionResult: ...


class _Engine(Protocol):
    """Runs :func:`extract_partition` on partitions; results come back in order."""

    workers: int
    window: int

    def submit(self, partition: list[Article]) -> _Pending: ...


class _DistributedEngine:
    """A ``distributed.Client``: one future per partition."""

    def __init__(self, client: Any) -> None:
        self._client = client
        info = client.scheduler_info()
        threads = sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values())
        self.workers = max(1, threads)
        # Futures run as they are submitted: a couple per worker keeps all busy.
        self.window = 2 * self.workers + 1

    def submit(self, partition: list[Article]) -> _Pending:
        # pure=False: two partitions with equal content are still two tasks.
        future: _Pending = self._client.submit(extract_partition, partition, pure=False)
        return future


class _BagEngine:
    """Dask's in-process schedulers through :mod:`dask.bag`, a window of partitions at a time.

    ``submit`` queues partitions; the first ``result`` of a window computes the whole
    window as one bag (one task per partition).
    """

    def __init__(self, scheduler: str, *, workers: int) -> None:
        self._bag = _import("dask.bag")
        self._scheduler = scheduler
        self.workers = workers
        # A window is computed as a whole: several partitions per worker keep the
        # workers evenly loaded up to the end of each window.
        self.window = 4 * workers
        self._queued: list[tuple[list[Article], _Slot]] = []

    def submit(self, partition: list[Article]) -> _Pending:
        slot = _Slot(self)
        self._queued.append((partition, slot))
        return slot

    def flush(self) -> None:
        if not self._queued:
            return
        queued, self._queued = self._queued, []
        bag = self._bag.from_sequence([p for p, _ in queued], npartitions=len(queued))
        kwargs: dict[str, Any] = {"scheduler": self._scheduler}
        if self._scheduler == "threads":
            kwargs["num_workers"] = self.workers
        results = bag.map(extract_partition).compute(**kwargs)
        for (_, slot), value in zip(queued, results, strict=True):
            slot.value = value


class _ProcessesEngine:
    """Dask's ``"processes"`` scheduler on one pool of worker processes, kept for the run.

    Each partition is its own small Dask graph, computed from a helper thread of this
    process, so that a few partitions are always queued on the pool: a worker that is
    done takes the next one at once, with no wait for the slowest task of a batch.
    """

    def __init__(self, pool: ProcessPoolExecutor, *, workers: int) -> None:
        self._dask = _import("dask")
        self._pool = pool
        self.workers = workers
        self.window = 2 * workers + 1
        self._threads = ThreadPoolExecutor(max_workers=self.window, thread_name_prefix="mapper")
        self._count = 0

    def submit(self, partition: list[Article]) -> _Pending:
        self._count += 1
        future: Future[PartitionResult] = self._threads.submit(
            self._compute, partition, self._count
        )
        return future

    def _compute(self, partition: list[Article], number: int) -> PartitionResult:
        delayed = self._dask.delayed
        # Named and not traversed: Dask neither hashes nor walks the articles.
        data = delayed(partition, name=f"articles-{number}", traverse=False)
        task = delayed(extract_partition, name=f"extract-{number}", pure=False)(data)
        (result,) = self._dask.compute(task, scheduler="processes", pool=self._pool)
        found: PartitionResult = result
        return found

    def close(self) -> None:
        self._threads.shutdown(wait=True, cancel_futures=True)


def _start_method() -> str:
    """``"fork"`` on Linux (workers inherit what this process has loaded), else spawn.

    Elsewhere fork is either missing (Windows) or unsafe with system libraries (macOS).
    """
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _noop() -> None:
    """Nothing: submitted once so the pool starts its processes before any thread."""


@contextlib.contextmanager
def _processes_engine(workers: int) -> Iterator[_ProcessesEngine]:
    context = multiprocessing.get_context(_start_method())
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker
    ) as pool:
        pool.submit(_noop).result()
        engine = _ProcessesEngine(pool, workers=workers)
        try:
            yield engine
        finally:
            engine.close()


class _Slot:
    __slots__ = ("_engine", "value")

    def __init__(self, engine: _BagEngine) -> None:
        self._engine = engine
        self.value: PartitionResult | None = None

    def result(self) -> PartitionResult:
        if self.value is None:
            self._engine.flush()
        assert self.value is not None
        return self.value


#: Top-level packages whose exceptions mean the cluster failed, not the extraction.
_CLUSTER_PACKAGES = frozenset({"distributed", "dask", "tornado", "concurrent"})


def _result(future: _Pending) -> PartitionResult:
    """Return the result of one partition; a cluster failure is a :class:`SchedulerError`.

    Errors of mapper itself and of the extraction code pass through unchanged, as
    they would from :func:`mapper.pipeline.run`.
    """
    try:
        return future.result()
    except MapperError:
        raise
    except ModuleNotFoundError as exc:
        if exc.name is not None and exc.name.split(".")[0] == "mapper":
            raise SchedulerError(
                f"a Dask worker cannot import {exc.name}: install the same version of "
                "mapper on every worker"
            ) from exc
        raise
    except Exception as exc:
        if type(exc).__module__.split(".")[0] in _CLUSTER_PACKAGES:
            raise SchedulerError(f"the Dask cluster failed: {type(exc).__name__}: {exc}") from exc
        raise


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def _engine(scheduler: str | None) -> Iterator[_Engine]:
    """Open the engine ``scheduler`` names, and close what this function started."""
    _import("dask")
    name = scheduler.strip() if scheduler else None
    if name is None or name in LOCAL_SCHEDULERS:
        local = name or "processes"
        local = "synchronous" if local in {"sync", "single-threaded"} else local
        cores = _cores()
        if local == "processes":
            with _processes_engine(cores) as engine:
                yield engine
        else:
            yield _BagEngine(local, workers=1 if local == "synchronous" else cores)
        return
    distributed = _import("distributed")
    try:
        client = distributed.Client(name, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(
            f"cannot reach the Dask scheduler at {name!r}: {exc}; give the address a "
            "running scheduler prints (e.g. tcp://HOST:8786), or leave --scheduler out "
            "to use a local cluster"
        ) from exc
    with client:
        yield _DistributedEngine(client)


#: Dask settings for the local cluster: extraction is CPU-bound pure Python, so the
#: workers' sampling profiler, the GIL monitor and the 20 ms ticks only steal CPU (they
#: cost about 5 % of a core per process when idle, more under load).
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "1s",
}


@contextlib.contextmanager
def local_cluster(*, n_workers: int | None = None) -> Iterator[Any]:
    """Start a local ``distributed`` cluster tuned for extraction, and stop it after.

    One single-threaded worker process per core (or ``n_workers``), no dashboard,
    no log output, and :data:`LOCAL_CLUSTER_CONFIG` set while it runs. The default
    engine does not need it (see the module notes); it is for a run that wants
    ``distributed`` on this machine, and for the benchmark.

    Yields
    ------
    distributed.LocalCluster
        Pass ``cluster.scheduler_address`` as ``scheduler`` to :func:`run_dask` to
        reuse one cluster across runs.

    Raises
    ------
    DaskUnavailableError
        ``distributed`` is not installed.
    SchedulerError
        The cluster cannot start.
    """
    dask = _import("dask")
    distributed = _import("distributed")
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        try:
            cluster = distributed.LocalCluster(
                n_workers=n_workers or _cores(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                # Quiet: failures that matter reach the caller as exceptions; what
                # is left in the logs is shutdown chatter (heartbeats racing the close).
                silence_logs=logging.CRITICAL,
            )
        except Exception as exc:
            raise SchedulerError(f"cannot start a local Dask cluster: {exc}") from exc
        with cluster:
            yield cluster


def _partitions(
    articles: Iterator[Article], *, size: int | None, count: int | None
) -> Iterator[list[Article]]:
    if count is not None:
        everything = list(articles)
        if not everything:
            return
        per = max(1, -(-len(everything) // count))
        for start in range(0, len(everything), per):
            yield everything[start : start + per]
        return
    # Without a given size, partitions start small and double up to the default, so
    # that a short input still keeps every worker busy and a long one pays little
    # overhead per task.
    # A partition of very long articles is closed early at _MAX_PARTITION_CHARS, so no
    # task carries more than a few MB.
    step = size or _FIRST_PARTITION_SIZE
    partition: list[Article] = []
    chars = 0
    for article in articles:
        partition.append(article)
        chars += len(article.text)
        if len(partition) >= step or (size is None and chars >= _MAX_PARTITION_CHARS):
            yield partition
            partition = []
            chars = 0
            if size is None:
                step = min(2 * step, DEFAULT_PARTITION_SIZE)
    if partition:
        yield partition


class _Progress:
    """A tqdm bar over articles when enabled; nothing at all otherwise."""

    def __init__(self, *, enabled: bool | None) -> None:
        show = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Any = None
        if show:
            from tqdm import tqdm

            self._bar = tqdm(desc="articles", unit="art", file=sys.stderr, leave=False)

    def update(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def run_dask(
    inputs: Iterable[ArticleInput],
    *,
    merge: bool = True,
    themes: Sequence[Theme] | None = None,
    strict: bool = False,
    on_skip: Callable[[Skipped], None] | None = None,
    scheduler: str | None = None,
    partitions: int | None = None,
    partition_size: int | None = None,
    progress: bool | None = None,
) -> tuple[list[Incident], RunStats]:
    """Run the pipeline with extraction spread over Dask workers.

    Same inputs, same incidents (same ids, same order) and same run counts as
    :func:`mapper.pipeline.run`.

    Parameters
    ----------
    inputs : iterable
        Paths of ``.txt``/``.html``/``.jsonl`` files and folders, and/or dicts with the
        JSONL keys, as for :func:`mapper.pipeline.run`.
    merge : bool
        Merge reports of the same event across articles.
    themes : sequence of Theme, optional
        Map layers; the project's default themes when omitted.
    strict : bool
        Raise :class:`~mapper.errors.InputError` on the first bad input.
    on_skip : callable, optional
        Called with each :class:`~mapper.ingest.Skipped` input, as ingest reports it.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://HOST:8786``), or one of
        ``"processes"`` (the default: one worker process per core), ``"threads"``,
        ``"synchronous"``.
    partitions : int, optional
        Split the input into this many partitions (the articles are then collected
        first). By default articles stream in partitions of ``partition_size``.
    partition_size : int, optional
        Articles per partition when ``partitions`` is not given. By default the first
        partitions hold 8 articles and each next one twice as many, up to
        :data:`DEFAULT_PARTITION_SIZE`.
    progress : bool, optional
        Show a progress bar on stderr; by default only when stderr is a terminal.

    Returns
    -------
    (list of Incident, RunStats)

    Raises
    ------
    DaskUnavailableError
        Dask (or ``distributed``, for a scheduler address) is not installed.
    SchedulerError
        The scheduler at ``scheduler`` cannot be reached, or the cluster or the
        worker pool failed.
    InputError
        Only with ``strict=True``, on the first bad input.

    Examples
    --------
    >>> incidents, stats = run_dask([], scheduler="synchronous")
    >>> incidents, stats.articles
    ([], 0)
    """
    if partitions is not None and partitions < 1:
        raise MapperError(f"partitions must be a positive number, not {partitions}")
    if partition_size is not None and partition_size < 1:
        raise MapperError(f"partition_size must be a positive number, not {partition_size}")
    from mapper.gazetteer import Gazetteer
    from mapper.incidents import merge_mentions

    chosen = tuple(themes) if themes is not None else default_themes()
    stats = RunStats()

    def skip(item: Skipped) -> None:
        stats.skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    articles = iter_articles(inputs, strict=strict, on_skip=skip)
    mentions: list[Mention] = []
    bar: _Progress | None = None
    try:
        with _engine(scheduler) as engine:
            # After the engine: a forked worker must not inherit the bar's thread.
            bar = _Progress(enabled=progress)
            pending: deque[tuple[int, _Pending]] = deque()
            collected = 0

            def collect() -> None:
                nonlocal collected
                size, future = pending.popleft()
                found, lost = _result(future)
                mentions.extend(found)
                stats.unresolved += lost
                if bar is not None:
                    bar.update(size)
                # As in mapper.pipeline.run: the mentions kept until the merge leave
                # the cyclic collector's reach, which would otherwise rescan them all
                # again and again as they grow.
                if (collected + size) // _FREEZE_EVERY > collected // _FREEZE_EVERY:
                    gc.freeze()
                collected += size

            for partition in _partitions(articles, size=partition_size, count=partitions):
                stats.articles += len(partition)
                pending.append((len(partition), engine.submit(partition)))
                if len(pending) >= engine.window:
                    collect()
            while pending:
                collect()
            bar.close()
        stats.mentions = len(mentions)
        gazetteer = Gazetteer.default()
        parents: Mapping[str, str | None] = {place.id: place.parent for place in gazetteer}
        gc.freeze()
        incidents = merge_mentions(mentions, themes=chosen, parents=parents, merge=merge)
    finally:
        if bar is not None:
            bar.close()
        gc.unfreeze()
    stats.incidents = len(incidents)
    return incidents, stats
