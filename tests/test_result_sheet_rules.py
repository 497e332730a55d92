"""The blank result sheet marks as "Pflichtfeld" exactly what the import requires, and a bad
value is reported once."""

import datetime as dt

from click.testing import CliRunner
from werkzeugkoffer import Workspace
from werkzeugkoffer.cli import cli
from werkzeugkoffer.model import Result
from werkzeugkoffer.results.sheets import sheet_rows
from werkzeugkoffer.results.validation import result_problems, session_info


def tempo(ws):
    for sid, (_slug, _phase, s) in ws.sessions().items():
        if s.format == "partizipativ.tempo-challenge" and s.stations:
            return session_info(ws, sid)
    raise AssertionError("the example has a Tempo-Challenge at stations")


def test_station_blocks_mark_nothing_the_import_does_not_require(example_dir):
    ws = Workspace.load(example_dir)
    info = tempo(ws)
    rows = sheet_rows(info.format, info.session)
    assert {r["station"] for r in rows} == {st.venue for st in info.session.stations}
    assert not [r for r in rows if "Pflichtfeld" in r["bezeichnung"]]
    # the import agrees: a station's sheet without the ranking or the results evening is fine
    station = info.session.stations[0]
    part = Result(session=info.session.id, station=station.venue,
                  values={"umfrage_antworten": 12})
    _clean, problems = result_problems(info, part)
    assert problems == []
    # the whole session's sheet requires them, and the import does too
    whole = Result(session=info.session.id, values={"umfrage_antworten": 12})
    _clean, problems = result_problems(info, whole)
    assert any("rangliste" in p and "required" in p for p in problems)
    assert any("ergebnisveranstaltung" in p and "required" in p for p in problems)


def test_a_session_without_stations_marks_its_required_fields(example_dir):
    ws = Workspace.load(example_dir)
    for sid, (_slug, _phase, s) in ws.sessions().items():
        info = session_info(ws, sid)
        if not s.stations and any(f.required for f in info.format.result_fields):
            rows = sheet_rows(info.format, s)
            marked = {r["feld"] for r in rows if "Pflichtfeld" in r["bezeichnung"]}
            assert marked == {f.name for f in info.format.result_fields if f.required}
            return
    raise AssertionError("no session with required fields")


def test_a_wrong_number_is_reported_once(example_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    runner = CliRunner()
    ws = Workspace.load(example_copy)
    sid = next(sid for sid, (_s, _p, s) in ws.sessions().items()
               if s.format == "kreativ.mitmach-ausstellung")
    out = tmp_path / "boegen"
    assert runner.invoke(cli, ["-w", str(example_copy), "results", "blank", sid, "-o",
                               str(out)]).exit_code == 0
    sheet = out / f"ergebnis-{sid}.csv"
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    lines = [line + "ca. 60" if ";besuchende;" in line else line for line in lines]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["-w", str(example_copy), "results", "import", str(sheet)])
    assert result.exit_code == 2
    assert result.output.count("besuchende") == 1, result.output
    assert "angegeben ist „ca. 60“" in result.output
