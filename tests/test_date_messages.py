"""Dates typed wrong in a workspace file: the message says what is wrong with the date, and the
TOML parser's own messages reach the reader in the reader's language, with line and column."""

import pytest
from werkzeugkoffer import Workspace
from werkzeugkoffer.errors import InputError


def load_error(ws) -> str:
    with pytest.raises(InputError) as info:
        Workspace.load(ws)
    return str(info.value)


def set_date(ws, written: str):
    path = ws / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8")
    assert "date = 2027-03-13\n" in text
    path.write_text(text.replace("date = 2027-03-13\n", f"date = {written}\n", 1),
                    encoding="utf-8")
    return text[: text.index("date = 2027-03-13")].count("\n") + 1


GERMAN = [
    ('"2022-02-31"', "phases[0].sessions[0].date: ungültiges Datum „2022-02-31“: den 31. "
                     "Februar 2022 gibt es nicht"),
    ('"15.06.2022"', "phases[0].sessions[0].date: ungültiges Datum „15.06.2022“: schreiben Sie "
                     "2022-06-15 (Datumsangaben als JJJJ-MM-TT)"),
    ('"2022-13-01"', "ungültiges Datum „2022-13-01“: einen Monat 13 gibt es nicht"),
]
ENGLISH = [
    ('"2022-02-31"', 'phases[0].sessions[0].date: invalid date "2022-02-31": February 2022 has '
                     "no day 31"),
    ('"15.06.2022"', 'invalid date "15.06.2022": write 2022-06-15 (dates as YYYY-MM-DD)'),
    ('"2024-02-30"', 'invalid date "2024-02-30": February 2024 has no day 30'),
    ('"morgen"', 'invalid date "morgen" (expected YYYY-MM-DD)'),
]


@pytest.mark.parametrize("written, expected", ENGLISH)
def test_a_date_in_quotes_says_what_is_wrong(mini_ws, written, expected):
    set_date(mini_ws, written)
    assert expected in load_error(mini_ws)


@pytest.mark.parametrize("written, expected", GERMAN)
def test_a_date_in_quotes_in_german(mini_ws, monkeypatch, written, expected):
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    set_date(mini_ws, written)
    assert expected in load_error(mini_ws)


def test_an_unquoted_date_that_does_not_exist_is_explained_with_line_and_column(
        mini_ws, monkeypatch):
    line = set_date(mini_ws, "2022-02-31")
    assert load_error(mini_ws) == (
        f'gemeinden/lohra.toml: phases[0].sessions[0].date: invalid date "2022-02-31": February '
        f"2022 has no day 31 (line {line}, column 8)")
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    message = load_error(mini_ws)
    assert message == (
        f"gemeinden/lohra.toml: phases[0].sessions[0].date: ungültiges Datum „2022-02-31“: den "
        f"31. Februar 2022 gibt es nicht (Zeile {line}, Spalte 8)")
    assert "expected" not in message and "between" not in message


def test_an_unquoted_german_date_gets_its_iso_form(mini_ws, monkeypatch):
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    line = set_date(mini_ws, "15.06.2022")
    assert load_error(mini_ws) == (
        f"gemeinden/lohra.toml: phases[0].sessions[0].date: ungültiges Datum „15.06.2022“: "
        f"schreiben Sie 2022-06-15 (Datumsangaben als JJJJ-MM-TT) (Zeile {line}, Spalte 13)")


@pytest.mark.parametrize("text, german", [
    ("a = 1\na = 2", "a: zweimal gesetzt: jeden Schlüssel (und jede [Tabelle]) nur einmal je "
                     "Tabelle (Zeile 2, Spalte 1)"),
    ("a = ", "a: Wert fehlt oder Text ohne Anführungszeichen (schreiben Sie "),
    ('a = "x', "a: Text nicht abgeschlossen: das schließende Anführungszeichen \" fehlt"),
    ("a = [1, 2", "a: Liste nicht abgeschlossen: ] fehlt (Zeile 1, Spalte 10)"),
    ("a = tru", "a: erwartet wird true oder false"),
    ("a = 10:61", "a: ungültige Uhrzeit „10:61“"),
    ("ä = 1", "ä: Schlüssel mit anderen Zeichen als a-z"),
])
def test_toml_syntax_errors_in_german(monkeypatch, text, german):
    from werkzeugkoffer.files import parse_toml

    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    with pytest.raises(InputError) as info:
        parse_toml(text, "x.toml")
    assert f"x.toml: {german}" in str(info.value)
    assert " at line " not in str(info.value)


def test_an_unknown_parser_message_is_wrapped_with_its_position(monkeypatch):
    from werkzeugkoffer.files import _rtoml_message

    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    assert _rtoml_message("something new, expected X at line 2 column 3", "a = 1\nb = ?",
                          "x.toml") == ("x.toml: b: ungültiges TOML in Zeile 2, Spalte 3 "
                                        "(something new, expected X)")


def test_a_result_day_that_does_not_exist(monkeypatch):
    from werkzeugkoffer.dates import no_such_day

    assert no_such_day(2027, 2, 31) == "February 2027 has no day 31"
    assert no_such_day(2027, 2, 28) is None
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    assert no_such_day(2027, 2, 31) == "den 31. Februar 2027 gibt es nicht"


def test_result_days_in_german_messages_as_in_the_checks(monkeypatch):
    """One style for dates in German messages: 5.9.2022 (checks, schedule, results)."""
    import datetime as dt

    from werkzeugkoffer.prose import day, dmy

    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    assert day(dt.date(2022, 9, 5)) == dmy(dt.date(2022, 9, 5)) == "5.9.2022"


def test_a_day_that_is_not_an_opening_day_in_german(example_dir, monkeypatch):
    from werkzeugkoffer import Workspace
    from werkzeugkoffer.results.values import Bad
    from werkzeugkoffer.results.validation import match_day, session_info

    ws = Workspace.load(example_dir)
    sid = next(sid for sid, (_s, _p, s) in ws.sessions().items() if s.end_date)
    info = session_info(ws, sid)
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    with pytest.raises(Bad) as bad:
        match_day(info, "01.01.2020")
    assert str(bad.value).startswith("1.1.2020 ist kein Öffnungstag")
    first = info.session.date
    assert f"{first.day}.{first.month}.{first.year}" in str(bad.value)
    with pytest.raises(Bad) as bad:
        match_day(info, "31.02.2027")
    assert str(bad.value) == "„31.02.2027“ ist kein Datum: den 31. Februar 2027 gibt es nicht"
