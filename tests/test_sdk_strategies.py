"""The SDK's Hypothesis strategies pass the health checks plugin authors get by default.

Plugin authors use :mod:`werkzeugkoffer.testing.strategies` with Hypothesis' *default* settings:
a deadline of 200 ms, which also limits the time to generate the first ten inputs to one second
(``HealthCheck.too_slow``), and every health check on. Each strategy runs here under exactly those
settings (``settings.get_profile("default")``, not this project's profile), with no example
database, for every format of the built-in plugins and for every model class, so a strategy that
gets slow, filters too much or draws too much data fails here, also on a loaded machine.

Ten examples per run are enough: the health checks look at the first ten valid inputs. What the
strategies draw is checked for validity afterwards, outside the timed test body.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeugkoffer import get_catalogue
from werkzeugkoffer.testing import (
    assert_valid_result,
    municipalities_for,
    phases_for,
    result_values,
    results_for,
    sessions_for,
    value_strategy,
)
from werkzeugkoffer.testing.strategies import MODEL_STRATEGIES

BUILTIN = ("digital", "kreativ", "partizipativ")
FORMATS = [f for f in get_catalogue() if get_catalogue().sources[f.id] in BUILTIN]

#: what a plugin author's test runs with: Hypothesis' defaults, no example database
PLUGIN_AUTHOR_SETTINGS = settings(settings.get_profile("default"), database=None, max_examples=10)

START = dt.date(2027, 3, 1)
END = dt.date(2027, 4, 11)

SDK_STRATEGIES = {
    "value_strategy": lambda fmt: _values_of_every_field(fmt),
    "result_values": lambda fmt: result_values(fmt),
    "results_for": lambda fmt: results_for(fmt),
    "sessions_for": lambda fmt: sessions_for(fmt, start=START, end=END, venues=["a", "b"]),
    "phases_for": lambda fmt: phases_for([fmt], venues=["a", "b"]),
    "municipalities_for": lambda fmt: municipalities_for([fmt]),
}


def _values_of_every_field(fmt):
    return st.fixed_dictionaries({f.name: value_strategy(f) for f in fmt.result_fields})


def draw_under_default_settings(strategy) -> list:
    """Run a ``@given`` test of ``strategy`` with the plugin author's settings; return the
    drawn values (a health check that fires raises ``FailedHealthCheck``)."""
    drawn = []

    @PLUGIN_AUTHOR_SETTINGS
    @given(strategy)
    def test(value):
        drawn.append(value)

    test()
    return drawn


def test_the_defaults_are_the_plugin_authors():
    """The settings used here are Hypothesis' defaults, with every health check on."""
    assert PLUGIN_AUTHOR_SETTINGS.suppress_health_check == ()
    assert PLUGIN_AUTHOR_SETTINGS.deadline == dt.timedelta(milliseconds=200)
    assert len(FORMATS) >= 20 and {f.id.split(".")[0] for f in FORMATS} == set(BUILTIN)


@pytest.mark.parametrize("name", list(SDK_STRATEGIES))
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.id)
def test_sdk_strategy_passes_the_default_health_checks(fmt, name):
    drawn = draw_under_default_settings(SDK_STRATEGIES[name](fmt))
    assert len(drawn) >= 10
    fields = {f.name for f in fmt.result_fields}
    required = {f.name for f in fmt.result_fields if f.required}
    for value in drawn:
        if name == "value_strategy":
            assert set(value) == fields
        elif name == "result_values":
            assert required <= set(value) <= fields
        elif name == "results_for":
            assert_valid_result(fmt, value)
        elif name == "sessions_for":
            assert value.format == fmt.id and START <= value.date <= value.last_date <= END
        elif name == "phases_for":
            assert value.sessions and all(s.format == fmt.id for s in value.sessions)
        else:
            assert [p.number for p in value.phases] == [1, 2]


@pytest.mark.parametrize("cls", list(MODEL_STRATEGIES), ids=lambda c: c.__name__)
def test_model_strategy_passes_the_default_health_checks(cls):
    drawn = draw_under_default_settings(MODEL_STRATEGIES[cls])
    assert len(drawn) >= 10 and all(isinstance(obj, cls) for obj in drawn)
