"""Round trips of every model class through the one converter, and through TOML."""

import tomllib

import pytest
import tomlkit
from hypothesis import given
from werkzeugkoffer import Format, Lab, Municipality, converter, to_json, to_plain
from werkzeugkoffer.testing.strategies import MODEL_STRATEGIES


@pytest.mark.parametrize("cls", list(MODEL_STRATEGIES), ids=lambda c: c.__name__)
def test_round_trip_every_model_class(cls):
    @given(MODEL_STRATEGIES[cls])
    def round_trip(obj):
        assert converter.structure(converter.unstructure(obj), cls) == obj

    round_trip()


@pytest.mark.parametrize("cls", [Format, Lab, Municipality], ids=lambda c: c.__name__)
def test_round_trip_through_toml(cls):
    """What the CLI writes into a workspace file reads back as the same object."""

    @given(MODEL_STRATEGIES[cls])
    def round_trip(obj):
        text = tomlkit.dumps(to_plain(obj))
        assert converter.structure(tomllib.loads(text), cls) == obj

    round_trip()


@given(MODEL_STRATEGIES[Municipality])
def test_json_form_is_plain(m):
    import json

    data = to_json(m)
    assert json.loads(json.dumps(data)) == data


def test_material_scales_with_participants():
    from werkzeugkoffer import Material

    assert Material(name="Tablet", quantity=1, per_participants=3).needed(10) == 4
    assert Material(name="Tablet", quantity=2, per_participants=5).needed(5) == 2
    assert Material(name="Banner", quantity=2).needed(100) == 2
    assert Material(name="Tablet", quantity=1, per_participants=3).needed(0) == 1


def test_every_model_class_has_a_strategy_setting_every_field():
    """A new model class or field must come with a strategy, or round trips go untested."""
    import inspect

    import attrs
    from werkzeugkoffer import model

    classes = [
        c for _, c in inspect.getmembers(model, inspect.isclass)
        if attrs.has(c) and c.__module__ == model.__name__
    ]
    assert set(classes) == set(MODEL_STRATEGIES)
    for cls, strategy in MODEL_STRATEGIES.items():
        # st.builds(...) keeps the keyword strategies it was given
        given_fields = set(strategy.wrapped_strategy.kwargs) if hasattr(strategy, "wrapped_strategy") else set(strategy.kwargs)
        assert given_fields == {a.name for a in attrs.fields(cls)}, cls.__name__


def test_public_names_resolve():
    import werkzeugkoffer

    for name in werkzeugkoffer.__all__:
        assert getattr(werkzeugkoffer, name) is not None, name


def test_import_stays_light():
    """`import werkzeugkoffer` must not pull in WeasyPrint, jinja2, cattrs or holidays."""
    import subprocess
    import sys

    code = (
        "import sys, werkzeugkoffer; "
        "print(sorted(m for m in ('weasyprint', 'jinja2', 'cattrs', 'holidays', 'sqlite3') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names_do_not_collide_with_submodules():
    """Importing a submodule sets it as a package attribute: a public name that equals a
    submodule's name would then be the module, depending on import order."""
    import pkgutil

    import werkzeugkoffer

    modules = {m.name for m in pkgutil.iter_modules(werkzeugkoffer.__path__)}
    assert not modules & set(werkzeugkoffer.__all__)


def test_converter_is_the_converter_whatever_was_imported_first():
    import subprocess
    import sys

    code = (
        "import werkzeugkoffer.workspace, werkzeugkoffer.conversion, cattrs; "
        "from werkzeugkoffer import converter; "
        "assert isinstance(converter, cattrs.Converter), converter"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
