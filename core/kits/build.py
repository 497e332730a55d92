"""Building kits: render each kit to HTML, PDFs, calendar and blank result sheets, in parallel.

:func:`build_kits` renders kits to ``kits/<gemeinde-slug>/``: one PDF per document of the kit
(``phase-<n>-leitfaden.pdf``, ``-termine``, ``-kopiervorlagen``, ``-ergebnisboegen``,
``-einladungen``, ``-plakate``; see :mod:`werkzeugkoffer.kits.documents`), the combined
``phase-<n>.pdf`` (the A4 documents in one file), ``phase-<n>.html`` (everything on one page)
and ``phase-<n>.ics``. Each document is laid out and written once; the combined PDF is merged from their PDFs.
Every file is written atomically; a manifest in the kits folder records a hash of each kit's inputs (the
municipality, the lab, the formats used, the templates, the package version), so a second build
only renders what changed. Kits are rendered in parallel by a process pool.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

import attrs
from attrs import frozen

from ..checks import require_no_errors
from ..conversion import to_json
from ..errors import InputError, OutputError, WerkzeugkofferError
from ..i18n import N_, _
from ..files import make_dir, output_error, read_input, remove_stale_temp_files, write_atomic
from ..render.environment import (
    describe_template_error,
    search_path,
    template_error_location,
    template_owners,
    templates_digest,
)
from ..results.sheets import blank_csv, blank_csv_name
from ..text import parse_choices
from .calendar import kit_calendar
from .content import Kit, make_kit
from .documents import KIT_DOCUMENTS, kit_documents, render_document, render_html

if TYPE_CHECKING:
    from ..workspace import Workspace

KIT_FORMATS = ("pdf", "html", "ics", "csv")
#: the ``csv`` output is a folder of blank result sheets, one CSV per session, to type the
#: filled-in paper sheets into (``werkzeugkoffer results import``)
CSV_FOLDER = "phase-{n}-ergebnisboegen"
KITS_DIR = "kits"
MANIFEST = ".kits-manifest.json"
LOCK = ".kits-build.lock"
SAFE_SLUG_RE = re.compile(r"\A[a-z0-9][a-z0-9-]{0,80}\Z")


@frozen(kw_only=True)
class KitOutcome:
    """What happened to one kit in a build."""

    key: str
    status: str  # "built", "skipped" or "failed"
    files: tuple[Path, ...] = ()
    pages: int | None = None  # all PDF pages of the kit's documents (the combined file not counted)
    seconds: float = 0.0
    error: str = ""
    fatal: bool = False  # the output cannot be written (full disk, read-only): the build stops
    document_pages: tuple[tuple[str, int], ...] = ()  # (document key, pages) of each PDF


@attrs.define
class BuildReport:
    out_dir: Path
    outcomes: list[KitOutcome] = attrs.field(factory=list)
    seconds: float = 0.0

    @property
    def built(self) -> list[KitOutcome]:
        return [o for o in self.outcomes if o.status == "built"]

    @property
    def skipped(self) -> list[KitOutcome]:
        return [o for o in self.outcomes if o.status == "skipped"]

    @property
    def failed(self) -> list[KitOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


ProgressCallback = Callable[[KitOutcome, int, int], None]


class KitBuildError(WerkzeugkofferError):
    """One or more kits could not be built (the others were)."""

    exit_code = 1


def parse_formats(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"pdf,html"`` -> ``("pdf", "html")``; unknown names are an :class:`InputError`."""
    return parse_choices(value, KIT_FORMATS, what=N_("kit format"))


def kit_paths(out_dir: Path, slug: str, phase: int) -> dict[str, Path]:
    """Output files of a kit; refuses a slug that is not a plain name inside ``out_dir``."""
    if not SAFE_SLUG_RE.match(slug):
        raise InputError(_('"{slug}" is not a safe folder name for a kit').format(slug=slug))
    folder = out_dir / slug
    if folder.resolve().parent != out_dir.resolve():
        raise InputError(_('kit folder "{slug}" would lie outside {folder}').format(
            slug=slug, folder=out_dir))
    paths = {fmt: folder / f"phase-{int(phase)}.{fmt}" for fmt in KIT_FORMATS}
    paths["csv"] = folder / CSV_FOLDER.format(n=int(phase))
    return paths


def document_path(out_dir: Path, slug: str, phase: int, key: str) -> Path:
    """The PDF of one document of a kit: ``<slug>/phase-<n>-<document>.pdf``."""
    return kit_paths(out_dir, slug, phase)["pdf"].with_name(f"phase-{int(phase)}-{key}.pdf")


def _outputs_exist(kit: Kit, out_dir: Path, paths: dict[str, Path], fmt: str) -> bool:
    if not paths[fmt].exists():
        return False
    if fmt == "pdf":
        return all(document_path(out_dir, kit.slug, kit.phase.number, doc.key).exists()
                   for doc in kit_documents(kit))
    return True


def _code_digest() -> str:
    h = hashlib.sha256()
    core = Path(__file__).resolve().parent.parent
    for folder in ("kits", "render", "results"):
        for path in sorted((core / folder).glob("*.py")):
            h.update(path.read_bytes())
    for name in ("text.py", "model.py"):
        h.update((core / name).read_bytes())
    return h.hexdigest()


def kit_digest(kit: Kit, templates: str, code: str) -> str:
    """A hash of everything a kit is made from."""
    data = {
        "version": kit.version,
        "code": code,
        "templates": templates,
        "slug": kit.slug,
        "lab": to_json(kit.lab),
        "municipality": to_json(kit.municipality),
        "phase": kit.phase.number,
        "formats": [to_json(f) for f in kit.formats],
        # the staffing plan depends on the whole lab (the team is shared): its content counts
        "rota": to_json(kit.rota) if kit.rota is not None else None,
    }
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def read_manifest(out_dir: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(read_input(out_dir / MANIFEST, MANIFEST).decode("utf-8"))
    except (InputError, ValueError, RecursionError):  # missing or broken: build everything
        return {}
    kits = data.get("kits") if isinstance(data, dict) else None
    return {k: v for k, v in kits.items() if isinstance(v, dict)} if isinstance(kits, dict) else {}


def _write_manifest(out_dir: Path, kits: dict[str, dict[str, str]]) -> None:
    data = {"about": "werkzeugkoffer kit build: input hashes per kit and file", "kits": kits}
    write_atomic(out_dir / MANIFEST, json.dumps(data, indent=1, sort_keys=True) + "\n")


def _build_one(task: dict[str, Any]) -> KitOutcome:
    """Render one kit's requested files (runs in a worker process)."""
    import jinja2

    kit: Kit = task["kit"]
    paths: dict[str, Path] = task["paths"]
    wanted: tuple[str, ...] = task["formats"]
    t0 = time.perf_counter()
    written = []
    pages = None
    document_pages: tuple[tuple[str, int], ...] = ()
    try:
        page_counts: dict[str, int] = {}
        anchors: dict[str, dict[str, int]] = {}
        if "pdf" in wanted:
            files, page_counts, anchors = _build_pdfs(kit, task)
            written.extend(files)
            document_pages = tuple(page_counts.items())
            pages = sum(page_counts.values())
        if "html" in wanted:
            write_atomic(paths["html"], render_html(kit, dirs=task["dirs"]))
            written.append(paths["html"])
        if "ics" in wanted:
            write_atomic(paths["ics"], kit_calendar(kit))
            written.append(paths["ics"])
        if "csv" in wanted:
            for ks in kit.sessions:
                write_atomic(
                    paths["csv"] / blank_csv_name(ks.session),
                    blank_csv(ks.format, ks.session, kit.municipality),
                )
            written.append(paths["csv"])
    except WerkzeugkofferError as exc:
        return KitOutcome(key=kit.key, status="failed", files=tuple(written),
                          seconds=time.perf_counter() - t0, error=str(exc),
                          fatal=isinstance(exc, OutputError))
    except Exception as exc:  # one broken kit (a plugin's template ...) must not stop the others
        if isinstance(exc, jinja2.TemplateError) or template_error_location(exc) is not None:
            error = describe_template_error(exc, task.get("owners"))
        else:
            error = f"{exc.__class__.__name__}: {exc}"
        return KitOutcome(key=kit.key, status="failed", files=tuple(written),
                          seconds=time.perf_counter() - t0, error=error)
    return KitOutcome(
        key=kit.key, status="built", files=tuple(written), pages=pages,
        seconds=time.perf_counter() - t0, document_pages=document_pages,
    )


@contextmanager
def _build_lock(out_dir: Path):
    """Hold the kits folder for one build: a second build waits; temporary files left by a
    killed build (``.<name>.*.tmp``) are removed, which is safe only while no build writes."""
    try:
        fh = open(out_dir / LOCK, "a+b")
    except OSError as exc:
        raise output_error(exc, out_dir) from None
    with fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no lock, stale files stay
            yield
            return
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            remove_stale_temp_files(out_dir)
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _build_pdfs(kit: Kit, task: dict[str, Any]
                ) -> tuple[list[Path], dict[str, int], dict[str, dict[str, int]]]:
    """Lay out each document of the kit once, write its PDF, then the combined PDF.

    The Leitfaden is laid out last, so that it can name the other documents' page counts and
    the pages of their sections.
    """
    from ..render import pdf  # imports WeasyPrint: only for PDFs

    out_dir: Path = task["out_dir"]
    docs = kit_documents(kit)
    order = [d for d in docs if d.key != "leitfaden"] + [d for d in docs if d.key == "leitfaden"]
    laid: dict[str, Any] = {}
    pages: dict[str, int] = {}
    anchors: dict[str, dict[str, int]] = {}
    for doc in order:
        html = render_document(kit, doc, dirs=task["dirs"], pages=pages, anchors=anchors)
        laid[doc.key] = document = pdf.layout(html)
        pages[doc.key] = len(document.pages)
        anchors[doc.key] = pdf.anchors(document)
    files = []
    written: dict[str, bytes] = {}
    for doc in docs:
        path = document_path(out_dir, kit.slug, kit.phase.number, doc.key)
        written[doc.key] = pdf.write(laid[doc.key])
        write_atomic(path, written[doc.key])
        files.append(path)
    for doc in KIT_DOCUMENTS:  # documents this kit no longer has (no public session ...)
        if doc not in docs:
            document_path(out_dir, kit.slug, kit.phase.number, doc.key).unlink(missing_ok=True)
    # the combined PDF is put together from the documents' PDFs, not drawn a second time
    combined = pdf.merge([written[d.key] for d in docs if d.combined], kit.title)
    write_atomic(task["paths"]["pdf"], combined)
    files.append(task["paths"]["pdf"])
    return files, {d.key: pages[d.key] for d in docs}, anchors


def _warm_worker() -> None:
    """Import the PDF engine once per worker process."""
    from ..render.pdf import preload

    preload()


def build_kits(
    workspace: Workspace,
    names: Iterable[str] = (),
    *,
    phase: int | None = None,
    formats: str | Iterable[str] | None = None,
    out: str | Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    check: bool = True,
    progress: ProgressCallback | None = None,
) -> BuildReport:
    """Build the kits of the named municipalities (all when empty) and phases.

    :param workspace: a loaded :class:`werkzeugkoffer.Workspace`.
    :param names: municipality slugs or names.
    :param phase: only this phase number.
    :param formats: any of ``pdf``, ``html``, ``ics`` (a list or a comma-separated string).
    :param out: the output folder (default: the workspace's ``kits/``).
    :param jobs: worker processes (default: all cores); 1 builds in this process.
    :param force: rebuild kits whose inputs did not change.
    :param check: refuse (:class:`werkzeugkoffer.CheckFailed`) a workspace whose check has errors.
    :param progress: called as ``progress(outcome, done, total)`` after each kit.
    :raises OutputError: the output cannot be written (full disk, no permission, read-only
        folder); the build stops, kits finished before stay (and are recorded as built).
    """
    t0 = time.perf_counter()
    wanted = parse_formats(formats)
    selected = workspace.select(list(names))
    if check:
        require_no_errors(workspace, list(selected), before="kits")
    out_dir = Path(out) if out is not None else Path(workspace.root) / KITS_DIR
    make_dir(out_dir)
    with _build_lock(out_dir):
        return _build(workspace, selected, out_dir, phase=phase, wanted=wanted, jobs=jobs,
                      force=force, progress=progress, t0=t0)


def _build(workspace: Workspace, selected: dict, out_dir: Path, *, phase: int | None,
           wanted: tuple[str, ...], jobs: int | None, force: bool,
           progress: ProgressCallback | None, t0: float) -> BuildReport:
    dirs = search_path(workspace)
    owners = template_owners(workspace)
    templates = templates_digest(dirs)
    code = _code_digest()
    manifest = read_manifest(out_dir)

    report = BuildReport(out_dir=out_dir)
    tasks = []
    for slug, m in selected.items():
        for p in sorted(m.phases, key=lambda p: p.number):
            if phase is not None and p.number != phase:
                continue
            paths = kit_paths(out_dir, slug, p.number)
            kit = make_kit(workspace, slug, p.number)
            digest = kit_digest(kit, templates, code)
            entry = manifest.get(kit.key, {})
            todo = tuple(
                f for f in wanted
                if force or entry.get(f) != digest or not _outputs_exist(kit, out_dir, paths, f)
            )
            if not todo:
                report.outcomes.append(
                    KitOutcome(key=kit.key, status="skipped", files=tuple(paths[f] for f in wanted))
                )
                continue
            tasks.append({"kit": kit, "paths": paths, "formats": todo, "dirs": dirs,
                          "digest": digest, "owners": owners, "out_dir": out_dir})
    if phase is not None and not tasks and not report.outcomes:
        raise InputError(_("no municipality selected has a phase {phase}").format(phase=phase))

    total = len(tasks) + len(report.outcomes)
    done = 0
    for outcome in report.outcomes:
        done += 1
        if progress:
            progress(outcome, done, total)

    def finished(task: dict[str, Any], outcome: KitOutcome) -> None:
        nonlocal done
        done += 1
        if outcome.fatal:  # e.g. "kits/lohra/phase-1.pdf: cannot write: no space left on device"
            raise OutputError(outcome.error)
        report.outcomes.append(outcome)
        if outcome.status == "built":
            entry = manifest.setdefault(task["kit"].key, {})
            for f in task["formats"]:
                entry[f] = task["digest"]
            _write_manifest(out_dir, manifest)
        if progress:
            progress(outcome, done, total)

    # biggest kits first, so the pool ends evenly
    tasks.sort(key=lambda t: -len(t["kit"].sessions))
    workers = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    workers = min(workers, len(tasks))
    if workers <= 1:
        for task in tasks:
            finished(task, _build_one(task))
    else:
        needs_pdf = any("pdf" in t["formats"] for t in tasks)
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_warm_worker if needs_pdf else None
        ) as pool:
            futures = {pool.submit(_build_one, task): task for task in tasks}
            try:
                for future in as_completed(futures):
                    task = futures[future]
                    try:
                        outcome = future.result()
                    except Exception as exc:  # a crash in a worker fails that kit only
                        outcome = KitOutcome(
                            key=task["kit"].key, status="failed",
                            error=f"{exc.__class__.__name__}: {exc}",
                        )
                    finished(task, outcome)
            except BaseException:  # a full disk, Ctrl-C: no new kits; running ones finish
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    report.seconds = time.perf_counter() - t0
    return report
