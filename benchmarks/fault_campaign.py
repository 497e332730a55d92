"""Fault campaign (issue 15): mutated workspace files and result sheets fed to the CLI.

A fixed seed makes every run feed the same inputs. The base is a part of the bundled example
(``labor.toml``, a few municipalities, a workspace format file) with results for some sessions.
Each input is one mutated file (or a special file in its place), fed to the CLI in this process
(click's test runner, fast) and a sample of them through real ``werkzeugkoffer`` processes.

Mutation classes: numbers too large (> 4,300 digits, > 64 bits, absurd counts), nesting (1,000
``[`` or ``{``, 100,000-level dotted headers and keys), control characters, long and
reserved ids, ids with a trailing newline, out-of-range dates and absurd spans, negative counts,
non-ASCII digits, unknown states, formula strings, wrong types, dropped / doubled / garbled /
truncated lines, broken encodings, special files (a symlink to ``/dev/zero``, a FIFO, a folder,
a sparse file over the size limit), 5,000 sessions on one day.

Counted per input: tracebacks (any exception but the project's own, or "Traceback" in the
output), hangs (> 10 s), crashed checks (a check that raised), exit codes other than 0/1/2, and
error messages that name no file and field (or line / row). Result exports are checked for
formula cells.

    python benchmarks/fault_campaign.py                    # 20,000 + 5,000 inputs, 200 processes
    python benchmarks/fault_campaign.py --quick            # 2,000 + 500, 20 processes
    python benchmarks/fault_campaign.py --workspace-files N --result-sheets M --processes K

It prints the figures and up to ten examples of each kind of failure; the exit code is 1 when
anything was found.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

SEED = 15
MUNICIPALITIES = ("lohra", "wohratal", "angelburg", "fronhausen")
HANG_SECONDS = 10.0
ALARM_SECONDS = 60  # an in-process run is stopped after this (and counted as a hang)
FORMULA = ("=", "+", "-", "@", "\t", "\r")

# -- hostile values -------------------------------------------------------------------------------

HUGE_INTS = ["9" * 5000, "1" * 4301, "99999999999999999999", "9223372036854775808",
             "-9223372036854775809", "1000000001", "1_000_000_000_000", "0x7fffffffffffffff",
             "1e400", "-1", "-99999", "inf", "nan", "-0"]
DATES = ["0001-01-01", "9999-12-31", "1989-12-31", "2101-01-01", "2027-02-30", "2027-13-01",
         "1979-05-27T07:32:00Z", "2027-03-13T10:00:00", '"2027-3-1"', '"9999-12-31"', "10:00"]
STRINGS = ['"=HYPERLINK(\\"http://x\\",\\"y\\")"', '"+1+1"', '"-2+3"', '"@SUM(1+1)"',
           '"\\t=1"', '"\\r=1"', '"\\u0000"', '"\\u001b[31mrot"', '"\\u202egnp.exe"',
           '"a\\nb"', '"lohra-p1-01\\n"', '"' + "x" * 260 + '"', '"con"', '"nul.x"',
           '"../../etc/passwd"', '"{{ 7*7 }}"', '"<script>alert(1)</script>"', '""', '" "',
           '"٠٦٥٣٤٠١٣"', '"０６５３４０１３"', '"0653401"', '"XX"', '"Augsburg"', '"he"',
           '"Ä" ', "'literal'", '"""multi\nline"""']
OTHER = ["true", "[]", "{}", "[1, 'a']", "{ a = 1 }", "1.5", "-1.5", "0", "3"]
FRAGMENTS = ["[[phases]]", "[[phases.sessions]]", "[[venues]]", "[contact]", "[[team]]",
             "[[inventory]]", "[rules]", "number = 3", "= broken", "x = ", "[", "]]", "[[]]",
             'ags = "06534013"', "population = -1", "sessions = []", "phases = \"zwei\"",
             "tool_cases = -2", "state = \"XX\"", "quantity = -5", "capacity = -1",
             "expected = -3", "min_gap_weeks = 1000000000", "end = 9999-12-31",
             "end_date = 9999-12-31", "date = 0001-01-01", "id = \"a\\n\""]


def deep(rnd: random.Random) -> str:
    """A value or line nested too deeply."""
    n = rnd.choice([100, 1000, 5000, 100_000])
    kind = rnd.randrange(5)
    if kind == 0:
        return "[" * n + "]" * n
    if kind == 1:
        return "{a=" * n + "1" + "}" * n
    if kind == 2:
        return "[" * n
    if kind == 3:
        return "\n[" + ".".join(["a"] * n) + "]\n"
    return "\n" + ".".join(["k"] * n) + " = 1\n"


def hostile_value(rnd: random.Random) -> str:
    pool = rnd.randrange(10)
    if pool < 3:
        return rnd.choice(HUGE_INTS)
    if pool < 5:
        return rnd.choice(DATES)
    if pool < 8:
        return rnd.choice(STRINGS)
    if pool < 9:
        return deep(rnd)
    return rnd.choice(OTHER)


def garble(rnd: random.Random) -> str:
    alphabet = "ab=[]{}\"'\\.,#\n\t\x00\x1b\u202e٣３é 0123456789-_:"
    return "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 40)))


FORMATS = ("digital.datensafari", "kreativ.zukunftswerkstatt", "kreativ.pop-up-labor",
           "partizipativ.tempo-challenge", "digital.actionbound-rallye", "kreativ.fotowettbewerb",
           "partizipativ.wissenswerkstatt", "eigen.safari", "digital.unbekannt")


def plausible_value(line: str, text: str, rnd: random.Random) -> str:
    """A value of the right kind that still loads: other dates, times, numbers, ids."""
    key, _, value = line.partition("=")
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        y = rnd.choice([1990, 2026, 2027, 2027, 2028, 2100])
        return f"{y}-{rnd.randint(1, 12):02}-{rnd.randint(1, 28):02}"
    if re.fullmatch(r'"\d{1,2}:\d{2}"', value):
        return f'"{rnd.randint(0, 23):02}:{rnd.choice([0, 15, 30, 59]):02}"'
    if re.fullmatch(r"-?\d+", value):
        return str(rnd.choice([0, 1, 2, 7, 52, 104, 1000, 10**6, 10**9]))
    if key.strip() == "format":
        return f'"{rnd.choice(FORMATS)}"'
    if key.strip() in ("venue", "id", "ortsteil", "main_town"):
        same = re.findall(rf'^{re.escape(key.strip())}\s*=\s*("[^"]*")', text, re.MULTILINE)
        return rnd.choice(same) if same else value
    if value in ("true", "false"):
        return rnd.choice(["true", "false"])
    return value


def mutate_plausibly(text: str, rnd: random.Random) -> str:
    """Mutations that keep the file loadable (mostly), so the checks and commands get work."""
    lines = text.split("\n")
    for _ in range(rnd.randint(1, 5)):
        action = rnd.randrange(4)
        keyed = [j for j, line in enumerate(lines) if re.match(r"\s*[\w.\"-]+\s*=", line)]
        if action <= 1 and keyed:
            j = rnd.choice(keyed)
            lines[j] = lines[j].split("=", 1)[0] + "= " + plausible_value(lines[j], text, rnd)
        elif action == 2:  # a session, venue or phase block twice (duplicate ids, overlaps)
            heads = [j for j, line in enumerate(lines) if line.startswith("[[")]
            if heads:
                k = rnd.randrange(len(heads))
                end = heads[k + 1] if k + 1 < len(heads) else len(lines)
                lines[end:end] = lines[heads[k]:end]
        else:  # a block dropped
            heads = [j for j, line in enumerate(lines) if line.startswith("[[")]
            if len(heads) > 1:
                k = rnd.randrange(len(heads))
                end = heads[k + 1] if k + 1 < len(heads) else len(lines)
                del lines[heads[k]:end]
    return "\n".join(lines)


def mutate_toml(text: str, rnd: random.Random) -> str | bytes:
    """One to four mutations of a TOML file's lines (or a whole-file mutation)."""
    if rnd.random() < 0.4:
        return mutate_plausibly(text, rnd)
    if rnd.random() < 0.06:  # whole-file
        kind = rnd.randrange(6)
        data = text.encode("utf-8")
        if kind == 0:
            return data[: rnd.randrange(len(data) + 1)]
        if kind == 1:
            return text.encode("utf-16")
        if kind == 2:
            return text.encode("latin-1", errors="replace").replace(b"?", b"\xe4")
        if kind == 3:
            return b"\xef\xbb\xbf" + data
        if kind == 4:
            return bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 300)))
        return data.replace(b"\n", b"\r\n")
    lines = text.split("\n")
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(len(lines))
        action = rnd.randrange(8)
        if action == 0:
            lines.pop(i)
            if not lines:
                lines.append("")
        elif action == 1:
            lines.insert(i, rnd.choice(FRAGMENTS))
        elif action == 2 or action == 3:  # a key's value replaced by a hostile one
            keyed = [j for j, line in enumerate(lines) if re.match(r"\s*[\w.\"-]+\s*=", line)]
            if keyed:
                j = rnd.choice(keyed)
                lines[j] = lines[j].split("=", 1)[0] + "= " + hostile_value(rnd)
        elif action == 4:
            lines[i] = garble(rnd)
        elif action == 5:
            lines.insert(i, lines[i])
        elif action == 6:
            lines.insert(i, deep(rnd))
        else:
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def many_sessions_on_one_day(text: str, n: int = 5000) -> str:
    """The municipality's first session copied ``n`` times, all on its day and venue."""
    start = text.index("[[phases.sessions]]")
    end = text.find("\n[[", start + 10)
    block = text[start:end if end != -1 else len(text)]
    sid = re.search(r'id = "([^"]+)"', block).group(1)
    copies = [block.replace(f'"{sid}"', f'"{sid}-{k}"') for k in range(n)]
    return text[:end if end != -1 else len(text)] + "\n" + "\n".join(copies) + text[
        end if end != -1 else len(text):]


def long_span(text: str) -> str:
    """The first session from 0001-01-01 to 9999-12-31."""
    start = text.index("[[phases.sessions]]")
    head, tail = text[:start], text[start:]
    tail = re.sub(r"\ndate = [^\n]*", "\ndate = 0001-01-01\nend_date = 9999-12-31", tail,
                  count=1)
    return head + tail


# -- result sheets ---------------------------------------------------------------------------------

CSV_VALUES = ["9" * 5000, "99999999999999999999", "1000000001", "-1", "-2+3", "=HYPERLINK(\"x\")",
              "+1+1", "@SUM(1+1)", "\t=1", "\r=1", "'=1+1", "٣", "３", "1e400", "nan", "inf",
              "4,5", "4.5.6", "", " ", "\x00", "\x1b[31m", "\u202e", "x" * 10_000, "101", "0",
              "Ja", "[" * 1000, "{a=" * 1000]
CSV_IDS = ["lohra-p1-01\n", "x" * 260, "con", "LOHRA-P1-01", "", "lohra-p9-99", "../x",
           "lohra-p1-01 ", "\x00"]


def mutate_csv(text: str, rnd: random.Random) -> str | bytes:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";"))
    if rnd.random() < 0.08:
        kind = rnd.randrange(5)
        data = text.encode("utf-8")
        if kind == 0:
            return data[: rnd.randrange(len(data) + 1)]
        if kind == 1:
            return text.encode("utf-16")
        if kind == 2:
            return text.replace(";", ",")
        if kind == 3:
            return bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 400)))
        return text.replace('"', "")
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(1, len(rows)) if len(rows) > 1 else 0
        action = rnd.randrange(8)
        if action in (0, 1, 2):
            rows[i][-1] = rnd.choice(CSV_VALUES)
        elif action == 3:
            rows[i][0] = rnd.choice(CSV_IDS)
        elif action == 4:
            rows[i][rnd.randrange(len(rows[i]))] = garble(rnd)
        elif action == 5:
            rows.insert(i, rows[i][:] + ["extra"] * rnd.randint(0, 2))
        elif action == 6:
            rows[0][rnd.randrange(len(rows[0]))] = rnd.choice(["wert", "Wert", "x", "", "feld"])
        else:
            rows.pop(i)
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


# -- running ---------------------------------------------------------------------------------------


class Timeout(BaseException):
    """An in-process run took too long (a BaseException: no ``except Exception`` eats it)."""


def _alarm(signum, frame):
    raise Timeout()


FILE_LEVEL = ("file is empty", "unknown field: ", "unknown fields: ", "not UTF-8", "file too large", "a device", "a pipe", "a socket",
              "is a folder", "file not found", "not a file", "expected a table", "invalid TOML",
              "no results in the file", "unknown file type", "nothing stored:", "problems;",
              "file name must be a slug", "not a readable CSV", "nested too deeply",
              "number too large")


def names_file_and_field(message: str, files: tuple[str, ...]) -> bool:
    """The first line of an error message names one of ``files`` and then a field, a line, a
    row or a whole-file problem."""
    first = message.strip().split("\n", 1)[0].removeprefix("Error: ")
    for name in files:
        if first.startswith(name + ": ") or f"/{name}: " in first.split(" ", 1)[0] + " ":
            rest = first[first.index(name + ": ") + len(name) + 2:]
            if re.match(r"(row|rows|line) \d+|results\[\d+\]|[^\s:]+( \([^)]*\))?: ", rest):
                return True
            if re.search(r"\(line \d+, column \d+\)", rest):  # a TOML syntax error
                return True
            return any(p in rest for p in FILE_LEVEL)
    return False


class Tally:
    def __init__(self):
        self.counts = collections.Counter()
        self.examples = collections.defaultdict(list)
        self.times: list[float] = []

    def bad(self, kind: str, example: str) -> None:
        self.counts[kind] += 1
        if len(self.examples[kind]) < 10:
            self.examples[kind].append(example[:600])


CHECK_CRASH = re.compile(r'check "[^"]+"[^\n]*(failed|crashed|raised)|\[check-(crashed|malformed)\]')


def run_in_process(args: list[str], tally: Tally, label: str, files: tuple[str, ...]):
    from click.testing import CliRunner
    from werkzeugkoffer.cli import cli
    from werkzeugkoffer.errors import WerkzeugkofferError

    runner = CliRunner()
    t0 = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, ALARM_SECONDS)
    try:
        result = runner.invoke(cli, args, catch_exceptions=True)
    except Timeout:
        result = None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.perf_counter() - t0
    tally.times.append(seconds)
    tally.counts["runs"] += 1
    if result is None or seconds > HANG_SECONDS:
        tally.bad("hangs > 10 s", f"{label}: {' '.join(args[2:])}: {seconds:.1f} s")
        if result is None:
            return None
    exc = result.exception
    output = result.output  # stdout and stderr as a terminal shows them
    if exc is not None and not isinstance(exc, (SystemExit, WerkzeugkofferError)):
        import traceback

        tb = "".join(traceback.format_exception(exc))[-500:]
        tally.bad("tracebacks", f"{label}: {' '.join(args[2:])}: {tb}")
    elif "Traceback (most recent call last)" in output:
        tally.bad("tracebacks", f"{label}: {output[-500:]}")
    if CHECK_CRASH.search(output):
        tally.bad("crashed checks", f"{label}: {CHECK_CRASH.search(output).group(0)}")
    code = result.exit_code
    tally.counts[f"exit {code}"] += 1
    if code not in (0, 1, 2):
        tally.bad("other exit codes", f"{label}: exit {code}: {output[-300:]}")
    if code == 2:
        error = next((line for line in output.splitlines() if line.startswith("Error: ")), "")
        if not names_file_and_field(error, files):
            tally.bad("messages without file and field", f"{label}: {error[:400]}")
    return result


def run_process(args: list[str], tally: Tally, label: str) -> None:
    exe = shutil.which("werkzeugkoffer") or str(Path(sys.executable).parent / "werkzeugkoffer")
    t0 = time.perf_counter()
    tally.counts["processes"] += 1
    try:
        proc = subprocess.run([exe, *args], capture_output=True, text=True,
                              timeout=HANG_SECONDS * 3, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        tally.bad("process hangs", f"{label}: {' '.join(args)}")
        return
    seconds = time.perf_counter() - t0
    if seconds > HANG_SECONDS:
        tally.bad("process hangs", f"{label}: {seconds:.1f} s")
    if "Traceback (most recent call last)" in proc.stderr + proc.stdout:
        tally.bad("process tracebacks", f"{label}: {proc.stderr[-500:]}")
    if proc.returncode not in (0, 1, 2):
        tally.bad("process exit codes", f"{label}: exit {proc.returncode}: {proc.stderr[-300:]}")


# -- the base workspace ----------------------------------------------------------------------------


def make_base(root: Path) -> dict[str, str]:
    """A part of the example, a workspace format, results for its first sessions."""
    import tomlkit
    from werkzeugkoffer import Workspace, get_catalogue, to_plain
    from werkzeugkoffer.examples import create_workspace
    from werkzeugkoffer.results import add_result
    from werkzeugkoffer.testing.samples import sample_result

    full = root.parent / "full-example"
    create_workspace(full, example="marburg-biedenkopf")
    (root / "gemeinden").mkdir(parents=True)
    (root / "formate").mkdir()
    shutil.copy(full / "labor.toml", root / "labor.toml")
    for slug in MUNICIPALITIES:
        shutil.copy(full / "gemeinden" / f"{slug}.toml", root / "gemeinden" / f"{slug}.toml")
    fmt = to_plain(get_catalogue().get("digital.datensafari"))
    fmt["id"] = "eigen.safari"
    (root / "formate" / "safari.toml").write_text(tomlkit.dumps(fmt), encoding="utf-8")
    ws = Workspace.load(root)
    for sid, (slug, _, s) in list(ws.sessions().items())[:8]:
        add_result(ws, sample_result(ws.catalogue.get(s.format), session=sid,
                                     ortsteile=ws.municipalities[slug].ortsteile))
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*.toml"))}


def result_sheets(root: Path) -> list[tuple[str, str]]:
    """Valid result sheets (CSV and TOML) for the base workspace's sessions."""
    import tomlkit
    from werkzeugkoffer import Workspace, to_plain
    from werkzeugkoffer.results import blank_csv
    from werkzeugkoffer.results.export import safe_cell
    from werkzeugkoffer.testing.samples import sample_result

    ws = Workspace.load(root)
    sheets = []
    for sid, (slug, _, s) in ws.sessions().items():
        fmt = ws.catalogue.get(s.format)
        m = ws.municipalities[slug]
        res = to_plain(sample_result(fmt, session=sid, ortsteile=m.ortsteile))
        res.pop("source", None)
        sheets.append((f"{sid}.toml", tomlkit.dumps({"results": [res]})))
        rows = list(csv.reader(io.StringIO(blank_csv(fmt, s, m).decode("utf-8-sig")),
                               delimiter=";"))
        for row in rows[1:]:
            if row[1] == "Teilnehmende" and row[3] == "alle":
                row[6] = "7"
            elif row[1] == "Erfasst von":
                row[6] = safe_cell("=Kim")
        values = res.get("values", {})
        done = set()
        for row in rows[1:]:
            v = values.get(row[1])
            if v is None or row[1] in done:
                continue
            if isinstance(v, (int, float, str)):
                row[6] = str(v)
                done.add(row[1])
            elif isinstance(v, list) and v and isinstance(v[0], str):
                row[6] = v.pop(0)
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
        sheets.append((f"{sid}.csv", buf.getvalue()))
    return sheets


@contextlib.contextmanager
def replaced(path: Path, original: str):
    try:
        yield
    finally:
        if path.is_symlink() or path.exists():
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        path.write_text(original, encoding="utf-8")


def special(path: Path, rnd: random.Random) -> str:
    """Put a special file at ``path``; return its kind."""
    kind = rnd.choice(["devzero", "fifo", "folder", "sparse", "dangling"])
    if kind == "devzero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "sparse":
        with open(path, "wb") as fh:
            fh.truncate(64 * 1024 * 1024)
    else:
        path.symlink_to(path.parent / "missing-target.toml")
    return kind


WORKSPACE_COMMANDS = (
    ["check"], ["check"], ["check"], ["schedule"], ["suggest", "lohra", "--phase", "2"],
    ["kit", "build", "--format", "html,ics,csv", "--jobs", "1"], ["results", "list"],
    ["plan", "templates"], ["results", "blank", "--gemeinde", "wohratal", "-o", "BLANK"],
    ["report", "--format", "html"], ["results", "export"],
)


def workspace_campaign(root: Path, originals: dict[str, str], n: int, rnd: random.Random,
                       tally: Tally, processes: int) -> None:
    names = sorted(originals)
    big_every = max(1, n // 4)  # a few inputs with 5,000 sessions on one day
    sample = set(rnd.sample(range(n), min(processes, n)))
    for k in range(n):
        rel = rnd.choice(names)
        path = root / rel
        original = originals[rel]
        cmd = WORKSPACE_COMMANDS[k % len(WORKSPACE_COMMANDS)]
        cmd = [str(root / "blank") if a == "BLANK" else a for a in cmd]
        with replaced(path, original):
            path.unlink()
            if k % big_every == big_every - 1 and rel.startswith("gemeinden/"):
                label = f"#{k} {rel} (5,000 sessions on one day)"
                path.write_text(many_sessions_on_one_day(original), encoding="utf-8")
                cmd = ["check"]
            elif rnd.random() < 0.01:
                label = f"#{k} {rel} ({special(path, rnd)})"
            elif rnd.random() < 0.005 and rel.startswith("gemeinden/"):
                label = f"#{k} {rel} (session 0001-9999)"
                path.write_text(long_span(original), encoding="utf-8")
            else:
                label = f"#{k} {rel}"
                data = mutate_toml(original, rnd)
                if isinstance(data, str):
                    path.write_text(data, encoding="utf-8", errors="surrogatepass")
                else:
                    path.write_bytes(data)
            tally.counts["workspace inputs"] += 1
            args = ["-w", str(root), *cmd]
            run_in_process(args, tally, label, tuple(names))
            if k in sample:
                run_process(args, tally, label)


def results_campaign(root: Path, sheets: list[tuple[str, str]], n: int, rnd: random.Random,
                     tally: Tally, processes: int) -> None:
    inbox = root / "eingang"
    inbox.mkdir(exist_ok=True)
    sample = set(rnd.sample(range(n), min(processes, n)))
    for k in range(n):
        name, text = rnd.choice(sheets)
        path = inbox / name
        if path.is_symlink() or path.exists():
            path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
        if rnd.random() < 0.01:
            label = f"#{k} {name} ({special(path, rnd)})"
        else:
            label = f"#{k} {name}"
            data = mutate_csv(text, rnd) if name.endswith(".csv") else mutate_toml(text, rnd)
            if isinstance(data, str):
                path.write_text(data, encoding="utf-8", errors="surrogatepass")
            else:
                path.write_bytes(data)
        tally.counts["result sheets"] += 1
        args = ["-w", str(root), "results", "import", str(path)]
        if rnd.random() < 0.5:
            args.append("--replace")
        run_in_process(args, tally, label, (str(path),))
        if k in sample:
            run_process(args, tally, label)
        if k % 250 == 249:
            check_export(root, tally, f"export after #{k}")


def check_export(root: Path, tally: Tally, label: str) -> None:
    from click.testing import CliRunner
    from werkzeugkoffer.cli import cli

    result = CliRunner().invoke(cli, ["-w", str(root), "results", "export", "--include-personal"])
    tally.counts["exports"] += 1
    if result.exit_code != 0:
        tally.bad("failed exports", f"{label}: {result.output[-300:]}")
        return
    for row in csv.reader(io.StringIO(result.stdout)):
        for cell in row:
            tally.counts["exported cells"] += 1
            if cell.startswith(FORMULA):
                tally.bad("formula cells in the CSV export", f"{label}: {cell[:80]!r}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workspace-files", type=int, default=20_000)
    parser.add_argument("--result-sheets", type=int, default=5_000)
    parser.add_argument("--processes", type=int, default=200,
                        help="inputs of each kind also run through a real process")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--quick", action="store_true", help="2,000 + 500 inputs, 20 processes")
    args = parser.parse_args(argv)
    if args.quick:
        args.workspace_files, args.result_sheets, args.processes = 2000, 500, 20
    warnings.simplefilter("always")  # every warning of every run reaches the output
    signal.signal(signal.SIGALRM, _alarm)
    os.environ["WERKZEUGKOFFER_NO_CACHE"] = "1"
    rnd = random.Random(args.seed)
    tally = Tally()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="wk-faults-") as tmp:
        root = Path(tmp) / "ws"
        originals = make_base(root)
        sheets = result_sheets(root)
        workspace_campaign(root, originals, args.workspace_files, rnd, tally, args.processes)
        for rel, text in originals.items():
            (root / rel).write_text(text, encoding="utf-8")
        results_campaign(root, sheets, args.result_sheets, rnd, tally, args.processes)
        check_export(root, tally, "final export")
    seconds = time.perf_counter() - t0
    times = sorted(tally.times)
    c = tally.counts
    print(f"fault campaign, seed {args.seed}: {c['workspace inputs']:,} workspace files, "
          f"{c['result sheets']:,} result sheets, {c['runs']:,} CLI runs in this process, "
          f"{c['processes']:,} in real processes, {seconds:.0f} s")
    print(f"exit codes: " + ", ".join(f"{k.split()[1]}: {v:,}" for k, v in sorted(c.items())
                                       if k.startswith("exit ")))
    if times:
        print(f"time per run: median {times[len(times) // 2] * 1000:.0f} ms, "
              f"99th percentile {times[int(len(times) * 0.99)] * 1000:.0f} ms, "
              f"max {times[-1]:.2f} s")
    print(f"CSV exports: {c['exports']}, {c['exported cells']:,} cells checked")
    kinds = ["tracebacks", "hangs > 10 s", "crashed checks", "other exit codes",
             "messages without file and field", "formula cells in the CSV export",
             "failed exports", "process tracebacks", "process hangs", "process exit codes"]
    for kind in kinds:
        print(f"{kind}: {c[kind]}")
    for kind in kinds:
        for example in tally.examples[kind]:
            print(f"  [{kind}] {example}")
    return 1 if any(c[k] for k in kinds) else 0


if __name__ == "__main__":
    sys.exit(main())
