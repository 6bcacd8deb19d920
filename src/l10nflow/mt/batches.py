"""How a locale's batches reach an engine: one after another, or all at once to a cluster.

An engine with ``translate_many`` (:class:`l10nflow.mt.cluster.ClusterEngine`) gets every
batch at once and hands each back when it is done, in any order; the pre-fill applies each
result exactly once, so the catalogues do not depend on that order.
"""

from __future__ import annotations

from collections.abc import Iterator

from l10nflow.mt.engines import Engine, Translation

Batch = list[str]


def translate_batches(
    engine: Engine, batches: list[Batch], source: str, target: str
) -> Iterator[tuple[Batch, list[Translation]]]:
    """Each batch with its outputs, as the engine finishes them."""
    many = getattr(engine, "translate_many", None)
    if many is not None:
        yield from many(batches, source, target)
        return
    for batch in batches:
        yield batch, engine.translate_batch(batch, source, target)
