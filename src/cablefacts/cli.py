"""The ``cablefacts`` command line: one Typer app, thin over the library."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from . import corpus as corpus_mod
from .cable import CableFileError, read_cable_file

app = typer.Typer(help="Structured, checkable facts about human trafficking from diplomatic cables.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
cable_app = typer.Typer(help="Read single cables and check folders of them.", no_args_is_help=True)
corpus_app = typer.Typer(help="The project's corpus: manifest and mirrored text.", no_args_is_help=True)
app.add_typer(cable_app, name="cable")
app.add_typer(corpus_app, name="corpus")

console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


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
    """Parse every file of a folder and report, per file, what could not be found."""
    if not folder.is_dir():
        fail(f"{folder}: not a folder")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    found: Counter[str] = Counter()
    problems: list[tuple[str, str]] = []
    errors = crashes = mismatched = 0
    started = time.perf_counter()
    for path in files:
        try:
            cable = read_cable_file(path)
        except CableFileError as e:
            errors += 1
            problems.append((path.name, f"unreadable: {e}"))
            continue
        except Exception as e:  # a reader bug: report it, never stop the check
            crashes += 1
            problems.append((path.name, f"CRASH {type(e).__name__}: {e}"))
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
            problems.append((path.name, "; ".join(notes) or "ok"))
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
    if crashes or parsed == 0:
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
) -> None:
    """Rebuild corpus/manifest.tsv (hashes and near-duplicate groups); keeps the bulk cables it lists."""
    try:
        keep = [c for c, e in corpus_mod.read_manifest().items() if e.source == "bulk"]
    except FileNotFoundError:
        keep = []
    entries = corpus_mod.build_manifest(seed, extra, bulk if bulk.exists() else None, sorted(set(keep) | set(bulk_id)))
    path = corpus_mod.write_manifest(entries)
    groups = Counter(e.group for e in entries)
    console.print(f"{path}: {len(entries)} cables, {sum(1 for g in groups.values() if g > 1)} near-duplicate groups")
