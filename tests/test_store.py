"""The SQLite result store: schema, migrations, transactions, history."""

import sqlite3

import pytest
from fixtures import datensafari_values, load, make_results_workspace
from werkzeugkoffer import Result, ResultError
from werkzeugkoffer.results import store as store_mod
from werkzeugkoffer.results import validate_result
from werkzeugkoffer.results.store import ResultStore, content_hash


@pytest.fixture
def ws(tmp_path):
    return load(make_results_workspace(tmp_path / "ws"))


def record(ws, session="lohra-p1-02", n=1, **kw):
    return validate_result(ws, Result(session=session, values=datensafari_values(n), **kw))


def test_new_store_has_schema_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "ergebnisse.sqlite"
    with ResultStore(path) as st:
        assert st.schema_version == store_mod.SCHEMA_VERSION == len(store_mod.MIGRATIONS)
        conn = st._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert st.integrity_check() == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"schema_version", "imports", "results", "history"} <= tables
    # reopening changes nothing
    with ResultStore(path) as st:
        assert st.schema_version == store_mod.SCHEMA_VERSION


def test_migrations_upgrade_an_older_file_and_keep_its_data(tmp_path, ws, monkeypatch):
    path = tmp_path / "ergebnisse.sqlite"
    with ResultStore(path) as st:
        st.save([record(ws)])
    extra = ("ALTER TABLE results ADD COLUMN checked INTEGER NOT NULL DEFAULT 0",)
    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS + (extra,))
    with ResultStore(path) as st:
        assert st.schema_version == len(store_mod.MIGRATIONS) == store_mod.SCHEMA_VERSION + 1
        assert st.get("lohra-p1-02") is not None
        cols = [r[1] for r in st._conn.execute("PRAGMA table_info(results)")]
        assert "checked" in cols
        versions = [r[0] for r in st._conn.execute("SELECT version FROM schema_version")]
        assert versions == list(range(1, store_mod.SCHEMA_VERSION + 2))


def test_a_newer_schema_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "ergebnisse.sqlite"
    ResultStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (99, 'later')")
    conn.commit()
    conn.close()
    with pytest.raises(ResultError, match="schema version 99.*update werkzeugkoffer"):
        ResultStore(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == 99
    conn.close()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "ergebnisse.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ResultError, match="not a readable result database"):
        ResultStore(path)
    assert path.read_bytes().startswith(b"this is not sqlite")  # untouched


def test_same_content_is_stored_once_different_content_conflicts(tmp_path, ws):
    with ResultStore(tmp_path / "e.sqlite") as st:
        first = st.save([record(ws)], file_name="a.csv", file_hash="h1", rows=9)
        assert first.added == ("lohra-p1-02",) and first.import_id is not None
        again = st.save([record(ws)], file_name="a.csv", file_hash="h1", rows=9)
        assert again.unchanged == ("lohra-p1-02",) and not again.changed
        assert len(st.imports()) == 1  # nothing changed: no second log entry
        with pytest.raises(ResultError, match="already has a different result") as info:
            st.save([record(ws, n=2), record(ws, "lohra-p1-04")])
        assert "session lohra-p1-02" in str(info.value)
        assert st.count() == 1 and st.get("lohra-p1-04") is None  # all or nothing
        done = st.save([record(ws, n=2)], replace=True)
        assert done.replaced == ("lohra-p1-02",)
        assert st.get("lohra-p1-02").result.values["bearbeitungen"] == 42
        history = st.history("lohra-p1-02")
        assert [h["reason"] for h in history] == ["replaced"]
        assert history[0]["values"]["bearbeitungen"] == 41  # the old result is kept


def test_content_hash_ignores_who_typed_it(ws):
    a = record(ws, recorded_by="Kim").result
    b = record(ws, recorded_by="Alex").result
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(record(ws, n=5).result)


def test_two_results_for_one_session_in_one_write_are_refused(tmp_path, ws):
    with ResultStore(tmp_path / "e.sqlite") as st:
        with pytest.raises(ResultError, match="more than one result for session"):
            st.save([record(ws), record(ws, n=2)])
        assert st.count() == 0


def test_delete_moves_results_to_history(tmp_path, ws):
    with ResultStore(tmp_path / "e.sqlite") as st:
        st.save([record(ws), record(ws, "lohra-p1-04")])
        assert st.delete(["lohra-p1-02", "nope"]) == ["lohra-p1-02"]
        assert st.get("lohra-p1-02") is None and st.count() == 1
        assert [h["reason"] for h in st.history()] == ["deleted"]
        # a deleted result can be recorded again
        assert st.save([record(ws)]).added == ("lohra-p1-02",)


def test_an_error_inside_a_transaction_rolls_everything_back(tmp_path, ws):
    with ResultStore(tmp_path / "e.sqlite") as st:
        with pytest.raises(RuntimeError):
            with st.transaction() as conn:
                conn.execute(
                    "INSERT INTO imports (file_name, file_hash, imported_at, results, rows) "
                    "VALUES ('x', 'y', 'z', 1, 1)")
                raise RuntimeError("power cut")
        assert st.imports() == []


def test_foreign_keys_are_enforced(tmp_path, ws):
    with ResultStore(tmp_path / "e.sqlite") as st:
        with pytest.raises(sqlite3.IntegrityError):
            with st.transaction() as conn:
                conn.execute(
                    'INSERT INTO results (session, municipality, phase, format, participants, '
                    '"values", content_hash, import_id, recorded_at) '
                    "VALUES ('s', 'm', 1, 'f', '{}', '{}', 'h', 12345, 'now')")


def test_filters_by_municipality_and_phase(tmp_path, ws):
    with ResultStore(tmp_path / "e.sqlite") as st:
        st.save([record(ws, s) for s in ("lohra-p1-02", "lohra-p2-02", "wohratal-p1-02")])
        assert [r.session for r in st.results(municipality="lohra")] == [
            "lohra-p1-02", "lohra-p2-02"]
        assert [r.session for r in st.results(phase=1)] == ["lohra-p1-02", "wohratal-p1-02"]
        assert [r.session for r in st.results(municipality=["wohratal"], phase=2)] == []
        stored = st.get("lohra-p2-02")
        assert stored.municipality == "lohra" and stored.phase == 2
        assert stored.format == "digital.datensafari"
