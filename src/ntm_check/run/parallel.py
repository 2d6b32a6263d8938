"""A generic map over forked worker processes: ``fn(item)`` for every item, in any order.

The workers are forked from this process, so ``fn`` and everything it refers to (the run's
criteria sets, options, cache) reach them as they are, without pickling and without any
module-level state: the state travels inside ``fn`` (a closure or ``functools.partial``).
Only the results are pickled back. This process works through the items too, beside its
workers: on two cores a third process would only compete for them.

Where ``fork`` does not exist (Windows; macOS defaults to spawn), or one job is asked for,
the items are mapped here, one by one, with the same results.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Chunks are at most this many items, and shrink as the work runs out.
MAX_CHUNK = 64
_DONE = "done"
_FAILED = "failed"


def fork_map(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """Yield ``fn(item)`` for each item, in completion order, using ``jobs`` processes."""
    context = _fork_context() if jobs > 1 and len(items) > 1 else None
    with _long_lived_objects_frozen():
        if context is None:
            yield from map(fn, items)
            return
        yield from _forked(context, fn, items, jobs)


def _fork_context() -> Any:
    """multiprocessing's fork context; ``None`` where there is no fork."""
    # imported here: small runs (a pre-commit hook's few files) need not pay ~5 ms for it
    import multiprocessing  # noqa: PLC0415

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def chunks(total: int, jobs: int) -> list[tuple[int, int]]:
    """``(start, stop)`` ranges that shrink as the work runs out: few messages, an even finish."""
    out = []
    start = 0
    while start < total:
        size = max(2, min(MAX_CHUNK, (total - start) // (4 * jobs)))
        out.append((start, min(total, start + size)))
        start += size
    return out


def _forked(context: Any, fn: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    from multiprocessing.connection import wait  # noqa: PLC0415

    ranges = chunks(len(items), jobs)
    counter = context.Value("i", 0)  # the next chunk to take, shared by every process
    readers, workers = [], []
    for _ in range(jobs - 1):
        reader, writer = context.Pipe(duplex=False)
        worker = context.Process(
            target=_work, args=(fn, items, ranges, counter, writer), daemon=True
        )
        worker.start()
        writer.close()
        readers.append(reader)
        workers.append(worker)
    try:
        while (index := _take(counter)) < len(ranges):
            start, stop = ranges[index]
            for i in range(start, stop):
                yield fn(items[i])
                # after every item, not every chunk: a worker whose results fill its pipe
                # waits until they are read (large results, e.g. status's summaries)
                for reader in [r for r in readers if r.poll()]:
                    yield from _receive(reader, readers)
        while readers:
            for reader in wait(readers):
                yield from _receive(reader, readers)
    finally:
        for worker in workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.terminate()


def _take(counter: Any) -> int:
    with counter.get_lock():
        index: int = counter.value
        counter.value += 1
    return index


def _receive(reader: Any, readers: list[Any]) -> list[Any]:
    """One message of a worker: a chunk's results, or its end (then it leaves ``readers``)."""
    try:
        tag, payload = reader.recv()
    except EOFError:
        tag, payload = _FAILED, "a worker process ended without finishing its work"
    if tag == _DONE:
        readers.remove(reader)
        return []
    if tag == _FAILED:
        readers.remove(reader)
        raise RuntimeError(f"worker process failed: {payload}")
    results: list[Any] = payload
    return results


def _work(
    fn: Callable[[T], R],
    items: Sequence[T],
    ranges: list[tuple[int, int]],
    counter: Any,
    writer: Any,
) -> None:
    """A worker: take chunks until none is left, send each chunk's results."""
    try:
        while (index := _take(counter)) < len(ranges):
            start, stop = ranges[index]
            writer.send(("results", [fn(items[i]) for i in range(start, stop)]))
        writer.send((_DONE, None))
    except BaseException as exc:  # a bug: tell the parent rather than hang it
        with contextlib.suppress(OSError):
            writer.send((_FAILED, f"{type(exc).__name__}: {exc}"))
    finally:
        writer.close()


@contextlib.contextmanager
def _long_lived_objects_frozen() -> Iterator[None]:
    """Keep the garbage collector off the imported modules and models during a run.

    Its full collections otherwise walk them again and again (~9 % of a 700-file run), and
    in forked workers that walk also copies every shared page. Undone at the end, unless the
    host program froze objects itself.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
