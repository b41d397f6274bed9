"""Batch extraction: files in, facts (and the entities and relations they come from) into the SQLite
store, batch by batch.

Cables are read and parsed in the worker that processes their batch; only the paragraphs that pass
the relevance gate go through ``nlp.pipe``. Engines: ``local`` (one process, or a pool of
``n_process``) and ``dask`` (a dask.distributed scheduler). Every batch is written in one
transaction, so a run killed at any moment loses at most the batches in flight.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..cable import CableFileError, cable_files, read_cable_file
from .store import CableResult, Store

_NLP_CACHE: dict[str | None, Language] = {}
MAX_BATCH_BYTES = 256 * 1024  # text of the files of one batch (a larger file is a batch alone)
PIPE_CHARS = 20_000  # text the models read in one nlp.pipe group (a longer paragraph alone)


def load_nlp(model: str | None) -> Language:
    """The pipeline for ``model`` (None: the default), loaded once per process."""
    if model not in _NLP_CACHE:
        from ..api import load

        _NLP_CACHE[model] = load(model)
    return _NLP_CACHE[model]


def model_version(model: str | None) -> str:
    """A label for the pipeline that made the facts: re-running with another one re-does every cable."""
    from .. import __version__

    nlp = load_nlp(model)
    own = nlp.meta.get("cablefacts", {})
    if not own:
        return f"rules@{__version__}"
    return f"{nlp.meta.get('name')}@{nlp.meta.get('version')}+{own.get('annotations_sha256', '')[:12]}"


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process_batch(paths: list[str], model: str | None = None, gate: bool = True,
                  on_text: Callable[[int, int], None] | None = None) -> list[CableResult]:
    """Read, parse and extract a batch of files; a file that fails is returned with its reason. Each
    paragraph's doc is dropped once its entities, relations and facts are taken, so a huge file needs the
    memory of one group of paragraphs; ``on_text(chars read, chars in the batch)`` follows the models
    through the batch."""
    from ..api import facts_from_docs, paragraphs_to_read
    from ..facts.annotations import Annotations

    nlp = load_nlp(model)
    results: list[CableResult] = []
    work = []  # (result index, cable, paragraphs)
    for path in paths:
        try:
            digest = sha256_file(path)
        except OSError as e:
            results.append(CableResult(path, "", "failed", f"cannot read ({e.strerror})"))
            continue
        try:
            cable = read_cable_file(path)
        except CableFileError as e:
            results.append(CableResult(path, digest, "failed", str(e)))
            continue
        except Exception as e:  # a reader bug must not stop the run; it is recorded with the file
            results.append(CableResult(path, digest, "failed", f"reader error: {type(e).__name__}: {e}"))
            continue
        paragraphs = paragraphs_to_read(cable, gate)
        meta = {"date": cable.iso_date(), "origin": cable.origin, "classification": cable.classification,
                "subject": cable.subject, "tags": cable.tags, "words": len(cable.body.split())}
        results.append(CableResult(path, digest, "done", None, cable.id, meta, [], list(cable.warnings)))
        work.append((len(results) - 1, cable, paragraphs))
    texts = [c.paragraph_text(p) for _, c, ps in work for p in ps]
    with nlp.memory_zone():  # strings the batch adds to the vocabulary are freed with it: memory stays flat
        docs = _pipe_by_length(nlp, texts, on_text=on_text)
        for index, cable, paragraphs in work:
            cable_docs = (next(docs) for _ in paragraphs)
            found = Annotations()
            try:
                stream = found.read(cable, cable_docs, paragraphs)
                results[index].facts = [f.to_dict() for f in facts_from_docs(cable, stream, paragraphs)]
                results[index].entities, results[index].relations = found.entities, found.relations
            except Exception as e:
                for _ in cable_docs:  # the docs of this cable's other paragraphs, so the next cable gets its own
                    pass
                results[index] = CableResult(results[index].path, results[index].sha256, "failed",
                                             f"fact assembly error: {type(e).__name__}: {e}", cable.id)
    return results


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _pipe_by_length(nlp: Language, texts: list[str], max_chars: int = PIPE_CHARS,
                    on_text: Callable[[int, int], None] | None = None) -> Iterator[Doc]:
    """``nlp.pipe`` over groups of texts of at most ``max_chars`` (a longer text alone): the models'
    working memory follows the text in one group, so a few very long paragraphs cannot raise the peak."""
    total = sum(map(len, texts))
    read = 0
    group: list[str] = []
    size = 0
    for text in [*texts, None]:
        if group and (text is None or size + len(text) > max_chars):
            yield from nlp.pipe(group, batch_size=len(group))
            read += size
            if on_text:
                on_text(read, total)
            group, size = [], 0
        if text is not None:
            group.append(text)
            size += len(text)


def _batches(paths: list[str], size: int, max_bytes: int = MAX_BATCH_BYTES) -> Iterator[list[str]]:
    """Batches of at most ``size`` files and ``max_bytes`` of text (a larger file is a batch alone), so
    that the memory a batch needs does not depend on which files happen to fall together."""
    batch: list[str] = []
    total = 0
    for path in paths:
        n = _file_size(path)
        if batch and (len(batch) >= size or total + n > max_bytes):
            yield batch
            batch, total = [], 0
        batch.append(path)
        total += n
    if batch:
        yield batch


def _pool_worker(args: tuple) -> list[CableResult]:
    paths, model, gate = args
    return process_batch(paths, model, gate)


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the main process, which stops the pool and says what was kept."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_local(batches: Iterable[list[str]], model: str | None, gate: bool, n_process: int,
               on_text: Callable[[int, int], None] | None = None) -> Iterator[list[CableResult]]:
    if n_process <= 1:
        for batch in batches:
            yield process_batch(batch, model, gate, on_text)
        return
    # Where fork exists, the workers inherit the pipeline the main process already loaded (copy on
    # write) instead of importing spaCy and loading the model again each; elsewhere they spawn.
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ctx.Pool(n_process, initializer=_ignore_interrupt) as pool:
        yield from pool.imap(_pool_worker, ((b, model, gate) for b in batches))


def _run_dask(batches: Iterable[list[str]], model: str | None, gate: bool, scheduler: str
              ) -> Iterator[list[CableResult]]:
    from dask.distributed import Client, as_completed

    with Client(scheduler) as client:
        futures = [client.submit(process_batch, b, model, gate, pure=False) for b in batches]
        for future in as_completed(futures):
            yield future.result()
            future.release()


@dataclass
class RunSummary:
    """What a run did: files done, skipped (content already in the store) and failed, their new facts,
    the warnings of the files read, and the contents (sha256) of every file the run was given."""

    done: int = 0
    skipped: int = 0
    failed: int = 0
    facts: int = 0
    words: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    contents: set[str] = field(default_factory=set)


def run(paths: list[str], store: Store, *, model: str | None = None, batch_size: int = 32, n_process: int = 1,
        engine: str = "local", scheduler: str | None = None, force: bool = False, gate: bool = True,
        progress: Callable[[int, RunSummary], None] | None = None,
        on_text: Callable[[int, int], None] | None = None) -> RunSummary:
    """Extract facts from ``paths`` into ``store``. A file is known by its resolved path and its content:
    a content already done with the same model (at this path or another) is skipped unless ``force``,
    and so is a second path to one content within the run. ``on_text`` follows the models through each
    batch (in one local process)."""
    version = model_version(model)
    summary = RunSummary()
    done = {} if force else store.done(version)
    seen: dict[str, str] = {}  # resolved path -> sha256 ("" if unreadable: the batch records why)
    todo = []
    for p in paths:
        path = os.path.realpath(p)
        if path in seen:
            continue
        try:
            seen[path] = sha256_file(path)
        except OSError:
            seen[path] = ""
        sha = seen[path]
        if sha and (sha in done or sha in summary.contents):
            summary.skipped += 1
        else:
            todo.append(path)
        summary.contents.add(sha)
    summary.contents.discard("")
    store.see({p: sha for p, sha in seen.items() if sha})
    if progress:
        progress(0, summary)
    workers = n_process if engine == "local" else 4
    if workers > 1:  # at least four batches per worker, so that few files still spread over the workers
        batch_size = max(1, min(batch_size, -(-len(todo) // (4 * workers))))
    batches = _batches(todo, batch_size)
    if engine == "dask":
        if not scheduler:
            raise ValueError("the dask engine needs --scheduler ADDRESS")
        results = _run_dask(batches, model, gate, scheduler)
    elif engine == "local":
        results = _run_local(batches, model, gate, n_process, on_text)
    else:
        raise ValueError(f"unknown engine {engine!r}: local or dask")
    for batch in results:
        store.write_batch(batch, version)
        for r in batch:
            if r.status == "done":
                summary.done += 1
                summary.facts += len(r.facts or [])
                summary.words += (r.meta or {}).get("words") or 0
                summary.warnings += [(r.path, w) for w in r.warnings]
            else:
                summary.failed += 1
                summary.failures.append((r.path, r.error or ""))
        if progress:
            progress(len(batch), summary)
    return summary


def expand(inputs: list[str]) -> tuple[list[str], list[str]]:
    """Files named by paths, folders (``*.txt`` inside, recursively) and globs; and the inputs that
    matched nothing."""
    import glob

    files: list[str] = []
    unmatched: list[str] = []
    for item in inputs:
        matches = sorted(glob.glob(item)) or ([item] if Path(item).exists() else [])
        if not matches:
            unmatched.append(item)
        for m in matches:
            p = Path(m)
            files.extend(map(str, cable_files(p)) if p.is_dir() else [str(p)])
    return list(dict.fromkeys(files)), unmatched
