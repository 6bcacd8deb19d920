"""Dask distributed against Ray on this machine: what ``translate --cluster`` was chosen on.

    python benchmarks/bench_cluster_engines.py [--ray]

For each engine, with a 2-worker local cluster: import time, start-up time, the first task,
per-task overhead (1,000 tiny tasks submitted at once, and 100 submit-and-wait round trips),
the round trip of a 100 kB payload (an article page shipped to a worker and back, what
``extract``/``build`` on a cluster would pay per article), and a worker killed with SIGKILL
while it holds tasks (are they retried, how long does the run take). Dask runs on 127.0.0.1
only; Ray is measured only with ``--ray``, because its raylet and workers register on the
machine's network address even when told ``_node_ip_address="127.0.0.1"``.
"""

from __future__ import annotations

import argparse
import os
import signal
import time
from collections.abc import Callable
from typing import Any


def increment(value: int) -> int:
    return value + 1


def echo(payload: bytes) -> bytes:
    return payload


def pid(_: int) -> int:
    return os.getpid()


def slow_pid(_: int) -> int:
    time.sleep(0.5)
    return os.getpid()


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def measure_dask() -> dict[str, float]:
    seconds, distributed = timed(lambda: __import__("distributed"))
    figures = {"import": seconds}
    start, cluster = timed(
        lambda: distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        )
    )
    client = distributed.Client(cluster, set_as_default=False)
    figures["start-up (2 workers)"] = start
    figures["first task"] = timed(lambda: client.submit(increment, 1).result())[0]
    many = timed(lambda: client.gather(client.map(increment, range(1000), pure=False)))[0]
    figures["per task, 1000 at once (ms)"] = many
    trips = timed(lambda: [client.submit(increment, i, pure=False).result() for i in range(100)])
    figures["round trip (ms)"] = trips[0] * 10
    payload = os.urandom(100_000)
    shipped = timed(lambda: [client.submit(echo, payload, pure=False).result() for _ in range(20)])
    figures["100 kB round trip (ms)"] = shipped[0] * 50
    futures = client.map(slow_pid, range(8), pure=False)
    time.sleep(0.7)
    os.kill(next(iter(client.run(os.getpid).values())), signal.SIGKILL)
    recovery, results = timed(lambda: client.gather(futures))
    figures["8 x 0.5 s tasks, worker killed after 0.7 s: finished after (s)"] = recovery
    figures["results after the kill"] = len(results)
    client.close()
    cluster.close()
    return figures


def measure_ray() -> dict[str, float]:
    seconds, ray = timed(lambda: __import__("ray"))
    figures = {"import": seconds}
    start = timed(
        lambda: ray.init(
            num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False
        )
    )[0]
    figures["start-up (2 workers)"] = start
    remote_increment = ray.remote(max_retries=3)(increment)
    remote_echo = ray.remote(echo)
    remote_slow = ray.remote(max_retries=3)(slow_pid)
    figures["first task"] = timed(lambda: ray.get(remote_increment.remote(1)))[0]
    many = timed(lambda: ray.get([remote_increment.remote(i) for i in range(1000)]))[0]
    figures["per task, 1000 at once (ms)"] = many
    trips = timed(lambda: [ray.get(remote_increment.remote(i)) for i in range(100)])
    figures["round trip (ms)"] = trips[0] * 10
    payload = os.urandom(100_000)
    shipped = timed(lambda: [ray.get(remote_echo.remote(payload)) for _ in range(20)])
    figures["100 kB round trip (ms)"] = shipped[0] * 50
    refs = [remote_slow.remote(i) for i in range(8)]
    time.sleep(0.7)
    pids = ray.get([ray.remote(pid).remote(n) for n in range(2)])
    os.kill(pids[0], signal.SIGKILL)
    recovery, results = timed(lambda: ray.get(refs))
    figures["8 x 0.5 s tasks, worker killed after 0.7 s: finished after (s)"] = recovery
    figures["results after the kill"] = len(results)
    ray.shutdown()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ray", action="store_true", help="also measure Ray (see above)")
    args = parser.parse_args()
    results = {"dask": measure_dask()}
    if args.ray:
        results["ray"] = measure_ray()
    for name, figures in results.items():
        print(name)
        for label, value in figures.items():
            print(f"  {label:<66} {value:8.3f}")
    if "ray" in results:
        dask, ray = results["dask"], results["ray"]
        for label in ("start-up (2 workers)", "round trip (ms)", "per task, 1000 at once (ms)"):
            print(f"ray / dask, {label:<40} = {ray[label] / dask[label]:5.2f}x")


if __name__ == "__main__":
    main()
