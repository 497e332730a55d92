"""Hostile input, full disks and read-only folders: a clear message every time (issue 15).

Limits at the edge (special files, size, nesting, number size), complete validation, capped
findings, stale temporary files, and CLI-level faults: a full disk (a small tmpfs where the
machine allows mounting one, else an injected ``ENOSPC``; a real SQLite "database or disk is
full" through ``max_page_count``) and read-only folders (chmod for a normal user; a read-only
bind mount for root, where chmod does not stop writes; else an injected ``EROFS``).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures import MINI_LAB_TOML as MINI_LAB
from fixtures import MINI_MUNICIPALITY_TOML as MINI_MUNICIPALITY
from fixtures import write_mini_workspace_toml
from werkzeugkoffer import (
    InputError,
    OutputError,
    Result,
    ResultError,
    Workspace,
    WorkspaceError,
    run_checks,
)
from werkzeugkoffer.checks import MAX_FINDINGS_PER_CHECK, peak_overlaps
from werkzeugkoffer.checks.overlaps import overloads, peak_load
from werkzeugkoffer.cli import cli
from werkzeugkoffer.files import parse_toml, read_input, write_atomic
from werkzeugkoffer.pluginmanager import PluginWarning
from werkzeugkoffer.results import (
    add_result,
    export_results,
    import_file,
    stored_results,
)
from werkzeugkoffer.results.export import restore_cell, safe_cell

# -- helpers ----------------------------------------------------------------------------------------


@pytest.fixture
def mini_ws(tmp_path):
    """The mini workspace as written by hand: these tests inject faults into the files' text."""
    return write_mini_workspace_toml(tmp_path / "mini")


def invoke(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line_error(result, *parts: str) -> str:
    """The CLI failed with exit 2 and one ``Error:`` line holding every part; no traceback."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.output
    for part in parts:
        assert part in errors[0], errors[0]
    return errors[0]


def load_error(root: Path) -> str:
    with pytest.raises(WorkspaceError) as info:
        Workspace.load(root)
    return str(info.value)


def municipality(mini_ws: Path, old: str, new: str) -> Path:
    path = mini_ws / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def lab(mini_ws: Path, old: str, new: str) -> None:
    path = mini_ws / "labor.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


#: root may mount a tmpfs or a read-only view; WERKZEUGKOFFER_TEST_NO_MOUNT=1 tries the
#: injected faults instead (what a machine without mount rights runs)
CAN_MOUNT = (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None
             and os.environ.get("WERKZEUGKOFFER_TEST_NO_MOUNT") != "1")


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str = "512k"):
    """A tmpfs of ``size`` at ``path`` (yields True), or nothing mounted (yields False)."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = False
    if CAN_MOUNT:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                                  str(path)], capture_output=True).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextlib.contextmanager
def read_only(folder: Path):
    """``folder`` as a truly read-only folder: yields the path to use, or None when this machine
    cannot make one (root without mount rights)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
        for p in modes:
            p.chmod(modes[p] & ~0o222)
        try:
            yield folder
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    view = folder.parent / f"{folder.name}-ro"
    view.mkdir()
    ok = CAN_MOUNT and (subprocess.run(["mount", "--bind", str(folder), str(view)],
                         capture_output=True).returncode == 0)
    if ok and subprocess.run(["mount", "-o", "remount,bind,ro", str(view)],
                             capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(view)], capture_output=True)
        ok = False
    try:
        yield view if ok else None
    finally:
        if ok:
            subprocess.run(["umount", "-l", str(view)], capture_output=True)


def fill_disk(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` until ``leave`` bytes are free."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    with open(folder / "filler", "wb") as fh:
        try:
            fh.write(b"\0" * max(0, free - leave))
        except OSError:
            pass


# -- special files and the size limit --------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
@pytest.mark.parametrize("kind", ["devzero", "fifo", "folder", "dangling", "too-large"])
def test_only_regular_files_of_a_sane_size_are_read(mini_ws, monkeypatch, kind):
    path = mini_ws / "gemeinden" / "zwei.toml"
    if kind == "devzero":
        path.symlink_to("/dev/zero")
        expected = "gemeinden/zwei.toml: a device, not a file"
    elif kind == "fifo":
        os.mkfifo(path)  # nobody writes: reading would wait forever
        expected = "gemeinden/zwei.toml: a pipe (FIFO), not a file"
    elif kind == "folder":
        path.mkdir()
        expected = "gemeinden/zwei.toml: is a folder"
    elif kind == "dangling":
        path.symlink_to(mini_ws / "nirgends.toml")
        expected = "gemeinden/zwei.toml: file not found"
    else:
        monkeypatch.setenv("WERKZEUGKOFFER_MAX_FILE_MB", "0.01")
        path.write_text(MINI_MUNICIPALITY.replace("lohra-", "zwei-") + "#" * 20_000,
                        encoding="utf-8")
        expected = "gemeinden/zwei.toml: file too large ("
        assert "the limit is 10.2 KB, set WERKZEUGKOFFER_MAX_FILE_MB" in load_error(mini_ws)
    assert expected in load_error(mini_ws)
    one_line_error(invoke("-w", mini_ws, "check"), expected)


def test_a_sparse_file_over_the_limit_is_not_read(tmp_path):
    path = tmp_path / "riesig.csv"
    with open(path, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # 200 MB of nothing, instantly
    with pytest.raises(InputError, match=r"riesig.csv: file too large \(200.0 MB; the limit is "
                                         r"20.0 MB"):
        read_input(path, "riesig.csv")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_special_result_files_are_refused(tmp_path):
    from fixtures import load, make_results_workspace

    ws = load(make_results_workspace(tmp_path / "ws"))
    fifo = tmp_path / "bogen.csv"
    os.mkfifo(fifo)
    link = tmp_path / "null.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(ResultError, match="bogen.csv: a pipe"):
        import_file(ws, fifo)
    with pytest.raises(ResultError, match="null.toml: a device"):
        import_file(ws, link)


def test_a_bad_size_limit_setting_is_an_input_error(mini_ws, monkeypatch):
    monkeypatch.setenv("WERKZEUGKOFFER_MAX_FILE_MB", "viel")
    one_line_error(invoke("-w", mini_ws, "check"), "WERKZEUGKOFFER_MAX_FILE_MB='viel'")


# -- TOML nested too deeply, numbers too large -----------------------------------------------------


@pytest.mark.parametrize("fallback", [False, True], ids=["rtoml", "tomllib"])
@pytest.mark.parametrize(
    "text, expected",
    [
        ("[contact]\nname = 'x'\nphone = " + "9" * 5000 + "\n",
         "x.toml: contact.phone: number too large"),
        ("name = 'x'\nort = " + "[" * 1000 + "]" * 1000 + "\n", "x.toml: ort: nested too deeply"),
        ("name = 'x'\nort = " + "{a=" * 1000 + "1" + "}" * 1000 + "\n",
         "x.toml: ort: nested too deeply"),
        ("[" + ".".join(["a"] * 100_000) + "]\n", "nested too deeply"),
        (".".join(["k"] * 100_000) + " = 1\n", "nested too deeply"),
        ("[[phases]]\n[[phases]]\n[[phases.sessions]]\nexpected = " + "1" * 4400 + "\n",
         "phases[1].sessions[0].expected: number too large"),
    ],
    ids=["digits", "lists", "tables", "dotted-header", "dotted-key", "path"],
)
def test_hostile_toml_gets_a_clear_error(monkeypatch, text, expected, fallback):
    if fallback:  # rtoml missing: tomllib with its limits checked first
        monkeypatch.setitem(sys.modules, "rtoml", None)
        expected = expected.split(": ")[-1]  # tomllib does not say where
    with pytest.raises(InputError) as info:
        parse_toml(text, "x.toml")
    assert expected in str(info.value)
    assert str(info.value).startswith("x.toml: ")


def test_hostile_workspace_files_through_the_cli(mini_ws):
    municipality(mini_ws, "population = 5597", "population = " + "9" * 5000)
    one_line_error(invoke("-w", mini_ws, "check"),
                   "gemeinden/lohra.toml: population: number too large", "(line 4)")


# -- validation is complete ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("population = 5597", "population = -5", "population: expected a whole number >= 0, got -5"),
        ("population = 5597", "population = 1000000001",
         "population: number too large: 1,000,000,001 (at most 1,000,000,000)"),
        ("expected = 12", "expected = -3",
         "phases[0].sessions[0].expected: expected a whole number >= 0, got -3"),
        ('ortsteil = "Altenvers"\n', 'ortsteil = "Altenvers"\ncapacity = -1\n',
         "venues[0].capacity: expected a whole number >= 0, got -1"),
        ('ags = "06534013"', 'ags = "٠٦٥٣٤٠١٣"', 'ags: invalid AGS "٠٦٥٣٤٠١٣" (expected exactly 8 '
                                                 "digits 0-9)"),
        ('ags = "06534013"', 'ags = "０６５３４０１３"', "ags: invalid AGS"),
        ('id = "lohra-p1-01"', 'id = "lohra-p1-01\\n"',
         "phases[0].sessions[0].id: invalid name 'lohra-p1-01\\n'"),
        ('id = "lohra-p1-01"', 'id = "' + "l" * 101 + '"',
         'phases[0].sessions[0].id: invalid name "' + "l" * 60 + '..." (at most 100 characters, '
         "got 101)"),
        ('id = "lohra-p1-01"', 'id = "con"',
         'phases[0].sessions[0].id: invalid name "con" (a name file systems reserve for devices)'),
        ('id = "rathaus"', 'id = "nul.raum"', "venues[1].id: invalid name"),
        ("end = 2027-04-11", "end = 9999-12-31",
         "phases[0].end: date 9999-12-31 lies outside the plausible range 1990-2100"),
        ("date = 2027-03-13", "date = 1989-12-31", "phases[0].sessions[0].date: date 1989-12-31"),
        ("date = 2027-03-13", "date = 2027-03-13\nend_date = 2029-01-01",
         "phases[0].sessions[0]: end_date: 2029-01-01 lies 660 days after 2027-03-13 (at most "
         "366 days)"),
        ("start = 2027-03-01", "start = 2021-03-01",
         "phases[0]: end: 2027-04-11 lies 2232 days after 2021-03-01 (at most 732 days)"),
    ],
)
def test_invalid_values_are_load_errors_naming_file_and_field(mini_ws, old, new, expected):
    municipality(mini_ws, old, new)
    message = load_error(mini_ws)
    assert f"gemeinden/lohra.toml: {expected}" in message


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('state = "HE"', 'state = "XX"', 'state: unknown state "XX" (known: BB, BE, BW, BY'),
        ('state = "HE"', 'state = "he"', 'state: unknown state "he"'),
        ('state = "HE"', 'state = "HE"\ntool_cases = -1',
         "tool_cases: expected a whole number >= 0, got -1"),
        ("quantity = 12", "quantity = -12",
         "inventory[0].quantity: expected a whole number >= 0, got -12"),
        ('state = "HE"', 'state = "HE"\n[rules]\nmin_gap_weeks = 1000000000',
         "rules.min_gap_weeks: expected weeks, 0 to 104, got 1,000,000,000"),
        ('state = "HE"', 'state = "HE"\n[rules]\nmin_gap_weeks = 99999999999999999999',
         "rules.min_gap_weeks: number too large: 99,999,999,999,999,999,999 (at most 104)"),
        ('state = "HE"', 'state = "HE"\n[rules]\nmax_weeks = 105',
         "rules.max_weeks: expected weeks, 0 to 104, got 105"),
    ],
)
def test_invalid_lab_values_are_load_errors(mini_ws, old, new, expected):
    lab(mini_ws, old, new)
    assert f"labor.toml: {expected}" in load_error(mini_ws)


def test_every_state_the_holidays_package_knows_is_accepted(mini_ws):
    from holidays.countries.germany import Germany
    from werkzeugkoffer.dates import STATES

    assert set(STATES) <= set(Germany.subdivisions)  # the fast path knows no code of its own
    for code in Germany.subdivisions:
        (mini_ws / "labor.toml").write_text(MINI_LAB.replace('"HE"', f'"{code}"'),
                                            encoding="utf-8")
        ws = Workspace.load(mini_ws)
        assert ws.lab.state == code
        run_checks(ws)  # the holiday check knows the state too


def test_municipality_file_names_are_checked_whole(mini_ws):
    (mini_ws / "gemeinden" / "zwei\n.toml").write_text(MINI_MUNICIPALITY, encoding="utf-8")
    (mini_ws / "gemeinden" / "con.toml").write_text(MINI_MUNICIPALITY, encoding="utf-8")
    message = load_error(mini_ws)
    assert "gemeinden/'zwei\\n.toml': file name must be a slug" in message
    assert "gemeinden/con.toml: file name must be a slug" in message


def test_too_many_opening_days_are_refused(mini_ws):
    municipality(mini_ws, "date = 2027-03-13", "date = 2027-03-13\nend_date = 2027-04-10")
    block = MINI_MUNICIPALITY.split("[[phases.sessions]]")[1].split("[[phases]]")[0]
    many = "".join(
        "[[phases.sessions]]" + block.replace("lohra-p1-01", f"lohra-p1-x{k}").replace(
            "date = 2027-03-13", "date = 2027-03-13\nend_date = 2028-03-12")
        for k in range(30)
    )
    path = mini_ws / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[[phases]]\nnumber = 2", many + "[[phases]]\nnumber = 2"),
                    encoding="utf-8")
    message = load_error(mini_ws)
    assert "gemeinden/lohra.toml: phases: 11,010 opening days planned (sessions and stations, " \
           "day by day); at most 10,000 per municipality" in message


# -- findings are capped, checks stay fast with many sessions at once ------------------------------


def _sessions_on_one_day(mini_ws: Path, n: int) -> None:
    block = MINI_MUNICIPALITY.split("[[phases.sessions]]")[1].split("[[phases]]")[0]
    copies = "".join("[[phases.sessions]]" + block.replace("lohra-p1-01", f"lohra-p1-{k:04}")
                     for k in range(n))
    path = mini_ws / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[[phases]]\nnumber = 2", copies + "[[phases]]\nnumber = 2"),
                    encoding="utf-8")


def test_findings_are_capped_per_check_with_a_count_of_the_rest(mini_ws):
    _sessions_on_one_day(mini_ws, 300)
    ws = Workspace.load(mini_ws)
    every = run_checks(ws, limit=None)
    overlaps = [f for f in every if f.code == "venue-overlap"]
    assert len(overlaps) == 300  # each copy overlaps the first session
    capped = run_checks(ws)
    assert len([f for f in capped if f.code == "venue-overlap"]) == MAX_FINDINGS_PER_CHECK
    more = [f for f in capped if f.code == "more-findings"]
    by_check = {f.message.split('"')[1]: f for f in more}
    assert by_check["check_venue_overlaps"].message == (
        'check "check_venue_overlaps": 200 more findings not shown (200 errors); only the '
        "first 100 are listed")
    assert by_check["check_venue_overlaps"].severity.value == "error"
    team = next(f for f in every if f.code == "team")  # 301 sessions at once, team of 2
    assert "and " in team.message and " more), the team has 2" in team.message
    assert len(team.message) < 400  # ten session ids at most, not 300

    result = invoke("-w", mini_ws, "check")
    assert result.exit_code == 1
    assert "more findings not shown" in result.output
    assert len(invoke("-w", mini_ws, "check", "--all-findings").output) > len(result.output)


def test_overloads_agree_with_the_full_sweep():
    from hypothesis import given
    from hypothesis import strategies as st

    interval = st.tuples(st.integers(0, 50), st.integers(1, 20), st.integers(0, 3))

    @given(st.lists(interval, max_size=30), st.integers(0, 4))
    def agree(raw, limit):
        ivs = [(a, a + d, n, k) for k, (a, d, n) in enumerate(raw)]
        full = list(peak_overlaps(ivs, limit=limit))
        fast = list(overloads(ivs, limit, show=3))
        assert [(load, tags[-1], tags[0], len(tags)) for load, tags in full] == [
            (o.load, o.newest, o.first, o.active) for o in fast]
        assert all(len(o.shown) <= 3 and o.shown[-1] == o.newest for o in fast)
        assert peak_load(ivs) == max((load for load, _ in peak_overlaps(ivs)), default=0)

    agree()


# -- safe spreadsheet cells --------------------------------------------------------------------------


HOSTILE_CELLS = ['=HYPERLINK("http://x.example","klick")', "+1+1", "-2+3", "@SUM(1+1)",
                 "\t=1", "\r=1", "=cmd|' /C calc'!A0"]


def test_safe_cell_neutralises_formulas_and_restore_cell_undoes_it():
    for text in HOSTILE_CELLS:
        assert safe_cell(text) == "'" + text
        assert restore_cell(safe_cell(text)) == text
    for value in ["Radweg", "", "'quoted'", 5, -2.5, None]:
        assert safe_cell(value) == value
    assert restore_cell("'Radweg") == "'Radweg"  # an apostrophe safe_cell did not add stays


def test_csv_export_holds_no_formula_cell_and_json_stays_exact(tmp_path):
    from fixtures import full_alles_values, load, make_results_workspace

    root = make_results_workspace(tmp_path / "ws")
    ws = load(root)
    values = full_alles_values()
    values["ideen"] = list(HOSTILE_CELLS[:4]) + ["- Bank am Weg"]
    values["bemerkung"] = "@Frau Müller"
    add_result(ws, Result(session="lohra-p1-01", participants={"jugendliche": 3},
                          values=values, recorded_by="=Kim"))
    for personal in (False, True):
        text = export_results(ws, stored_results(ws), fmt="csv", include_personal=personal)
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert "'=HYPERLINK" in text and "'-2+3" in text and "'- Bank am Weg" in text
    import json

    doc = json.loads(export_results(ws, stored_results(ws), fmt="json", include_personal=True))
    werte = doc["ergebnisse"][0]["werte"]
    assert werte["ideen"][:4] == [v.strip() for v in HOSTILE_CELLS[:4]]
    assert werte["bemerkung"] == "@Frau Müller" and doc["ergebnisse"][0]["erfasst_von"] == "=Kim"
    # an export read back stores the very same texts (the apostrophes are taken off again)
    path = tmp_path / "export.csv"
    path.write_text(export_results(ws, stored_results(ws), fmt="csv", include_personal=True),
                    encoding="utf-8")
    other = load(make_results_workspace(tmp_path / "other"))
    import_file(other, path)
    assert stored_results(other)[0].result.values == stored_results(ws)[0].result.values
    assert stored_results(other)[0].result.recorded_by == "=Kim"


# -- disks and permissions ---------------------------------------------------------------------------


def test_stale_temporary_files_of_a_killed_build_are_removed(mini_ws):
    kits = mini_ws / "kits" / "lohra"
    (kits / "phase-1-ergebnisboegen").mkdir(parents=True)
    stale = [kits / ".phase-1.pdf.k2j3h4ab.tmp", kits / "phase-1-ergebnisboegen" /
             ".ergebnis-lohra-p1-01.csv.x9_7zq0c.tmp",
             mini_ws / "kits" / ".kits-manifest.json.a1b2c3d4.tmp"]
    for path in stale:
        path.write_bytes(b"%PDF-1.7 half")
    keep = [kits / "notizen.tmp", kits / ".meine.tmp", kits / ".phase-1.pdf.kurz.tmp"]
    for path in keep:  # not the names write_atomic gives its temporary files
        path.write_text("mine", encoding="utf-8")
    result = invoke("-w", mini_ws, "kit", "build", "--format", "html,csv", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert not [p for p in stale if p.exists()]
    assert [p.read_text(encoding="utf-8") for p in keep] == ["mine"] * 3


def test_a_killed_kit_build_leaves_nothing_behind_after_the_next(mini_ws):
    """kill -9 in the middle of writing; the next build cleans up and completes."""
    code = (
        "import os, sys, werkzeugkoffer.files as f\n"
        "real = f.os.replace\n"
        "def die(src, dst):\n"
        "    os.kill(os.getpid(), 9)\n"
        "f.os.replace = die\n"
        "from werkzeugkoffer.cli import cli\n"
        f"cli(['-w', {str(mini_ws)!r}, 'kit', 'build', '--format', 'html', '--jobs', '1'])\n"
    )
    env = {**os.environ, "WERKZEUGKOFFER_NO_CACHE": "1"}  # the only os.replace: the kit's
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env)
    assert proc.returncode == -9
    assert list((mini_ws / "kits").rglob(".*.tmp"))  # the killed build left one
    assert not (mini_ws / "kits" / "lohra" / "phase-1.html").exists()  # nothing half-written
    result = invoke("-w", mini_ws, "kit", "build", "--format", "html", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert not list((mini_ws / "kits").rglob(".*.tmp"))
    assert "<!DOCTYPE html>" in (mini_ws / "kits" / "lohra" / "phase-1.html").read_text(
        encoding="utf-8")[:300]


def test_write_atomic_names_the_path_and_the_reason(tmp_path, monkeypatch):
    target = tmp_path / "a" / "b.txt"

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OutputError, match=r"a/b.txt: cannot write: no space left on device; "
                                          r"free some space"):
        write_atomic(target, "x")
    assert os.listdir(tmp_path / "a") == []  # no temporary file, nothing at the final path
    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "mkstemp", lambda **kw: (_ for _ in ()).throw(
        OSError(errno.EROFS, "Read-only file system")))
    with pytest.raises(OutputError, match=r"b.txt: cannot write: read-only file system; choose "
                                          r"a writable folder"):
        write_atomic(target, "x", where="b.txt")


def _ws_with_results(root: Path) -> Path:
    """The mini workspace (it passes its check) with a result for lohra-p1-01."""
    from werkzeugkoffer.testing.samples import sample_result

    (root / "gemeinden").mkdir(parents=True)
    (root / "labor.toml").write_text(MINI_LAB, encoding="utf-8")
    (root / "gemeinden" / "lohra.toml").write_text(MINI_MUNICIPALITY, encoding="utf-8")
    ws = Workspace.load(root)
    fmt = ws.catalogue.get("digital.datensafari")
    add_result(ws, sample_result(fmt, session="lohra-p1-01",
                                 ortsteile=ws.municipalities["lohra"].ortsteile))
    return root


def _sheet(tmp_path: Path) -> Path:
    """A result sheet with 2,000 entries for lohra-p2-01 (more than a page of the database)."""
    from fixtures import HEADER, datensafari_rows, write_csv

    return write_csv(tmp_path / "bogen.csv",
                     [HEADER] + datensafari_rows("lohra-p2-01", entries=2000))


def test_full_disk_gives_one_line_messages(tmp_path, monkeypatch):
    """kit build, results import and blank sheets on a full disk: one line, exit 2, the data
    intact. A real small tmpfs where possible; else an injected ENOSPC and SQLite's own "full"."""
    sheet = _sheet(tmp_path)
    with small_tmpfs(tmp_path / "disk", "600k") as mounted:
        root = _ws_with_results(tmp_path / "disk" / "ws")
        if mounted:
            fill_disk(tmp_path / "disk", leave=0)
        else:
            monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(
                OSError(errno.ENOSPC, "No space left on device")))
            from werkzeugkoffer.results import store as store_module

            setup = store_module.ResultStore._setup

            def full_db(self, timeout):  # SQLite's own SQLITE_FULL: no page may be added
                setup(self, timeout)
                pages = self._conn.execute("PRAGMA page_count").fetchone()[0]
                self._conn.execute(f"PRAGMA max_page_count = {pages}")

            monkeypatch.setattr(store_module.ResultStore, "_setup", full_db)
        line = one_line_error(invoke("-w", root, "kit", "build", "--format", "html",
                                     "--jobs", "1"), "kits", ": cannot write: ")
        assert "no space left on device" in line
        assert not list((root / "kits").rglob("phase-*.html"))  # nothing half-written
        line = one_line_error(invoke("-w", root, "results", "import", sheet),
                              "ergebnisse.sqlite: cannot ")
        assert "no space left on device" in line or "disk" in line
        line = one_line_error(invoke("-w", root, "results", "blank", "--gemeinde", "lohra",
                                     "-o", root / "boegen"), "boegen")
        assert "no space left on device" in line
        # what was recorded is all there, and can still be read and exported
        listed = invoke("-w", root, "results", "list")
        assert listed.exit_code == 0 and "1 session with a result (1 result sheet)." in listed.output, listed.output
        assert "lohra-p1-01" in invoke("-w", root, "results", "export").output


def test_read_only_workspace_gives_one_line_messages_and_reads_its_store(tmp_path, monkeypatch):
    root = _ws_with_results(tmp_path / "ws")
    sheet = _sheet(tmp_path)
    with read_only(root) as ro:
        if ro is None:
            pytest.skip("root without mount rights: no read-only folder on this machine")
        # reading commands read the healthy store (no advice to restore a backup)
        listed = invoke("-w", ro, "results", "list")
        assert listed.exit_code == 0 and "1 session with a result (1 result sheet)." in listed.output, listed.output
        exported = invoke("-w", ro, "results", "export", "--format", "json")
        assert exported.exit_code == 0 and "lohra-p1-01" in exported.output
        # writing is refused with the right advice
        line = one_line_error(invoke("-w", ro, "results", "import", sheet), "ergebnisse.sqlite")
        assert "read-only" in line and "results import, add and delete need a writable" in line
        assert "backup" not in line
        one_line_error(invoke("-w", ro, "kit", "build", "--format", "html", "--jobs", "1"),
                       f"{ro}/kits: cannot write: ")
        one_line_error(invoke("-w", ro, "results", "blank", "--gemeinde", "lohra", "-o",
                              ro / "boegen"), f"{ro}/boegen: cannot write: ")
        one_line_error(invoke("-w", ro, "report", "lohra", "--format", "html"),
                       f"{ro}/berichte: cannot write: ")
    assert import_file(Workspace.load(root), sheet).summary.added == ("lohra-p2-01",)


def test_injected_permission_errors_give_one_line_messages(tmp_path, monkeypatch):
    """Where no read-only folder can be made (root without mount rights), the same messages
    come from an injected PermissionError."""
    root = _ws_with_results(tmp_path / "ws")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(Path, "mkdir", refuse)
    one_line_error(invoke("-w", root, "results", "blank", "--gemeinde", "lohra", "-o",
                          tmp_path / "boegen"), "boegen: cannot write: permission denied; no "
                                                "permission to write there")
    one_line_error(invoke("-w", root, "kit", "build", "--format", "html", "--jobs", "1"),
                   "kits: cannot write: permission denied")
    one_line_error(invoke("-w", root, "results", "export", "-o", tmp_path / "x.csv"),
                   "x.csv: cannot write: permission denied")
    monkeypatch.undo()

    # a store that cannot be written: reading opens it read-only, writing gets the right advice
    import sqlite3
    import urllib.parse

    access, connect = os.access, sqlite3.connect
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: (
        False if mode & os.W_OK and str(p).startswith(str(root)) else access(p, mode, **kw)))

    def read_only_connect(database, *args, uri=False, **kwargs):
        if not uri:
            database = f"file:{urllib.parse.quote(str(database))}?mode=ro"
        return connect(database, *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only_connect)
    listed = invoke("-w", root, "results", "list")
    assert listed.exit_code == 0 and "1 session with a result (1 result sheet)." in listed.output, listed.output
    line = one_line_error(invoke("-w", root, "results", "import", _sheet(tmp_path)),
                          "ergebnisse.sqlite: cannot ")
    assert "read-only" in line and "results import, add and delete need a writable" in line
    assert "backup" not in line


# -- checks never crash on what loading accepted --------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        [("end = 2027-04-11", "end = 2029-03-02\nfixed = true")],  # 732 days
        [("start = 2027-05-17\nend = 2027-06-27", "start = 2100-12-01\nend = 2100-12-31"),
         ("date = 2027-05-29", "date = 2100-12-31")],
        [("start = 2027-03-01", "start = 1990-01-01\n"), ("end = 2027-04-11", "end = 1990-03-01"),
         ("date = 2027-03-13", "date = 1990-01-01")],
        [("expected = 12", "expected = 1000000000")],
        [('ortsteil = "Altenvers"\n', 'ortsteil = "Altenvers"\ncapacity = 0\n'),
         ("population = 5597", "population = 0")],
    ],
    ids=["longest-phase", "last-year", "first-year", "huge-expected", "zeros"],
)
def test_checks_do_not_crash_on_extreme_valid_values(mini_ws, changes):
    for old, new in changes:
        municipality(mini_ws, old, new)
    lab(mini_ws, 'state = "HE"', 'state = "Augsburg"\ntool_cases = 0\n[rules]\nmin_weeks = 0\n'
                                 "max_weeks = 104\nmin_gap_weeks = 104")
    ws = Workspace.load(mini_ws)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        findings = run_checks(ws)
    assert not [w for w in caught if issubclass(w.category, PluginWarning)]
    assert not [f for f in findings if f.code.startswith("check-")]  # check-crashed ...
    assert all(f.file and f.path for f in findings if f.code != "more-findings")


def test_an_unforeseen_os_error_is_one_line_too(mini_ws, monkeypatch):
    def broken_disk(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", str(mini_ws / "labor.toml"))

    monkeypatch.setattr(Workspace, "load", broken_disk)
    one_line_error(invoke("-w", mini_ws, "check"), "labor.toml: Input/output error")
    with pytest.raises(OSError):  # --debug shows the traceback
        CliRunner().invoke(cli, ["-w", str(mini_ws), "--debug", "check"],
                           catch_exceptions=False)


def test_reports_after_a_format_changed_its_fields(tmp_path):
    """A result recorded before its format changed (another format, a field of another type):
    the report leaves out the values that no longer fit; the store keeps them."""
    import tomlkit
    from werkzeugkoffer import get_catalogue, to_plain

    root = _ws_with_results(tmp_path / "ws")
    fmt = to_plain(get_catalogue().get("digital.datensafari"))
    fmt["id"] = "eigen.safari"
    for fld in fmt["result_fields"]:
        if fld["name"] in ("bearbeitungen", "zufriedenheit"):
            fld.update(type="text_list")  # was a count and a rating
        if fld["name"] == "datenluecken":
            fld.update(type="count")  # was a list of texts
    for ind in fmt["indicators"]:
        ind.pop("field", None)
        ind.update(step=7, level="impact", aggregate="count")
    (root / "formate").mkdir()
    (root / "formate" / "safari.toml").write_text(tomlkit.dumps(fmt), encoding="utf-8")
    municipality(root, 'format = "digital.datensafari"', 'format = "eigen.safari"')
    stored = stored_results(Workspace.load(root))[0].result.values
    for args in (["report", "lohra", "--format", "html"], ["report", "--format", "html"],
                 ["results", "list"], ["results", "export", "--format", "json"]):
        result = invoke("-w", root, *args)
        assert result.exit_code == 0, (args, result.output)
    assert stored_results(Workspace.load(root))[0].result.values == stored  # kept as they were


def test_a_workbook_that_unpacks_to_too_much_is_refused(tmp_path, monkeypatch):
    """An .xlsx is a zip file: a small one could unpack to gigabytes (a zip bomb)."""
    import zipfile

    from fixtures import load, make_results_workspace

    ws = load(make_results_workspace(tmp_path / "ws"))
    path = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * (3 * 1024 * 1024))  # 3 MB of zeros
    assert path.stat().st_size < 20_000
    monkeypatch.setenv("WERKZEUGKOFFER_MAX_FILE_MB", "0.2")  # 10 x 0.2 MB < 3 MB
    with pytest.raises(ResultError, match=r"bombe.xlsx: workbook too large when unpacked \(3 MB"):
        import_file(ws, path)
