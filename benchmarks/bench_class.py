"""Benchmark `examgrade grade` on synthetic classes, and the start-up of `check`/`--help`.

Prints sheets per second, measured as the wall time of the whole command a teaching
assistant runs (start-up, grading, writing every file, plots when matplotlib is there),
for N = 100, 1,000 and 10,000 sheets with 1 and 2 workers:

- a realistic class (answers repeat the way a real class's do, see `synth_class.py`),
  first run (nothing cached: every sheet graded) and second run (unchanged: cache);
- a class where every answer is distinct (first run only; up to `--distinct-max`
  sheets, 1,000 by default, as it is the slowest);

then the wall time of one `examgrade check`, `examgrade --help` and `examgrade equiv`,
each the median of several runs, and every figure against the issue's target on a 2-core
machine. Beside each figure it prints the CPU time (user and system, of the command and
every process it waited for: other work on the machine stretches wall times, not these)
and floors measured in the same run: Python's start-up (`python -c pass`), importing the
dependencies (yaml, numpy, rich, typer, lark) and libyaml's C loader reading the same
sheets in one process; the ratio to the floor is the figure to quote.

Beside the CPU it prints the peak memory of the command and its children together (their
summed PSS, sampled every 50 ms from /proc), the floor's too.

Nothing may change a grade: `--save-reference DIR` saves a digest of every file the first
run of each class writes, and again after the cached run (the SQLite cache aside, and the
run time summary.md states), and the free-text scores of the
labelled sets (tests/data/free_text_*.yaml); `--check-reference DIR` compares them and
exits 1 on any difference (run both with the same sizes).

It runs a snapshot of examgrade and its rubrics copied at the start, so edits made in
the checkout meanwhile neither change the figures nor empty the cache between runs.

    python benchmarks/bench_class.py            # N = 100, 1000, 10000
    python benchmarks/bench_class.py --quick    # N = 100, 1000
    python benchmarks/bench_class.py --sizes 1000 --workers 2 --save-reference /tmp/ref
    python benchmarks/bench_class.py --sizes 1000 --workers 2 --check-reference /tmp/ref
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_class import ROOT, write_class

TARGET_REALISTIC = 1000.0  # sheets/s, realistic class, 2 cores, first run
TARGET_CACHED = 4000.0  # sheets/s, the same class again (2,000 in 0.5 s)
TARGET_DISTINCT = 200.0  # sheets/s, every answer distinct
TARGET_CHECK = 0.30  # s, one `examgrade check`
TARGET_HELP = 0.12  # s, `examgrade --help`
TARGET_EQUIV = 0.30  # s, one `examgrade equiv`
TARGET_KERNEL = 0.3  # ms of system time per sheet
TARGET_MEMORY = 600 * 2**20  # bytes, a class of 10,000: every process together
COMMAND = [sys.executable, "-m", "examgrade"]
# An installed examgrade has its bytecode: a PYTHONDONTWRITEBYTECODE left in the shell
# would compile every module at every start and double the start-up figures.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"COLUMNS": "200"}
DEPENDENCIES = "import yaml, numpy, rich, typer, lark"
LIBYAML = (
    "import pathlib, sys, yaml\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
)
# Creating the two files a student gets (4 KB each) in a fresh folder, placed as the
# snapshot's batch places its workers' folders (`examgrade.classroom.inodes`, when the
# snapshot has it: a folder inside a folder flagged as a top directory): on ext4 without
# a journal a new inode passes over every inode of its group freed in the last minutes,
# so a floor made in another group than the run's files measured another cost (0.04 and
# 1.5 ms a sheet in two groups of /tmp in the same minute, issue 17, i17k2). Each file is
# one open, write and close, as a worker stages it, and the child times only that loop
# (its own start-up was 0.01 to 0.04 s of system time: 0.1 to 0.4 ms a sheet of a class
# of 100, not a floor of the files).
PLACED = (
    "import os, sys\n"
    "try:\n"
    "    from examgrade.classroom.inodes import place_apart\n"
    "except ImportError:  # a snapshot of before: its workers' folders are not placed\n"
    "    def place_apart(folder):\n"
    "        return False\n"
    "def placed_folder(path):\n"
    "    os.makedirs(path)\n"
    "    placed = place_apart(path)\n"
    "    folder = f'{path}/w{os.getpid()}'  # named as a worker's: ext4 hashes the name\n"
    "    os.mkdir(folder)\n"
    "    return folder, placed\n"
)
FILES = PLACED + (
    "import resource\n"
    "out, placed = placed_folder(sys.argv[1])\n"
    "flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC\n"
    "before = resource.getrusage(resource.RUSAGE_SELF)\n"
    "for i in range(int(sys.argv[2])):\n"
    "    for name in (f'{out}/{i}.json', f'{out}/{i}.md'):\n"
    "        fd = os.open(name, flags, 0o666)\n"
    "        os.write(fd, bytes(4096))\n"
    "        os.close(fd)\n"
    "after = resource.getrusage(resource.RUSAGE_SELF)\n"
    "print(after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime, placed)\n"
)
# The same floor taken again right after a first run, with that run's own files (each
# student's JSON and page, their sizes and bytes) written anew beside it: the cost of an
# inode changes from one minute to the next on the shared machine (the floor above read
# 0.08 and 0.52 ms a sheet in two runs of one evening), so the run's kernel time is
# compared with a floor of the same minute and the same bytes.
FILES_AGAIN = PLACED + (
    "import pathlib, resource\n"
    "out = pathlib.Path(sys.argv[1])\n"
    "files = [(p.name, p.read_bytes()) for p in sorted(out.glob('*.json'))]\n"
    "pages = [(p.name, p.read_bytes()) for p in sorted((out / 'feedback').glob('*.md'))]\n"
    "again, placed = placed_folder(sys.argv[2])\n"
    "flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC\n"
    "before = resource.getrusage(resource.RUSAGE_SELF)\n"
    "for name, data in files + pages:\n"
    "    fd = os.open(f'{again}/{name}', flags, 0o666)\n"
    "    os.write(fd, data)\n"
    "    os.close(fd)\n"
    "after = resource.getrusage(resource.RUSAGE_SELF)\n"
    "print(after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime, placed,"
    " len(files) + len(pages))\n"
)
# The free-text scores of the labelled sets, from the snapshot's code and rubrics.
LABELLED = """
import json, sys
from pathlib import Path
import examgrade.checks.concepts, examgrade.rubric, examgrade.text.grade, examgrade.yamlsafe
sys.path.insert(0, sys.argv[1])
import text_agreement
text_agreement.ROOT = Path(examgrade.__file__).parent
found = {}
for path in sorted(text_agreement.DATA.glob("free_text_*.yaml")):
    if path.name == "free_text_frozen.yaml":  # only the lead measures the frozen set
        continue
    rows = text_agreement.grade_all(path)
    found[path.name] = [[r["part"], r["id"], r["machine"], r["review"]] for r in rows]
print(json.dumps(found, sort_keys=True))
"""
CWD: list[Path] = []  # `python -m` puts the working folder first on sys.path
_CACHED = re.compile(r"(\d+) unchanged \(cached\)")


def snapshot(work: Path) -> None:
    """Run a copy of examgrade (rubrics included) taken now: on PYTHONPATH it comes
    before the editable install."""
    target = work / "snapshot" / "examgrade"
    shutil.copytree(ROOT / "examgrade", target, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rubrics", target / "rubrics", ignore=shutil.ignore_patterns("__p*"))
    ENV["PYTHONPATH"] = str(target.parent)
    CWD.append(target.parent)


class Timed:
    """One command's wall time, the CPU time of it and every process it waited for
    (user, system), what it printed, and the peak of the memory of it and its children
    together (summed PSS, sampled; 0 where /proc has no smaps_rollup)."""

    def __init__(self, wall: float, user: float, system: float, stdout: str, peak: int = 0) -> None:
        self.wall, self.user, self.system, self.stdout = wall, user, system, stdout
        self.peak = peak

    @property
    def cpu(self) -> float:
        return self.user + self.system

    def __str__(self) -> str:
        memory = f", peak {self.peak / 2**20:5.0f} MB" if self.peak else ""
        return (
            f"{self.wall:6.3f} s wall, CPU {self.user:6.3f} user + {self.system:6.3f} sys{memory}"
        )


def _children(pid: int) -> list[int]:
    """`pid` and every process below it (from /proc: each process's parent)."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += parents.get(current, [])
    return found


def _pss(pids: list[int]) -> int:
    """The summed proportional set size of these processes, in bytes."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


class Sampler(threading.Thread):
    """The peak summed PSS of a process and its children, sampled every 50 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        if not os.path.exists("/proc/self/smaps_rollup"):
            return
        while not self.done.wait(0.05):
            self.peak = max(self.peak, _pss(_children(self.pid)))


def timed(command: list[str]) -> Timed:
    """Run a command, start-up included; exit when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    where = CWD[0] if CWD else None
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, cwd=where
    )
    sampler = Sampler(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {process.returncode}:\n{stderr[-2000:]}")
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    return Timed(seconds, user, system, stdout, sampler.peak)


def run(args: list[str]) -> Timed:
    """One examgrade command."""
    return timed([*COMMAND, *args])


def median(command: list[str], runs: int) -> Timed:
    """The run of median CPU time among `runs` (after one that warms the file cache)."""
    timed(command)
    found = sorted((timed(command) for _ in range(runs)), key=lambda t: t.cpu)
    return found[len(found) // 2]


def ratio(value: float, target: float, higher_is_better: bool) -> str:
    """`target ≥ 500/s: missed, 0.42× the target` or `target ≤ 0.5 s: met, 0.60× it`."""
    if higher_is_better:
        met = "met" if value >= target else "missed"
        return f"target ≥ {target:g}/s: {met}, {value / target:.2f}× the target"
    met = "met" if value <= target else "missed"
    return f"target ≤ {target:g} s: {met}, {value / target:.2f}× the target"


def file_floor(done: Timed) -> Timed:
    """A file floor with the CPU time its child measured around the files alone."""
    user, system = (float(x) for x in done.stdout.split()[:2])
    return Timed(done.wall, user, system, done.stdout, done.peak)


def _placed(floor: Timed) -> str:
    """How a file floor's folder was placed (the third word its child printed)."""
    words = floor.stdout.split()
    placed = len(words) > 2 and words[2] == "True"
    return "placed as the run's staged files" if placed else "folder not placed apart"


def row(
    kind: str,
    n: int,
    workers: int,
    label: str,
    done: Timed,
    target: float,
    floor: Timed,
    files: Timed,
) -> None:
    rate = n / done.wall
    found = _CACHED.search(done.stdout)
    cached = f"{found.group(1) if found else '?':>5} cached"
    kernel, kernel_floor = 1000 * done.system / n, 1000 * files.system / n
    memory = ""
    if done.peak and floor.peak:
        met = "met" if done.peak <= TARGET_MEMORY else "missed"
        met = met if n >= 10_000 else f"N={n}, not the target's size"
        memory = (
            f"\n  {'':<9} {'':<8}{'':<10}  {'':<21} {'':<12}  peak memory"
            f" {done.peak / 2**20:.0f} MB, {done.peak / floor.peak:.1f}× the libyaml floor's"
            f" (target ≤ {TARGET_MEMORY / 2**20:.0f} MB for 10,000: {met})"
        )
    print(
        f"  {kind:<9} N={n:<6} workers={workers}  {label:<21} {cached}  {done}"
        f"  {rate:6.0f} sheets/s ({ratio(rate, target, True)})\n"
        f"  {'':<9} {'':<8}{'':<10}  {'':<21} {'':<12}  CPU {done.cpu / floor.cpu:5.1f}× the"
        f" libyaml floor, kernel {kernel:.2f} ms/sheet (target ≤ {TARGET_KERNEL:g}),"
        f" {kernel / kernel_floor if kernel_floor else float('nan'):.1f}× the file floor's"
        f"{memory}",
        flush=True,
    )


# summary.md says how long the run took (`...; 0 unchanged (cached); 22.1 s.`)
_DURATION = re.compile(rb"; \d+(?:[.,]\d+)? s\.")


def digests(out: Path) -> dict[str, str]:
    """A digest of every file a run wrote, by relative path (the SQLite cache aside: it
    records when and where; summary.md's run time aside)."""
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file() and not path.name.startswith("examgrade.sqlite"):
            data = path.read_bytes()
            if path.name == "summary.md":
                data = _DURATION.sub(b"; <duration> s.", data, count=1)
            found[str(path.relative_to(out))] = hashlib.sha256(data).hexdigest()
    return found


def bench_classes(
    sizes: list[int], workers: list[int], work: Path, distinct_max: int
) -> dict[str, dict[str, str]]:
    """Time each class; the digests of what each class's first runs wrote."""
    print("examgrade grade FOLDER --out DIR --workers W")
    written: dict[str, dict[str, str]] = {}
    for n in sizes:
        kinds = [("realistic", False)] + ([("distinct", True)] if n <= distinct_max else [])
        for kind, distinct in kinds:
            folder = write_class(work / f"{kind}-{n}", n, distinct=distinct)
            floor = median([sys.executable, "-c", LIBYAML, str(folder)], 3)
            print(f"  {kind:<9} N={n:<6} floor: libyaml reads the sheets  {floor}")
            files = file_floor(
                timed([sys.executable, "-c", FILES, str(work / f"files-{kind}-{n}"), str(n)])
            )
            # Nothing is deleted before the runs measured (the temporary folder goes at the
            # end): on this machine's ext4 (no journal) each inode allocated within 30 s of
            # many deletions scans past them (`recently_deleted`). Deleting the floor's 4,000
            # files just before a first run of 2,000 added ~1.5 ms of kernel time a sheet
            # (a class of 10,000 keeps ~2 GB on disk until the end).
            print(
                f"  {kind:<9} N={n:<6} floor: creating 2 files a sheet  {files}"
                f"  (kernel {1000 * files.system / n:.2f} ms/sheet, {_placed(files)})"
            )
            for count in workers:
                out = work / f"out-{kind}-{n}-{count}"
                base = ["grade", str(folder), "--out", str(out), "--workers", str(count)]
                target = TARGET_DISTINCT if distinct else TARGET_REALISTIC
                done = run(base)
                again = file_floor(
                    timed([sys.executable, "-c", FILES_AGAIN, str(out), str(out) + "-files"])
                )
                row(kind, n, count, "first run (no cache)", done, target, floor, again)
                print(
                    f"  {'':<9} {'':<8}{'':<10}  {'':<21} {'':<12}  file floor of this"
                    f" minute: its {again.stdout.split()[-1]} files written again, kernel"
                    f" {1000 * again.system / n:.2f} ms/sheet, {_placed(again)} (before the"
                    f" runs: {1000 * files.system / n:.2f})",
                    flush=True,
                )
                found = digests(out)
                if written.setdefault(f"{kind}-{n}", found) != found:
                    print(f"  !! {kind}-{n}: workers={count} wrote different files")
                    written[f"{kind}-{n}"] = {"differs between worker counts": ""}
                if not distinct:
                    row(kind, n, count, "again (cached)", run(base), TARGET_CACHED, floor, files)
                    found = digests(out)  # a rerun writes what a first run wrote, and says so
                    if written.setdefault(f"{kind}-{n}-again", found) != found:
                        print(f"  !! {kind}-{n}: workers={count} wrote different files again")
                        written[f"{kind}-{n}-again"] = {"differs between worker counts": ""}
    return written


def startup_row(label: str, done: Timed, target: float, floor: Timed) -> None:
    against = f"CPU {done.cpu / floor.cpu:.1f}× the import floor"
    print(f"  {label:<44} {done}  ({ratio(done.wall, target, False)}; {against})")


def bench_startup(runs: int) -> None:
    print(f"start-up (the run of median CPU time among {runs})")
    python = median([sys.executable, "-c", "pass"], runs)
    imports = median([sys.executable, "-c", DEPENDENCIES], runs)
    print(f"  {'floor: python -c pass':<44} {python}")
    print(f"  {'floor: ' + DEPENDENCIES:<44} {imports}")
    sheet = str(ROOT / "answers" / "ada-en.yaml")
    for label, args, target in (
        ("examgrade check answers/ada-en.yaml", ["check", sheet], TARGET_CHECK),
        ("examgrade --help", ["--help"], TARGET_HELP),
        ("examgrade equiv 'x^2-1' '(x-1)*(x+1)'", ["equiv", "x^2-1", "(x-1)*(x+1)"], TARGET_EQUIV),
    ):
        startup_row(label, median([*COMMAND, *args], runs), target, imports)
        if args[0] == "check":  # a kept output answers the row above (examgrade.kept_check)
            edited = median_edited(sheet, runs)
            startup_row("  the same, the sheet edited before each run", edited, target, imports)


def median_edited(sheet: str, runs: int) -> Timed:
    """`check` of a copy of `sheet` whose bytes change before each run (a comment added:
    the same grades), so no run prints an output kept by an earlier one."""
    text = Path(sheet).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / Path(sheet).name

        def once(run: int) -> Timed:
            copy.write_text(f"{text}\n# edited, run {run}\n", encoding="utf-8")
            return timed([*COMMAND, "check", str(copy)])

        once(-1)
        found = sorted((once(run) for run in range(runs)), key=lambda t: t.cpu)
    return found[len(found) // 2]


def labelled_scores() -> dict:
    """The free-text score of every answer of the labelled sets."""
    here = str(Path(__file__).resolve().parent)
    return json.loads(timed([sys.executable, "-c", LABELLED, here]).stdout.splitlines()[-1])


def compare_reference(folder: Path, found: dict) -> bool:
    """Whether what this run wrote matches the saved reference; prints what differs."""
    same = True
    for name, digest in sorted(found.items()):
        path = folder / f"{name}.json"
        if not path.exists():
            print(f"  reference {name}: none saved in {folder}")
            same = False
            continue
        saved = json.loads(path.read_text(encoding="utf-8"))
        differs = sorted(k for k in saved.keys() | digest.keys() if saved.get(k) != digest.get(k))
        print(f"  reference {name}: {'identical' if not differs else f'{len(differs)} differ'}")
        for key in differs[:10]:
            print(f"    {key}")
        same = same and not differs
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 100 and 1000 only")
    parser.add_argument("--sizes", type=int, nargs="+", help="class sizes (overrides --quick)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=7, help="runs of check and --help")
    parser.add_argument(
        "--distinct-max", type=int, default=2000, help="largest all-distinct class (slowest)"
    )
    parser.add_argument("--save-reference", type=Path, help="save the outputs' digests here")
    parser.add_argument("--check-reference", type=Path, help="compare with those saved here")
    parser.add_argument("--no-startup", action="store_true", help="classes only")
    args = parser.parse_args()
    sizes = args.sizes or ([100, 1000] if args.quick else [100, 2000, 10000])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        import matplotlib  # noqa: F401

        plots = "with PNG plots"
    except ImportError:
        plots = "without matplotlib: no plots"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{platform.python_implementation()} {platform.python_version()}, {cores} cores, {plots}")
    print(f"load average before: {load} (other work on the machine slows every figure)")
    with tempfile.TemporaryDirectory(prefix="examgrade-bench-") as work:
        snapshot(Path(work))
        if not args.no_startup:
            bench_startup(args.runs)
        found = bench_classes(sizes, args.workers, Path(work), args.distinct_max)
        if args.save_reference or args.check_reference:
            found["labelled"] = labelled_scores()
    print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.save_reference:
        args.save_reference.mkdir(parents=True, exist_ok=True)
        for name, digest in found.items():
            text = json.dumps(digest, indent=1, sort_keys=True)
            (args.save_reference / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"reference saved in {args.save_reference}")
    if args.check_reference and not compare_reference(args.check_reference, found):
        sys.exit(1)


if __name__ == "__main__":
    main()
