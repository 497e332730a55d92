"""Crash and concurrency: SIGKILL in the middle of an import, eight importers at once."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from fixtures import (
    HEADER,
    count_results,
    datensafari_rows,
    datensafari_sessions,
    load,
    make_results_workspace,
    write_csv,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

# An import that stops inside its write transaction (half of the rows inserted) and waits to be
# killed: sqlite3.connect is wrapped so that the store's executemany of results pauses there.
SLOW_IMPORT = r"""
import functools, sqlite3, sys, time

class Slow(sqlite3.Connection):
    def executemany(self, sql, rows):
        if not sql.lstrip().startswith("INSERT INTO results"):
            return super().executemany(sql, rows)
        rows = list(rows)
        def paced():
            for i, row in enumerate(rows):
                if i == len(rows) // 2:
                    print("inside", flush=True)
                    time.sleep(120)
                yield row
        return super().executemany(sql, paced())

sqlite3.connect = functools.partial(sqlite3.connect, factory=Slow)
from werkzeugkoffer import Workspace
from werkzeugkoffer.results import import_file
ws = Workspace.load(sys.argv[1])
import_file(ws, sys.argv[2])
print("finished", flush=True)
"""


def cli(root, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "werkzeugkoffer", "-w", str(root), *map(str, args)],
        capture_output=True, text=True, **kwargs,
    )


def integrity(root):
    conn = sqlite3.connect(root / "ergebnisse.sqlite")
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def big(tmp_path):
    """A workspace with 60 sessions per municipality and one file with every datensafari result."""
    root = make_results_workspace(tmp_path / "ws", sessions_per_phase=30)
    ws = load(root)
    sessions = datensafari_sessions(ws)
    rows = [HEADER]
    for sid in sessions:
        rows += datensafari_rows(sid, entries=150)
    path = write_csv(tmp_path / "gross.csv", rows)
    return root, sessions, path, len(rows) - 1


def test_sigkill_inside_the_write_transaction_leaves_all_or_nothing(big):
    root, sessions, path, nrows = big
    assert nrows > 10_000
    proc = subprocess.Popen([sys.executable, "-c", SLOW_IMPORT, str(root), str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "inside", proc.stderr.read()
        # half of the rows are written in the open transaction: kill it there
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert integrity(root) == "ok"
    assert count_results(root, sessions) == 0
    done = cli(root, "results", "import", path)
    assert done.returncode == 0, done.stderr
    assert count_results(root, sessions) == len(sessions)
    assert integrity(root) == "ok"


def test_sigkill_at_random_moments_of_a_cli_import(big):
    root, sessions, path, _ = big
    for delay in (0.15, 0.35, 0.55, 0.7, 0.85, 1.0, 1.3, 1.8):
        proc = subprocess.Popen(
            [sys.executable, "-m", "werkzeugkoffer", "-w", str(root), "results", "import",
             str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        if (root / "ergebnisse.sqlite").exists():
            assert integrity(root) == "ok"
        stored = count_results(root, sessions)
        assert stored in (0, len(sessions)), f"partial import after {delay} s: {stored}"
        if stored:
            break
    done = cli(root, "results", "import", path)
    assert done.returncode == 0, done.stderr
    assert count_results(root, sessions) == len(sessions)
    assert integrity(root) == "ok"


def test_eight_processes_importing_different_files_at_once(tmp_path):
    towns = {f"ort{i}": (f"Ort {i}", f"0653400{i}", ["Mitte", "Nord", "Süd"]) for i in range(8)}
    root = make_results_workspace(tmp_path / "ws", towns=towns, sessions_per_phase=10)
    ws = load(root)
    files = []
    expected = []
    for i in range(8):
        sessions = [s for s in datensafari_sessions(ws) if s.startswith(f"ort{i}-")]
        rows = [HEADER] + [r for sid in sessions for r in datensafari_rows(sid, entries=200)]
        files.append(write_csv(tmp_path / f"datei-{i}.csv", rows))
        expected += sessions
    procs = [
        subprocess.Popen([sys.executable, "-m", "werkzeugkoffer", "-w", str(root), "results",
                          "import", str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for f in files
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "added" in out
    assert count_results(root) == len(expected) == 80
    assert count_results(root, expected) == len(expected)
    assert integrity(root) == "ok"
    conn = sqlite3.connect(root / "ergebnisse.sqlite")
    assert conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 8
    conn.close()
