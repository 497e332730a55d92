"""Editing workspace files with tomlkit: comments and order kept, validated, written atomically."""

import datetime as dt
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeugkoffer import InputError, Municipality, Phase, Session, converter
from werkzeugkoffer.planning import tomledit
from werkzeugkoffer.testing.strategies import phases as phase_strategy

FILE = """\
# Lohra: a small test municipality (comment at the top)
name = "Lohra"  # the name
ags = "06534013"
population = 5597

[[venues]]
id = "rathaus"
name = "Rathaus Lohra"
ortsteil = "Lohra"

# ---- Phase 1: Erkunden ----
[[phases]]
number = 1
start = 2027-03-01  # Montag
end = 2027-04-11

[[phases.sessions]]
id = "lohra-p1-01"
format = "digital.datensafari"
date = 2027-03-13  # Samstag
start = "10:00"
end = "12:30"
venue = "rathaus"
expected = 12

# ---- Phase 2: Vertiefen ----
[[phases]]
number = 2
start = 2027-05-17
end = 2027-06-27
"""


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "lohra.toml"
    p.write_text(FILE, encoding="utf-8")
    return p


def test_set_dates_changes_only_the_dates(path):
    edit = tomledit.load(path, "gemeinden/lohra.toml")
    tomledit.set_phase_dates(edit, 1, dt.date(2027, 9, 6), dt.date(2027, 10, 17))
    tomledit.set_session_dates(edit, 1, "lohra-p1-01", dt.date(2027, 9, 18), None)
    assert tomledit.save([edit], cls=Municipality) == [path]
    text = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(FILE.splitlines(), text.splitlines()) if a != b]
    assert changed == [
        ("start = 2027-03-01  # Montag", "start = 2027-09-06  # Montag"),
        ("end = 2027-04-11", "end = 2027-10-17"),
        ("date = 2027-03-13  # Samstag", "date = 2027-09-18  # Samstag"),
    ]
    assert len(text.splitlines()) == len(FILE.splitlines())


def test_put_phase_replaces_and_keeps_the_following_heading(path):
    edit = tomledit.load(path)
    new = Phase(
        number=1, start=dt.date(2027, 3, 1), end=dt.date(2027, 4, 11), focus="Erkunden",
        sessions=(
            Session(id="lohra-p1-01", format="digital.datensafari", date=dt.date(2027, 3, 6),
                    start=dt.time(14), end=dt.time(16, 30), venue="rathaus", expected=10),
        ),
    )
    tomledit.put_phase(edit, new)
    tomledit.save([edit], cls=Municipality)
    text = path.read_text(encoding="utf-8")
    assert "# Lohra: a small test municipality (comment at the top)" in text
    assert 'name = "Lohra"  # the name' in text
    assert "# ---- Phase 2: Vertiefen ----\n[[phases]]\nnumber = 2" in text
    data = tomllib.loads(text)
    m = converter.structure(data, Municipality)
    assert m.phase(1) == new and m.phase(2).start == dt.date(2027, 5, 17)


def test_put_phase_adds_a_missing_phase_in_order(path):
    text = FILE.split("# ---- Phase 2")[0]
    path.write_text(text.replace("number = 1", "number = 2"), encoding="utf-8")
    edit = tomledit.load(path)
    tomledit.put_phase(edit, Phase(number=1, start=dt.date(2026, 9, 7), end=dt.date(2026, 10, 18)),
                       comment="Phase 1 from a template")
    tomledit.save([edit], cls=Municipality)
    m = converter.structure(tomllib.loads(path.read_text(encoding="utf-8")), Municipality)
    assert [p.number for p in m.phases] == [1, 2]
    text = path.read_text(encoding="utf-8")
    assert "# Phase 1 from a template" in text and "end = 2026-10-18\n\n[[phases]]" in text


def test_put_phase_into_a_file_without_phases(tmp_path):
    p = tmp_path / "x.toml"
    p.write_text('# just a name\nname = "X"\nags = "12345678"\npopulation = 1\n', encoding="utf-8")
    edit = tomledit.load(p)
    tomledit.put_phase(edit, Phase(number=2, start=dt.date(2027, 1, 4), end=dt.date(2027, 2, 14)))
    tomledit.save([edit], cls=Municipality)
    m = converter.structure(tomllib.loads(p.read_text(encoding="utf-8")), Municipality)
    assert m.phases[0].number == 2 and p.read_text(encoding="utf-8").startswith("# just a name")


def test_invalid_result_is_not_written(path):
    edit = tomledit.load(path, "gemeinden/lohra.toml")
    edit.doc["population"] = "viele"
    with pytest.raises(InputError) as exc:
        tomledit.save([edit], cls=Municipality)
    assert "gemeinden/lohra.toml: population" in str(exc.value)
    assert path.read_text(encoding="utf-8") == FILE


def test_all_files_validated_before_any_is_written(tmp_path, path):
    other = tmp_path / "other.toml"
    other.write_text(FILE, encoding="utf-8")
    good = tomledit.load(path)
    tomledit.set_phase_dates(good, 1, dt.date(2027, 9, 6), dt.date(2027, 10, 17))
    bad = tomledit.load(other, "other.toml")
    bad.doc["ags"] = "123"
    with pytest.raises(InputError, match="other.toml: ags"):
        tomledit.save([good, bad], cls=Municipality)
    assert path.read_text(encoding="utf-8") == FILE


def test_a_file_changed_meanwhile_is_not_overwritten(path):
    edit = tomledit.load(path)
    tomledit.set_phase_dates(edit, 1, dt.date(2027, 9, 6), dt.date(2027, 10, 17))
    path.write_text(FILE + "\n# edited by hand meanwhile\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed while"):
        tomledit.save([edit])
    assert path.read_text(encoding="utf-8").endswith("# edited by hand meanwhile\n")


def test_unchanged_files_are_not_touched(path):
    before = path.stat().st_mtime_ns
    edit = tomledit.load(path)
    assert tomledit.save([edit]) == []
    assert path.stat().st_mtime_ns == before


def test_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("name = [", encoding="utf-8")
    with pytest.raises(InputError, match=r"gemeinden/bad.toml: name: list not closed: \] is missing"):
        tomledit.load(bad, "gemeinden/bad.toml")
    with pytest.raises(InputError, match="file not found"):
        tomledit.load(tmp_path / "missing.toml")


def test_inline_phases_are_refused_clearly(tmp_path):
    p = tmp_path / "inline.toml"
    p.write_text('phases = [{number = 1, start = 2027-01-04, end = 2027-02-14}]\n', encoding="utf-8")
    edit = tomledit.load(p, "inline.toml")
    with pytest.raises(InputError, match="inline array"):
        tomledit.put_phase(edit, Phase(number=2, start=dt.date(2027, 5, 3), end=dt.date(2027, 6, 13)))


@settings(max_examples=40)
@given(phase_strategy, st.sampled_from(["prepend", "replace"]))
def test_any_phase_reads_back_unchanged(phase, mode):
    """Whatever phase is written, the file reads back as the same phase (and keeps its comment)."""
    text = FILE if mode == "replace" else FILE.split("# ---- Phase 1")[0]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "m.toml"
        p.write_text(text, encoding="utf-8")
        edit = tomledit.load(p)
        tomledit.put_phase(edit, phase)
        data = tomllib.loads(edit.text)
    m = converter.structure(data, Municipality)
    assert [q for q in m.phases if q.number == phase.number][0] == phase
    assert "# Lohra: a small test municipality (comment at the top)" in edit.text
