"""The reference docs and the JSON Schemas are made from the model and cannot drift from it.

``docs/reference/*.md`` must equal what :mod:`werkzeugkoffer.render.reference` makes from the
model; after a model change, write them anew with::

    WK_UPDATE_DOCS=1 pytest tests/test_reference.py
"""

import functools
import json
import os
import tomllib
from pathlib import Path

import attrs
import jsonschema
import pytest
import tomlkit
from click.testing import CliRunner
from hypothesis import given
from werkzeugkoffer import model, schema, to_json, to_plain
from werkzeugkoffer.cli import cli
from werkzeugkoffer.render.reference import reference_page, reference_pages
from werkzeugkoffer.testing.strategies import MODEL_STRATEGIES

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"
KINDS = list(schema.FILE_KINDS)


@functools.lru_cache(maxsize=None)
def validator(kind: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(schema.json_schema(kind))


def errors(kind: str, toml_text: str) -> list[str]:
    data = schema.toml_as_json(tomllib.loads(toml_text))
    found = []
    for e in validator(kind).iter_errors(data):
        for one in [e, *e.context]:  # oneOf (a result sheet): why each choice failed
            found.append(f"{'/'.join(map(str, one.absolute_path))}: {one.message}")
    return found


# -- the reference pages ------------------------------------------------------------------------


def test_every_field_of_every_file_is_described():
    assert schema.missing_descriptions() == []


def test_reference_pages_are_made_from_the_model():
    pages = reference_pages()
    if os.environ.get("WK_UPDATE_DOCS") == "1":
        REFERENCE.mkdir(exist_ok=True)
        for name, text in pages.items():
            (REFERENCE / name).write_text(text, encoding="utf-8")
    assert sorted(p.name for p in REFERENCE.glob("*.md")) == sorted(pages)
    for name, text in pages.items():
        assert (REFERENCE / name).read_text(encoding="utf-8") == text, (
            f"docs/reference/{name} differs from the model; run "
            "WK_UPDATE_DOCS=1 pytest tests/test_reference.py"
        )


def test_every_field_is_on_its_page():
    for kind, file_kind in schema.FILE_KINDS.items():
        page = (REFERENCE / f"{kind}.md").read_text(encoding="utf-8")
        for cls in schema.classes(file_kind.cls):
            for field in attrs.fields(cls):
                assert f"| `{field.name}` |" in page, (kind, cls.__name__, field.name)


def test_a_field_without_description_stops_the_reference(monkeypatch):
    """What happens when someone adds a model field and forgets to describe it."""
    fields = {**schema.FIELDS, "Venue": dict(schema.FIELDS["Venue"])}
    del fields["Venue"]["capacity"]
    fields["Venue"]["kapazitaet"] = ("Plätze.", "Seats.")
    monkeypatch.setattr(schema, "FIELDS", fields)
    assert schema.missing_descriptions() == [
        "Venue.capacity: no description in werkzeugkoffer.schema.FIELDS",
        "Venue.kapazitaet: described in werkzeugkoffer.schema.FIELDS, but no such field",
    ]
    with pytest.raises(ValueError, match="Venue.capacity: no description"):
        reference_page("gemeinde")


# -- the JSON Schemas -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_are_valid_draft_7(kind):
    jsonschema.Draft7Validator.check_schema(schema.json_schema(kind))


def test_the_bundled_example_validates(example_dir):
    assert errors("labor", (example_dir / "labor.toml").read_text(encoding="utf-8")) == []
    files = sorted((example_dir / "gemeinden").glob("*.toml"))
    assert len(files) == 22
    for path in files:
        assert errors("gemeinde", path.read_text(encoding="utf-8")) == [], path.name
    formats = sorted(ROOT.glob("plugins/*/formate/*.toml")) + sorted(
        ROOT.glob("examples/*/*/formate/*.toml"))
    assert len(formats) > 20
    for path in formats:
        assert errors("format", path.read_text(encoding="utf-8")) == [], path.name


def test_result_sheets_validate(example_dir):
    from werkzeugkoffer import get_catalogue
    from werkzeugkoffer.testing import sample_result

    one = to_plain(sample_result(get_catalogue()["digital.datensafari"]))
    assert errors("ergebnis", tomlkit.dumps(one)) == []
    assert errors("ergebnis", tomlkit.dumps({"results": [one, one]})) == []


@pytest.mark.parametrize(
    "kind, old, new, expected",
    [
        ("labor", 'organiser = "', 'organizer = "', "'organizer' was unexpected"),
        ("labor", "tool_cases = 2", 'tool_cases = "zwei"', "tool_cases: 'zwei' is not of type"),
        ("gemeinde", 'ags = "06534013"', 'ags = "6534013"', "ags: '6534013' does not match"),
        ("gemeinde", 'name = "Lohra"\n', "", "'name' is a required property"),
        ("gemeinde", "date = 2027-", "date = 2027-01-01T10:00:00\n_ = 2027-",
         "'2027-01-01T10:00:00' does not match"),
        ("gemeinde", 'start = "10:00"', 'start = "10 Uhr"', "'10 Uhr' does not match"),
        ("gemeinde", 'format = "digital.datensafari"', 'format = "Digital Safari"',
         "'Digital Safari' does not match"),
        ("format", 'theme = "digital"', 'theme = "digitalisierung"',
         "'digitalisierung' is not one of ['digital', 'kreativ', 'partizipativ']"),
        ("format", 'type = "count"', 'type = "anzahl"', "'anzahl' is not one of"),
        ("ergebnis", "[participants]\n", "[participants]\nkids = 3\n", "'kids' is not one of"),
    ],
)
def test_a_broken_file_does_not_validate(example_dir, kind, old, new, expected):
    source = {
        "labor": example_dir / "labor.toml",
        "gemeinde": example_dir / "gemeinden" / "lohra.toml",
        "format": ROOT / "plugins" / "digital" / "formate" / "datensafari.toml",
    }
    if kind == "ergebnis":
        text = 'session = "lohra-p1-01"\n\n[participants]\nerwachsene = 4\n'
    else:
        text = source[kind].read_text(encoding="utf-8")
    assert old in text
    assert errors(kind, text) == []
    broken = errors(kind, text.replace(old, new, 1))
    assert any(expected in e for e in broken), broken


@pytest.mark.parametrize("cls, kind", [(model.Lab, "labor"), (model.Municipality, "gemeinde"),
                                       (model.Format, "format"), (model.Result, "ergebnis")],
                         ids=lambda v: getattr(v, "__name__", v))
def test_whatever_the_loader_reads_the_schema_accepts(cls, kind):
    """Any model object, written as the CLI writes it, validates: the schema is not stricter."""
    check = validator(kind)

    @given(MODEL_STRATEGIES[cls])
    def accepted(obj):
        if isinstance(obj, model.Municipality) and not obj.ags.isascii():
            # issue 15: AGS are ASCII digits (the schema says so already; the loader does not)
            obj = attrs.evolve(obj, ags="06534013")
        if isinstance(obj, model.Result):  # values may hold what only JSON can (null)
            data = json.loads(json.dumps(to_json(obj)))
        else:
            data = schema.toml_as_json(tomllib.loads(tomlkit.dumps(to_plain(obj))))
        assert [e.message for e in check.iter_errors(data)] == []

    accepted()


def test_cli_schema(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["schema", "gemeinde"])
    assert result.exit_code == 0
    assert json.loads(result.output) == schema.json_schema("gemeinde")
    result = runner.invoke(cli, ["schema"])
    assert sorted(json.loads(result.output)) == sorted(KINDS)
    result = runner.invoke(cli, ["schema", "--out", str(tmp_path / "s")])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(
        f"{k}.schema.json" for k in KINDS)
    result = runner.invoke(cli, ["schema", "gemeinden"])
    assert result.exit_code == 2 and "'gemeinden' is not one of" in result.output
