"""Loading workspaces: strict, and every error names the file and the field."""

import pytest
import tomlkit
from fixtures import mini_lab, mini_municipality, toml_text, write_mini_workspace_toml
from hypothesis import given
from hypothesis import strategies as st
from werkzeugkoffer import InputError, WerkzeugkofferError, Workspace, WorkspaceError, to_plain


def load_error(root) -> str:
    with pytest.raises(WorkspaceError) as info:
        Workspace.load(root)
    return str(info.value)


def test_mini_workspace_loads(mini_ws):
    ws = Workspace.load(mini_ws)
    assert ws.lab.name == "Testlabor"
    lohra = ws.municipalities["lohra"]
    assert lohra.ags == "06534013"
    assert [p.number for p in lohra.phases] == [1, 2]
    assert ws.sessions()["lohra-p1-01"][0:2] == ("lohra", 1)


def test_the_hand_written_mini_workspace_is_the_built_one(tmp_path):
    """The text the fault tests edit (fixtures.MINI_*_TOML) reads as the model objects the other
    tests build."""
    ws = Workspace.load(write_mini_workspace_toml(tmp_path / "text"))
    assert ws.lab == mini_lab()
    assert ws.municipalities == {"lohra": mini_municipality()}


def test_missing_workspace(tmp_path):
    assert "workspace folder not found" in load_error(tmp_path / "nope")
    message = load_error(tmp_path)
    assert "labor.toml missing" in message and "werkzeugkoffer init" in message


def _session(data):
    return data["phases"][0]["sessions"][0]


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d.update(ags="6534013"), 'gemeinden/lohra.toml: ags: invalid AGS "6534013"'),
        (lambda d: d.update(population="viele"),
         "gemeinden/lohra.toml: population: expected a whole number"),
        (lambda d: _session(d).update(date="2027-02-30"),
         'gemeinden/lohra.toml: phases[0].sessions[0].date: invalid date "2027-02-30"'),
        (lambda d: _session(d).update(start="25:00"),
         'phases[0].sessions[0].start: invalid time "25:00"'),
        (lambda d: _session(d).update(expectd=3),
         "gemeinden/lohra.toml: phases[0].sessions[0]: unknown field: expectd"),
        (lambda d: d.pop("name"), "gemeinden/lohra.toml: name: required field missing"),
        (lambda d: d["venues"][1].update(id="Rat Haus"), 'venues[1].id: invalid name "Rat Haus"'),
    ],
    ids=["ags", "population", "date", "time", "unknown-field", "missing-field", "venue-id"],
)
def test_bad_municipality_file_names_file_and_field(mini_ws, change, expected):
    data = to_plain(mini_municipality())
    change(data)
    (mini_ws / "gemeinden" / "lohra.toml").write_text(tomlkit.dumps(data), encoding="utf-8")
    assert expected in load_error(mini_ws)


def test_invalid_toml_names_the_file(mini_ws):
    path = mini_ws / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8")
    assert "number = 1\n" in text
    path.write_text(text.replace("number = 1\n", "number = 1\nnumber = 2\n", 1), encoding="utf-8")
    assert "gemeinden/lohra.toml: phases[0].number: set twice" in load_error(mini_ws)


def test_empty_and_binary_files(mini_ws):
    (mini_ws / "gemeinden" / "leer.toml").write_text("  \n", encoding="utf-8")
    (mini_ws / "gemeinden" / "latin.toml").write_bytes('name = "Cölbe"'.encode("latin-1"))
    message = load_error(mini_ws)
    assert "gemeinden/leer.toml: file is empty" in message
    assert "gemeinden/latin.toml: not UTF-8 text" in message


def test_all_errors_are_collected(mini_ws):
    (mini_ws / "labor.toml").write_text('name = 3\norganiser = "x"\n', encoding="utf-8")
    (mini_ws / "gemeinden" / "b.toml").write_text('name = "B"\nags = "x"\npopulation = 1\n', encoding="utf-8")
    message = load_error(mini_ws)
    assert "labor.toml: name: expected text, got 3" in message
    assert 'gemeinden/b.toml: ags: invalid AGS "x"' in message


def test_bad_file_name(mini_ws):
    (mini_ws / "gemeinden" / "Bad Name.toml").write_text("", encoding="utf-8")
    assert "gemeinden/Bad Name.toml: file name must be a slug" in load_error(mini_ws)


def test_workspace_format_file(mini_ws, tmp_path):
    from werkzeugkoffer import get_catalogue

    source = get_catalogue()["digital.datensafari"]
    import tomlkit
    from werkzeugkoffer import to_plain

    data = to_plain(source)
    data["id"] = "eigen.safari"
    (mini_ws / "formate").mkdir()
    (mini_ws / "formate" / "safari.toml").write_text(tomlkit.dumps(data), encoding="utf-8")
    ws = Workspace.load(mini_ws)
    assert ws.catalogue.sources["eigen.safari"] == "formate/safari.toml"
    assert "eigen.safari" not in get_catalogue()  # the plugin catalogue is not changed

    data["agenda"] = data["agenda"][:-1]
    (mini_ws / "formate" / "safari.toml").write_text(tomlkit.dumps(data), encoding="utf-8")
    assert "formate/safari.toml: agenda: steps add up to" in load_error(mini_ws)

    data["id"] = "digital.datensafari"
    data["agenda"] = to_plain(source)["agenda"]
    (mini_ws / "formate" / "safari.toml").write_text(tomlkit.dumps(data), encoding="utf-8")
    assert ('formate/safari.toml: id: the namespace "digital." is reserved for the built-in plugin '
            '"digital"') in load_error(mini_ws)


def write_own_format(ws, name: str, **changes):
    import tomlkit
    from werkzeugkoffer import get_catalogue, to_plain

    data = to_plain(get_catalogue()["partizipativ.dorfspaziergang"])
    data.update(changes)
    (ws / "formate").mkdir(exist_ok=True)
    (ws / "formate" / f"{name}.toml").write_text(tomlkit.dumps(data), encoding="utf-8")


def test_a_workspace_format_overrides_a_builtin_one_only_explicitly(mini_ws):
    write_own_format(mini_ws, "spaziergang", title="Unser Dorfspaziergang")
    assert ('formate/spaziergang.toml: id: the namespace "partizipativ." is reserved for the '
            'built-in plugin "partizipativ"; use your lab\'s own (e.g. "labor.dorfspaziergang"), '
            'or replaces = "partizipativ.dorfspaziergang"') in load_error(mini_ws)
    write_own_format(mini_ws, "spaziergang", title="Unser Dorfspaziergang",
                     replaces="partizipativ.dorfspaziergang")
    ws = Workspace.load(mini_ws)
    assert ws.catalogue["partizipativ.dorfspaziergang"].title == "Unser Dorfspaziergang"
    assert ws.catalogue.sources["partizipativ.dorfspaziergang"] == "formate/spaziergang.toml"
    assert str(ws.catalogue.replaced["partizipativ.dorfspaziergang"]) == (
        '"partizipativ.dorfspaziergang" of plugin "partizipativ" is replaced by '
        "formate/spaziergang.toml"
    )


def test_two_workspace_files_with_one_id_name_both(mini_ws):
    write_own_format(mini_ws, "a", id="labor.spaziergang")
    write_own_format(mini_ws, "b", id="labor.spaziergang")
    assert ('formate/b.toml: id: format id "labor.spaziergang" is also registered by '
            "formate/a.toml") in load_error(mini_ws)


def test_a_workspace_format_replacing_another_id(mini_ws):
    write_own_format(mini_ws, "a", id="labor.spaziergang", replaces="partizipativ.dorfspazirgang")
    assert ('formate/a.toml: replaces: no format "partizipativ.dorfspazirgang" to replace '
            '(did you mean "partizipativ.dorfspaziergang"?)') in load_error(mini_ws)
    write_own_format(mini_ws, "a", id="labor.spaziergang", replaces="partizipativ.dorfspaziergang")
    cat = Workspace.load(mini_ws).catalogue
    assert "partizipativ.dorfspaziergang" not in cat and "labor.spaziergang" in cat
    assert '; use "labor.spaziergang")' in cat.did_you_mean("partizipativ.dorfspaziergang")


# -- fuzzing: nothing but the project's own error type ever escapes the loader -----------------

toml_fragments = st.sampled_from(
    [
        "", "[[phases]]", "[[phases.sessions]]", "[[venues]]", "number = 1", "number = 3",
        'id = "x"', 'ags = "06534013"', "population = -1", "start = 2027-02-28", "end = 2026-01-01",
        "date = 10:00", 'format = "digital.datensafari"', "expected = 1e9", "x = [1, 'a']",
        "[contact]", 'name = "Ä"', "ortsteile = [1, 2]", "= broken", "[[phases]]\nnumber = 2",
        "start = 1979-05-27T07:32:00Z", "venues = 3", 'phases = "zwei"', "sessions = []",
        # the mutation classes of issue 15: numbers too large, deep nesting, control characters,
        # long and reserved ids, out-of-range dates and spans, negative counts, odd digits
        "population = " + "9" * 5000, "expected = 99999999999999999999", "x = " + "[" * 1000,
        "x = " + "{a=" * 1000 + "1" + "}" * 1000, "[" + ".".join(["a"] * 5000) + "]",
        'id = "lohra-p1-01\\n"', 'id = "' + "x" * 260 + '"', 'id = "con"',
        'name = "\\u0000\\u001b"',
        "date = 0001-01-01", "end_date = 9999-12-31", "end = 2101-01-01", "capacity = -1",
        'ags = "٠٦٥٣٤٠١٣"', "expected = -5", 'state = "XX"', "min_gap_weeks = 1000000000",
    ]
)


MINI_LAB_TEXT = toml_text(mini_lab())
MINI_MUNICIPALITY_TEXT = toml_text(mini_municipality())


def _mutate(text: str, data) -> str:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["drop", "insert", "replace", "garble"]))
        i = data.draw(st.integers(0, max(0, len(lines) - 1)))
        if action == "drop" and lines:
            lines.pop(i)
        elif action == "insert":
            lines.insert(i, data.draw(toml_fragments))
        elif action == "replace" and lines:
            key = lines[i].split("=", 1)[0]
            lines[i] = key + "= " + data.draw(st.sampled_from(
                ['"?"', "0", "true", "[]", "{}", "2027-13-01", "-1", "9" * 30, "1990-01-01",
                 "2100-12-31", '"23:59"', '"a\\tb"', "1000000001"]))
        elif action == "garble" and lines:
            lines[i] = data.draw(st.text(max_size=20))
    return "\n".join(lines)


@given(data=st.data())
def test_mutated_files_give_only_domain_errors(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "gemeinden").mkdir()
    lab = _mutate(MINI_LAB_TEXT, data) if data.draw(st.booleans()) else MINI_LAB_TEXT
    (root / "labor.toml").write_text(lab, encoding="utf-8")
    municipality = _mutate(MINI_MUNICIPALITY_TEXT, data)
    (root / "gemeinden" / "lohra.toml").write_text(municipality, encoding="utf-8")
    try:
        ws = Workspace.load(root)
    except WerkzeugkofferError as exc:
        assert str(exc).startswith(("labor.toml: ", "gemeinden/lohra.toml: ")), str(exc)
        return
    import warnings

    from werkzeugkoffer import run_checks
    from werkzeugkoffer.pluginmanager import PluginWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        findings = run_checks(ws)  # checks on any loadable workspace must not crash either
    assert not [w for w in caught if issubclass(w.category, PluginWarning)], caught
    assert not [f for f in findings if f.code.startswith("check-")], findings


@given(raw=st.binary(max_size=200))
def test_random_bytes_give_only_domain_errors(tmp_path_factory, raw):
    root = tmp_path_factory.mktemp("bytes")
    (root / "gemeinden").mkdir()
    (root / "labor.toml").write_text(MINI_LAB_TEXT, encoding="utf-8")
    (root / "gemeinden" / "x.toml").write_bytes(raw)
    with pytest.raises(InputError):
        Workspace.load(root)
