"""Machine pre-fill on a Dask cluster: ``l10nflow translate --cluster ADDRESS``.

The coordinator (the ``translate`` command) plans, reads the cache and writes the cache and
catalogues, as in a local run; only the model batches travel. Each batch (one language pair,
the same batches a local run makes) becomes one Dask task running
:func:`l10nflow.mt.cluster_worker.translate_on_worker`, which loads the model once per worker
process and keeps it. When a worker dies, the Dask scheduler runs its batches again on
another worker (up to ``distributed.scheduler.allowed-failures`` times, 3 by default); the
coordinator applies each batch's result exactly once, whichever worker computed it.

Dask distributed was chosen over Ray after measuring both (docs/machine-translation.md,
"Machine pre-fill on a cluster"). ``distributed`` is imported only when a cluster is asked
for: it is the optional ``cluster`` extra.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from l10nflow.errors import L10nError
from l10nflow.mt.cluster_worker import (
    THREADS_VARIABLE,
    WorkerError,
    WorkerModel,
    translate_on_worker,
)
from l10nflow.mt.engines import CTranslate2Engine, Translation

INSTALL_COMMAND = "pip install 'l10nflow[cluster]'"
CONNECT_TIMEOUT = 20  # seconds to reach the scheduler
WORKER_TIMEOUT = 120  # seconds to wait for a first worker to join
BATCHES_PER_THREAD = 2  # batches in flight per worker thread: busy workers, bounded memory

Batch = list[str]


class ClusterError(L10nError):
    """The cluster cannot be reached or cannot finish the batches."""


def import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ClusterError(
            f"translating on a cluster needs Dask distributed ({exc}): {INSTALL_COMMAND}"
        ) from exc
    return distributed


@dataclass
class ClusterEngine(CTranslate2Engine):
    """The coordinator's stand-in for a model: same name and cache key, batches go to workers."""

    client: Any = None
    remote: WorkerModel | None = None

    @classmethod
    def wrapping(cls, engine: CTranslate2Engine, client: Any) -> ClusterEngine:
        values = {f.name: getattr(engine, f.name) for f in fields(engine) if f.init}
        return cls(**values, client=client, remote=WorkerModel.of(engine))

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[Translation]:
        for _, outputs in self.translate_many([texts], source, target):
            return outputs
        return []

    def translate_many(
        self, batches: list[Batch], source: str, target: str
    ) -> Iterator[tuple[Batch, list[Translation]]]:
        """Every batch with its outputs, as workers finish them (at most a few per worker
        thread queued at a time); unfinished batches are cancelled when the caller stops."""
        distributed = import_distributed()
        todo = iter(enumerate(batches))
        in_flight: dict[Any, Batch] = {}
        finished = distributed.as_completed(loop=self.client.loop)
        run = uuid.uuid4().hex[:12]

        def submit_next() -> None:
            for number, batch in todo:
                future = self.client.submit(
                    translate_on_worker,
                    self.remote,
                    batch,
                    source,
                    target,
                    pure=False,
                    priority=-number,  # earlier batches first, like a local run
                    key=f"l10nflow-{run}-{source}-{target}-{number}",  # names in the dashboard
                )
                in_flight[future] = batch
                finished.add(future)
                return

        threads = sum(self.client.nthreads().values()) or 1
        for _ in range(BATCHES_PER_THREAD * threads):
            submit_next()
        try:
            for future in finished:
                batch = in_flight.pop(future)
                outputs = _outputs(distributed, future, len(batch), source, target)
                self.calls += 1
                submit_next()
                yield batch, outputs
        finally:
            if in_flight:  # interrupted or failed: nothing more runs for this run
                self.client.cancel(list(in_flight))


def _outputs(
    distributed: Any, future: Any, size: int, source: str, target: str
) -> list[Translation]:
    what = f"a batch of {size} {source} → {target} segments"
    try:
        outputs: list[Translation] = future.result()
    except distributed.KilledWorker as exc:
        raise ClusterError(
            f"{what} was tried on several workers and each of them died (out of memory? "
            f"see the worker logs): {exc}"
        ) from exc
    except WorkerError as exc:
        raise ClusterError(f"a worker cannot translate {what}: {exc}") from exc
    except (OSError, distributed.comm.CommClosedError) as exc:
        raise ClusterError(f"lost the connection to the scheduler during {what}: {exc}") from exc
    except Exception as exc:  # a model error on the worker: report it, no traceback
        raise ClusterError(f"a worker failed on {what}: {type(exc).__name__}: {exc}") from exc
    return outputs


@dataclass
class ClusterSession:
    """A client connected to a scheduler, and the LocalCluster behind it if we started one."""

    client: Any
    local_cluster: Any = None

    def engines(self, engines: dict[str, CTranslate2Engine]) -> dict[str, CTranslate2Engine]:
        """The same engines (one per model), translating on the cluster."""
        remote: dict[int, CTranslate2Engine] = {}
        return {
            locale: remote.setdefault(id(engine), ClusterEngine.wrapping(engine, self.client))
            for locale, engine in engines.items()
        }

    def workers(self) -> int:
        return len(self.client.nthreads())

    def close(self) -> None:
        self.client.close()
        if self.local_cluster is not None:
            self.local_cluster.close()


def start_local_cluster(workers: int) -> Any:
    """A Dask LocalCluster of ``workers`` processes on 127.0.0.1, sharing the cores."""
    distributed = import_distributed()
    threads = max(1, (os.cpu_count() or 1) // workers)
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,  # one batch at a time; CTranslate2 parallelises inside it
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # its HTTP server on a free loopback port
        silence_logs=logging.ERROR,
        env={THREADS_VARIABLE: str(threads)},
    )


def open_session(address: str | None, local_workers: int | None) -> ClusterSession | None:
    """Connect to ``address`` or start ``local_workers`` local workers; None for neither."""
    if address is None and local_workers is None:
        return None
    if address is not None and local_workers is not None:
        raise ClusterError("give either --cluster ADDRESS or --local-cluster N, not both")
    distributed = import_distributed()
    if logging.getLogger().level > logging.INFO:  # without -v: Dask's warnings, not its chatter
        logging.getLogger("distributed").setLevel(logging.WARNING)
    local = start_local_cluster(local_workers) if local_workers is not None else None
    target = local if local is not None else address
    where = address or "the local cluster"
    try:
        client = distributed.Client(target, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        if local is not None:
            local.close()
        raise ClusterError(
            f"cannot reach the Dask scheduler at {where}: {exc} (start one with "
            "`dask scheduler`, see docs/machine-translation.md)"
        ) from exc
    session = ClusterSession(client, local)
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        session.close()
        raise ClusterError(
            f"no worker joined the scheduler at {where} within {WORKER_TIMEOUT} s "
            f"(start one with `dask worker {where}`)"
        ) from exc
    return session
