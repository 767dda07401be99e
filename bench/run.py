"""Throughput benchmark: the pipeline beside Tesseract alone and beside OCRmyPDF, in one run.

    bash bench/run.sh                      # set up, build the set, run everything, print the table
    .venv/bin/python bench/run.py --pages 10,100,1000 --seed 7 --out bench/results.json

The set is made by the sample generator (sample_docs/generate.py) with its own seed into a
work folder (sample_docs/ is never touched): scanned PDFs, TIFFs and phone photos of
claims in 13 languages, and born-digital PDFs. Each baseline runs right next to the
pipeline on the same files, so the ratios hold on a busy machine even where the absolute
figures do not (the load average is recorded with each run).

- tesseract alone: the raw page rasters the pipeline reads (PDF pages at 300 dpi, TIFF
  frames, photos), with the pipeline's first-pass model, one `tesseract` process per core,
  each reading its share of the pages from a list file (the model loaded once per process).
- ocrmypdf: each scanned file as it is, `--deskew --rotate-pages --jobs N`, N files at a time.
- the pipeline: `claim-intake process` end to end, as a user runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DOCS = ROOT / "sample_docs"
RECEIVED = "2026-11-20"
SCAN_RENDERS = {"scan_pdf", "tiff", "photo"}


# ------------------------------------------------------------------ the fixed set
@dataclass
class Doc:
    claim: str
    name: str
    render: str  # scan_pdf, tiff, photo, born_digital
    language: str
    pages: int
    path: Path


@dataclass
class BenchSet:
    root: Path
    seed: int
    docs: list[Doc] = field(default_factory=list)

    @property
    def scans(self) -> list[Doc]:
        return [d for d in self.docs if d.render in SCAN_RENDERS]

    @property
    def digital(self) -> list[Doc]:
        return [d for d in self.docs if d.render == "born_digital"]


def _generator_key(seed: int) -> str:
    digest = hashlib.sha256(str(seed).encode())
    for name in ("generate.py", "gen_render.py", "gen_lang.py"):
        digest.update((SAMPLE_DOCS / name).read_bytes())
    return digest.hexdigest()[:12]


def build_set(work: Path, seed: int, claims: int | None = None) -> BenchSet:
    """Generate the claims with `seed` into work/set (once per seed and generator version)."""
    target = work / f"set-{seed}-{_generator_key(seed)}" / (f"first{claims}" if claims else "all")
    manifest = target / "manifest.json"
    if not manifest.exists():
        spec = importlib.util.spec_from_file_location("claim_intake_bench_generate", SAMPLE_DOCS / "generate.py")
        gen = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(gen)  # module-level code only defines the specs
        gen.SEED = seed
        tmp = target.with_name(target.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        rows = []
        started = time.perf_counter()
        specs = gen.CLAIMS[:claims] if claims else gen.CLAIMS
        for n, (lang, specialty, ci, opts, docs, intended) in enumerate(specs, start=1):
            claim = gen.Claim(n, lang, specialty, ci, opts, docs, intended)
            claim.build()
            folder = tmp / "all" / claim.id
            folder.mkdir(parents=True)
            for name, data, exp in claim.files:
                if exp["render"] == "bad":
                    continue  # broken files measure nothing here
                (folder / name).write_bytes(data)
                rows.append(dict(claim=claim.id, name=name, render=exp["render"], language=exp["language"],
                                 pages=exp["pages"]))
            print(f"\r  generating claims: {n}/{len(specs)}", end="", file=sys.stderr, flush=True)
        print(f"  ({time.perf_counter() - started:.0f}s)", file=sys.stderr)
        (tmp / "all" / "manifest.json").write_text(json.dumps(rows, indent=1))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        (tmp / "all").rename(target)
        shutil.rmtree(tmp, ignore_errors=True)
    rows = json.loads(manifest.read_text())
    return BenchSet(target, seed, [Doc(r["claim"], r["name"], r["render"], r["language"], r["pages"],
                                       target / r["claim"] / r["name"]) for r in rows])


def make_inbox(folder: Path, docs: list[Doc], max_pages: int | None = None) -> int:
    """An inbox of the docs (claim folders as generated); with max_pages, the docs are
    cycled until that many pages, each repeat with fresh bytes so no read is cached.
    Returns the page count."""
    shutil.rmtree(folder, ignore_errors=True)
    pages, copy = 0, 0
    while True:
        for doc in docs:
            if max_pages is not None and pages >= max_pages:
                return pages
            claim = folder / (doc.claim if copy == 0 else f"{doc.claim}_r{copy}")
            claim.mkdir(parents=True, exist_ok=True)
            data = doc.path.read_bytes()
            if copy:
                # Bytes after the end of a PDF (%%EOF), JPEG (EOI), PNG (IEND) or TIFF (IFDs
                # point backwards) are ignored by every reader: same pages, new content hash.
                data += b"\n%% bench repeat " + str(copy).encode() + b"\n"
            (claim / doc.name).write_bytes(data)
            pages += doc.pages
        if max_pages is None:
            return pages
        copy += 1


def extract_images(bench: BenchSet, folder: Path) -> list[Path]:
    """The page images the pipeline reads from each scanned file (before its clean-up)."""
    import cv2

    from extractors.readers import iter_pages

    done = folder / "done.json"
    if done.exists():
        return [folder / p for p in json.loads(done.read_text())]
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i, doc in enumerate(bench.scans):
        for raw in iter_pages(doc.path):
            if raw.image is None:
                continue
            name = f"{i:04d}-{raw.number}.png"
            cv2.imwrite(str(folder / name), raw.image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
            names.append(name)
    done.write_text(json.dumps(names))
    return [folder / n for n in names]


# ------------------------------------------------------------------ measuring
@dataclass
class Run:
    name: str
    what: str
    pages: int
    seconds: float
    peak_rss_mb: float
    load_before: float
    load_after: float
    ok: bool = True
    note: str = ""
    cpu_seconds: float = 0.0  # of the whole process tree: a figure the machine's other load barely moves
    extra: dict = field(default_factory=dict)

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    @property
    def pages_per_cpu_s(self) -> float:
        return self.pages / self.cpu_seconds if self.cpu_seconds > 0 else 0.0

    def as_dict(self) -> dict:
        return dict(name=self.name, what=self.what, pages=self.pages, seconds=round(self.seconds, 3),
                    pages_per_s=round(self.pages_per_s, 3), cpu_seconds=round(self.cpu_seconds, 2),
                    pages_per_cpu_s=round(self.pages_per_cpu_s, 3), peak_rss_mb=round(self.peak_rss_mb, 1),
                    load_before=round(self.load_before, 2), load_after=round(self.load_after, 2),
                    ok=self.ok, note=self.note, **{k: v for k, v in self.extra.items() if k != "launched"})


class TreeMemory:
    """Peak resident memory of a set of processes and all their children (sampled)."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.pids: list[int] = []
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in list(self.pids):
                try:
                    proc = psutil.Process(pid)
                    procs = [proc, *proc.children(recursive=True)]
                except psutil.Error:
                    continue
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)


def _load() -> float:
    return os.getloadavg()[0]


def _children_cpu() -> float:
    """User + system CPU seconds of every finished descendant (each waited for by its parent)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_processes(name: str, what: str, pages: int, commands: list[list[str]], env: dict[str, str],
                  parallel: int) -> Run:
    """Run commands, `parallel` at a time; wall time and peak memory of the whole tree."""
    load_before = _load()
    failures = 0
    cpu_before = _children_cpu()
    launched = time.time()
    start = time.perf_counter()
    with TreeMemory() as mem:
        pending = list(commands)
        running: list[tuple[subprocess.Popen, object]] = []
        while pending or running:
            while pending and len(running) < parallel:
                err = tempfile.TemporaryFile()  # a file, not a pipe: a chatty tool never blocks on it
                proc = subprocess.Popen(pending.pop(0), env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=err)
                mem.pids.append(proc.pid)
                running.append((proc, err))
            for proc, err in list(running):
                if proc.poll() is not None:
                    running.remove((proc, err))
                    mem.pids.remove(proc.pid)
                    if proc.returncode not in (0, 3):  # 3: claim-intake read the batch, some file unreadable
                        failures += 1
                        err.seek(0)
                        tail = err.read().decode(errors="replace")[-600:]
                        print(f"  {name}: a command failed ({proc.returncode}): {tail}", file=sys.stderr)
                    err.close()
            time.sleep(0.02)
    seconds = time.perf_counter() - start
    return Run(name, what, pages, seconds, mem.peak / 2**20, load_before, _load(), ok=failures == 0,
               note=f"{failures} of {len(commands)} commands failed" if failures else "",
               cpu_seconds=_children_cpu() - cpu_before, extra={"launched": launched})


def tool_env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def tesseract_alone(images: list[Path], work: Path, workers: int, model: str) -> Run:
    shares = [images[i::workers] for i in range(workers)]
    commands = []
    out = work / "tesseract-out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for i, share in enumerate(shares):
        if not share:
            continue
        listing = out / f"list{i}.txt"
        listing.write_text("".join(f"{p}\n" for p in share))
        commands.append(["tesseract", str(listing), str(out / f"part{i}"), "-l", model, "--oem", "1",
                         "--psm", "3", "--dpi", "300", "tsv"])
    run = run_processes("tesseract alone", f"`tesseract` CLI, model {model}, {workers} processes "
                        f"(OMP_THREAD_LIMIT=1), TSV out", len(images), commands, tool_env(), workers)
    words = 0
    for part in out.glob("part*.tsv"):
        words += sum(1 for line in part.read_text(errors="replace").splitlines()[1:]
                     if line.count("\t") >= 11 and line.split("\t")[11].strip())
    run.extra["words"] = words
    return run


def _ocrmypdf_input_args(doc: Doc) -> list[str]:
    if doc.render == "scan_pdf":
        return []
    from PIL import Image

    with Image.open(doc.path) as img:
        dpi = img.info.get("dpi")
    return [] if dpi and dpi[0] > 1 else ["--image-dpi", "300"]  # phone photos carry no DPI


def ocrmypdf_run(docs: list[Doc], work: Path, workers: int) -> Run:
    exe = shutil.which("ocrmypdf", path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    out = work / "ocrmypdf-out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    commands = []
    for i, doc in enumerate(docs):
        lang = "Greek+eng" if doc.language == "el" else "Latin"
        commands.append([exe or "ocrmypdf", "-q", "--deskew", "--rotate-pages", "--jobs", str(workers),
                         "-l", lang, *_ocrmypdf_input_args(doc), str(doc.path), str(out / f"{i:04d}.pdf")])
    pages = sum(d.pages for d in docs)
    return run_processes("ocrmypdf", f"ocrmypdf --deskew --rotate-pages --jobs {workers}, -l Latin "
                         f"(Greek+eng for Greek), {workers} files at a time", pages, commands, tool_env(),
                         workers)


def pipeline_command(inbox: Path, out: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "claim_intake.cli", "process", str(inbox), "--out", str(out),
            "--workers", str(workers), "--received", RECEIVED]


def pipeline_env(prefect_home: Path) -> dict[str, str]:
    env = tool_env()
    env["PREFECT_HOME"] = str(prefect_home)
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    return env


def _ocr_pages(out: Path) -> tuple[int, int]:
    """(documents read, documents read by OCR) from the claim records."""
    docs = ocr = 0
    for record in out.glob("*.json"):
        if record.name == "triage.json":
            continue
        for d in json.loads(record.read_text()).get("documents", []):
            docs += 1
            ocr += d.get("text_source") in ("ocr", "mixed")
    return docs, ocr


def _out_folder(work: Path, name: str) -> Path:
    return work / f"out-{name.replace(' ', '-')}"


def pipeline_run(name: str, inbox: Path, pages: int, work: Path, workers: int, prefect_home: Path,
                 rerun_of: str | None = None, keep: bool = False) -> Run:
    """`claim-intake process` on the inbox into a fresh output folder; with `rerun_of`, into
    that run's folder as it was left (`keep`), so every read comes from its cache."""
    out = _out_folder(work, rerun_of or name)
    if rerun_of is None:
        shutil.rmtree(out, ignore_errors=True)
    what = (f"claim-intake process --workers {workers} again into the output of '{rerun_of}': every read "
            f"from its cache (tasks, interpretation, checks, write)" if rerun_of else
            f"claim-intake process --workers {workers} (read, preprocess, OCR, extract, check, write)")
    trace = work / f"trace-{name.replace(' ', '-')}.txt"
    trace.unlink(missing_ok=True)
    env = pipeline_env(prefect_home)
    env["CLAIM_INTAKE_TRACE"] = str(trace)
    run = run_processes(name, what, pages, [pipeline_command(inbox, out, workers)], env, 1)
    docs, ocr = _ocr_pages(out)
    events = [line.split() for line in trace.read_text().splitlines()] if trace.exists() else []
    starts = [float(t) for t, event, _ in events if event == "read-start"]
    dones = [float(t) for t, event, _ in events if event == "read-done"]
    launched = run.extra.pop("launched")
    run.extra.update(documents=docs, documents_ocr=ocr, reads=len(starts),
                     first_read_s=round(min(starts) - launched, 3) if starts else None,
                     reading_s=round(max(dones) - min(starts), 3) if starts and dones else None)
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return run


def startup_run(work: Path, prefect_home: Path, workers: int) -> Run:
    """`claim-intake process` on an inbox of one empty claim: everything but reading pages."""
    inbox = work / "inbox-empty"
    (inbox / "c000_empty").mkdir(parents=True, exist_ok=True)
    out = work / "out-empty"
    shutil.rmtree(out, ignore_errors=True)
    run = run_processes("empty batch", "claim-intake process on one empty claim: launch, Prefect local "
                        "mode up and down, exit", 0, [pipeline_command(inbox, out, workers)],
                        pipeline_env(prefect_home), 1)
    run.extra.pop("launched")
    shutil.rmtree(out, ignore_errors=True)
    return run


def import_time() -> float:
    """Seconds to import the CLI and the flow module (Prefect included), in a fresh interpreter."""
    code = ("import time; t = time.perf_counter(); import claim_intake.cli, flows.mailroom; "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], env=tool_env(), capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


# ------------------------------------------------------------------ report
def _ratio(a: Run, b: Run) -> float:
    return a.pages_per_s / b.pages_per_s if b.pages_per_s else 0.0


def _cpu_ratio(a: Run, b: Run) -> float:
    """The same ratio from CPU time: what the machine's other load moves least."""
    return a.pages_per_cpu_s / b.pages_per_cpu_s if b.pages_per_cpu_s else 0.0


def cpu_split(runs: dict[str, Run]) -> dict | None:
    """The scans' CPU in two: everything but reading (the batch run again with every read
    cached: Prefect, tasks, checks, records) and reading (the rest), beside Tesseract alone."""
    p, a, cached = (runs.get(k) for k in ("pipeline scans", "tesseract alone", "pipeline scans, reads cached"))
    if p is None or a is None or cached is None or not a.cpu_seconds:
        return None
    reading = p.cpu_seconds - cached.cpu_seconds
    # the ceiling: the best ratio there is while everything beside reading costs what it
    # does, with the pipeline's reading at exactly Tesseract alone's CPU
    ceiling = a.cpu_seconds / (a.cpu_seconds + cached.cpu_seconds)
    return dict(everything_but_reading_s=round(cached.cpu_seconds, 2), reading_s=round(reading, 2),
                reading_over_tesseract=round(reading / a.cpu_seconds, 3), ceiling_cpu_ratio=round(ceiling, 3))


def report(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    m = results["machine"]
    s = results["set"]
    console.print(f"[bold]claim-intake throughput[/] {results['date']}  {m['cpus']} cores, load avg "
                  f"{m['load_start']:.2f} -> {m['load_end']:.2f}, {m['tesseract']}, Python {m['python']}")
    console.print(f"set: seed {s['seed']}, {s['documents']} documents, {s['pages']} pages "
                  f"({s['scan_pages']} scanned/photographed in {s['scan_documents']} files, "
                  f"{s['digital_pages']} born-digital); languages: {', '.join(s['languages'])}")
    table = Table(title="Side by side (same machine, one run)")
    for col in ("run", "pages", "wall s", "pages/s", "CPU s", "peak RSS MB", "load"):
        table.add_column(col, justify="right" if col != "run" else "left")
    for r in results["runs"]:
        table.add_row(r["name"], str(r["pages"]), f"{r['seconds']:.1f}", f"{r['pages_per_s']:.2f}",
                      f"{r['cpu_seconds']:.0f}", f"{r['peak_rss_mb']:.0f}", f"{r['load_before']:.1f}")
    console.print(table)
    for r in results["runs"]:
        console.print(f"  [bold]{r['name']}[/]: {r['what']}" + (f" [red]{r['note']}[/]" if r["note"] else ""))
    console.print("  CPU s: user + system of the whole process tree; load: 1-minute load average at the start")
    targets = Table(title="Targets")
    for col in ("figure", "measured", "target", "met"):
        targets.add_column(col)
    for t in results["targets"]:
        targets.add_row(t["figure"], t["measured"], t["target"], "[green]yes" if t["met"] else "[red]no")
    console.print(targets)
    if results["growth"]:
        growth = Table(title="Growth: the pipeline on 10 to 1,000 pages of the mixed set (repeats with fresh bytes)")
        for col in ("pages", "wall s", "pages/s", "s per page", "peak RSS MB", "load"):
            growth.add_column(col, justify="right")
        for g in results["growth"]:
            growth.add_row(str(g["pages"]), f"{g['seconds']:.1f}", f"{g['pages_per_s']:.2f}",
                           f"{g['seconds'] / g['pages']:.3f}", f"{g['peak_rss_mb']:.0f}", f"{g['load_before']:.1f}")
        console.print(growth)


def targets(runs: dict[str, Run], startup: Run, imports: float, growth: list[Run]) -> list[dict]:
    none = Run("-", "not run", 0, 0.0, 0.0, 0.0, 0.0)
    p, a, b, d = (runs.get(k, none) for k in ("pipeline scans", "tesseract alone", "ocrmypdf", "pipeline born-digital"))
    first_read = max(p.extra.get("first_read_s") or 0.0, d.extra.get("first_read_s") or 0.0)
    digital_reading = d.pages / d.extra["reading_s"] if d.extra.get("reading_s") else 0.0
    peak = max([r.peak_rss_mb for r in runs.values() if r.name.startswith("pipeline")] +
               [g.peak_rss_mb for g in growth])
    rows = [
        ("pipeline / tesseract alone (scans), pages/s", f"{_ratio(p, a):.2f}x (per CPU-second: "
         f"{_cpu_ratio(p, a):.2f}x)", ">= 0.85x", _ratio(p, a) >= 0.85),
        ("pipeline / ocrmypdf (scans), pages/s", f"{_ratio(p, b):.2f}x (per CPU-second: {_cpu_ratio(p, b):.2f}x)",
         ">= 1.5x", _ratio(p, b) >= 1.5),
        ("born-digital pages/s, end to end", f"{d.pages_per_s:.1f}", "", True),
        ("born-digital pages/s, reading (first read start to last read done)",
         f"{digital_reading:.1f} (OCR on {d.extra.get('documents_ocr')} of {d.extra.get('documents')} documents)",
         ">= 20, no OCR", digital_reading >= 20 and d.extra.get("documents_ocr") == 0),
        ("peak memory of the pipeline, any batch", f"{peak:.0f} MB", "< 1536 MB", peak < 1536),
        ("CLI start-up: launch to the first page read", f"{first_read:.2f} s (imports {imports:.2f} s; an empty "
         f"batch, Prefect up and down: {startup.seconds:.1f} s)", "< 3 s", first_read < 3.0),
    ]
    split = cpu_split(runs)
    if split is not None:
        rows.append(("the scans' CPU: everything but reading (the batch again, every read cached) | reading",
                     f"{split['everything_but_reading_s']:.0f} s | {split['reading_s']:.0f} s = "
                     f"{split['reading_over_tesseract']:.2f}x tesseract alone's; were reading exactly 1.00x, "
                     f"the ratio would be {split['ceiling_cpu_ratio']:.2f}x (per CPU-second)", "", True))
    if len(growth) >= 3:
        # marginal seconds per page between batch sizes: flat when time grows linearly
        marg = [(b.seconds - a.seconds) / (b.pages - a.pages) for a, b in zip(growth, growth[1:])]
        rows.append((f"marginal s per page, {' -> '.join(str(g.pages) for g in growth)} pages",
                     " -> ".join(f"{m:.3f}" for m in marg), "linear: not growing", marg[-1] <= marg[0] * 1.25))
    return [dict(figure=f, measured=m, target=t, met=bool(ok)) for f, m, t, ok in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20261201, help="generator seed of the fixed set")
    ap.add_argument("--claims", type=int, default=None, help="only the first N claim specs (a smaller set)")
    ap.add_argument("--pages", default="10,100,1000", help="growth table batch sizes ('' for none)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "claim-intake-bench")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    ap.add_argument("--runs", default="tesseract,pipeline,ocrmypdf,digital",
                    help="which side-by-side runs (for profiling one alone; the table needs all four)")
    args = ap.parse_args(argv)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    sys.path.insert(0, str(ROOT))

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    print("building the set ...", file=sys.stderr)
    bench = build_set(work, args.seed, args.claims)
    images = extract_images(bench, bench.root.parent / f"images-{bench.root.name}")
    scan_inbox, digital_inbox = work / "inbox-scans", work / "inbox-digital"
    scan_pages = make_inbox(scan_inbox, bench.scans)
    digital_pages = make_inbox(digital_inbox, bench.digital)
    prefect_home = work / "prefect-home"
    prefect_home.mkdir(exist_ok=True)

    from extractors.ocr import DEFAULT_OCR
    from extractors.tools import tesseract_languages  # noqa: F401  (fails early if tesseract is missing)

    load_start = _load()
    print("start-up ...", file=sys.stderr)
    if not (prefect_home / "prefect.db").exists():
        startup_run(work, prefect_home, args.workers)  # the first run creates Prefect's database: not counted
    startup = startup_run(work, prefect_home, args.workers)
    imports = import_time()
    runs: dict[str, Run] = {}
    chosen = set(args.runs.split(","))
    # Each baseline right next to the pipeline: tesseract, pipeline, ocrmypdf.
    if "tesseract" in chosen:
        print("tesseract alone ...", file=sys.stderr)
        runs["tesseract alone"] = tesseract_alone(images, work, args.workers, DEFAULT_OCR.first_pass)
    if "pipeline" in chosen:
        print("pipeline on the scans ...", file=sys.stderr)
        runs["pipeline scans"] = pipeline_run("pipeline scans", scan_inbox, scan_pages, work, args.workers,
                                              prefect_home, keep=True)
        print("pipeline on the scans again, every read cached ...", file=sys.stderr)
        runs["pipeline scans, reads cached"] = pipeline_run("pipeline scans, reads cached", scan_inbox, scan_pages,
                                                            work, args.workers, prefect_home, rerun_of="pipeline scans")
    if "ocrmypdf" in chosen:
        print("ocrmypdf ...", file=sys.stderr)
        runs["ocrmypdf"] = ocrmypdf_run(bench.scans, work, args.workers)
    if "digital" in chosen:
        print("pipeline on the born-digital PDFs ...", file=sys.stderr)
        runs["pipeline born-digital"] = pipeline_run("pipeline born-digital", digital_inbox, digital_pages, work,
                                                     args.workers, prefect_home)
    growth: list[Run] = []
    mixed = sorted(bench.docs, key=lambda d: (d.claim, d.name))
    for n in [int(x) for x in args.pages.split(",") if x.strip()]:
        print(f"growth: {n} pages ...", file=sys.stderr)
        inbox = work / f"inbox-growth-{n}"
        pages = make_inbox(inbox, mixed, n)
        growth.append(pipeline_run(f"pipeline {pages} pages", inbox, pages, work, args.workers, prefect_home))
        shutil.rmtree(inbox, ignore_errors=True)

    import pytesseract

    results = dict(
        date=dt.datetime.now().isoformat(timespec="seconds"),
        machine=dict(cpus=os.cpu_count(), load_start=round(load_start, 2), load_end=round(_load(), 2),
                     tesseract=f"tesseract {pytesseract.get_tesseract_version()}", python=platform.python_version(),
                     memory_gb=round(psutil.virtual_memory().total / 2**30, 1)),
        set=dict(seed=args.seed, documents=len(bench.docs), pages=sum(d.pages for d in bench.docs),
                 scan_documents=len(bench.scans), scan_pages=scan_pages, digital_pages=digital_pages,
                 scan_images=len(images), languages=sorted({d.language for d in bench.docs}),
                 by_render={r: sum(d.pages for d in bench.docs if d.render == r)
                            for r in sorted({d.render for d in bench.docs})}),
        runs=[r.as_dict() for r in [startup, *runs.values()]],
        import_seconds=round(imports, 3),
        ratios={k: round(_ratio(runs[p], runs[b]), 3) for k, p, b in (
            ("pipeline_over_tesseract", "pipeline scans", "tesseract alone"),
            ("pipeline_over_ocrmypdf", "pipeline scans", "ocrmypdf")) if p in runs and b in runs},
        cpu_ratios={k: round(_cpu_ratio(runs[p], runs[b]), 3) for k, p, b in (
            ("pipeline_over_tesseract", "pipeline scans", "tesseract alone"),
            ("pipeline_over_ocrmypdf", "pipeline scans", "ocrmypdf")) if p in runs and b in runs},
        cpu_split=cpu_split(runs),
        growth=[g.as_dict() for g in growth],
        targets=targets(runs, startup, imports, growth),
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    report(results)
    print(f"results: {args.out}", file=sys.stderr)
    return 0 if all(r["ok"] for r in results["runs"]) else 1


if __name__ == "__main__":
    sys.exit(main())
