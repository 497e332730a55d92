"""Hypothesis strategies for every model class (used by the test suite and the plugin test kit).

Importing this module imports ``hypothesis``, a test dependency; the core never imports it.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from . import model as m

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)
names = st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,10}\Z")
identifiers = st.builds(lambda a, b: f"{a}.{b}", names, names) | names
small = st.integers(min_value=0, max_value=500)
positive = st.integers(min_value=1, max_value=500)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
times = st.times()


def _tuples(strategy, max_size=3):
    return st.lists(strategy, max_size=max_size).map(tuple)


materials = st.builds(
    m.Material, name=texts, quantity=positive, per_participants=st.none() | positive,
    reusable=st.booleans(), inventory=st.none() | names, note=texts,
    unit_cost=st.none() | st.floats(0, 10_000, allow_nan=False),
)
roles = st.builds(m.Role, name=texts, count=positive, description=texts, local=st.booleans())
steps = st.builds(m.Step, minutes=positive, title=texts, description=texts, who=texts)
prep_steps = st.builds(m.PrepStep, days_before=small, task=texts)
spaces = st.builds(
    m.Space, description=texts, min_area_m2=st.none() | positive, power=st.booleans(),
    wifi=st.booleans(), tables=small, chairs=small,
)
data_protections = st.builds(
    m.DataProtection, photos=st.booleans(), personal_data=st.booleans(),
    consent_needed=st.booleans(), notes=texts,
)
variations = st.builds(m.Variation, name=texts, description=texts)
result_fields = st.builds(
    m.ResultField, name=names, label=texts, type=st.sampled_from(m.ResultType), help=texts,
    required=st.booleans(), options=_tuples(texts),
    targets=st.dictionaries(texts, st.integers(0, 100), max_size=3), personal=st.booleans(),
    unit=texts,
)
indicators = st.builds(
    m.Indicator, id=names, label=texts, level=st.sampled_from(m.ImpactLevel),
    step=st.integers(1, 7), field=st.none() | names, aggregate=st.sampled_from(m.Aggregate),
    target=st.none() | st.floats(allow_nan=False, allow_infinity=False, width=32),
    unit=texts, description=texts,
)
formats = st.builds(
    m.Format, id=identifiers, version=texts, title=texts, theme=st.sampled_from(m.Theme),
    summary=texts, purpose=texts, question=texts, level=st.sampled_from(m.ParticipationLevel),
    principles=_tuples(st.sampled_from(m.Principle)),
    target_groups=_tuples(st.sampled_from(m.TargetGroup)),
    settings=_tuples(st.sampled_from(m.Setting)), space=spaces, duration_minutes=positive,
    participants_min=positive, participants_max=positive, roles=_tuples(roles),
    materials=_tuples(materials), lead_days=small, preparation=_tuples(prep_steps),
    agenda=_tuples(steps), accessibility=texts, data_protection=data_protections,
    result_fields=_tuples(result_fields), indicators=_tuples(indicators),
    variations=_tuples(variations), source=texts, licence=texts, hosts_sessions=st.booleans(),
    days=positive, template=st.none() | texts,
)
contacts = st.builds(m.Contact, name=texts, role=texts, email=texts, phone=texts)
team_members = st.builds(m.TeamMember, name=texts, role=texts, hours_per_week=small)
inventory_items = st.builds(m.InventoryItem, id=names, name=texts, quantity=small, note=texts)
phase_rule_items = st.builds(m.PhaseRule, number=st.integers(1, 2), name=texts, focus=texts)
phase_rules = st.builds(
    m.PhaseRules, min_weeks=positive, max_weeks=positive, min_gap_weeks=small,
    phases=_tuples(phase_rule_items), avoid_school_holidays=st.booleans(),
    avoid_public_holidays=st.booleans(),
)
template_sessions = st.builds(
    m.TemplateSession, format=identifiers, week=st.integers(1, 8),
    until_week=st.none() | st.integers(1, 8), count=st.integers(1, 4), weekday=st.integers(1, 7),
    start=times, end=st.none() | times, place=texts, expected=st.none() | small,
    days=st.none() | st.integers(1, 5), title=st.none() | texts, host=texts, notes=texts,
)
plan_templates = st.builds(
    m.PlanTemplate, id=names, phase=st.integers(1, 2), title=texts,
    weeks=st.none() | st.integers(1, 9), focus=texts, aims=_tuples(texts),
    sessions=_tuples(template_sessions),
)
planning_goals = st.builds(
    m.PlanningGoals, target_groups=_tuples(st.sampled_from(m.TargetGroup)),
    themes=_tuples(st.sampled_from(m.Theme)), sessions_per_phase=st.integers(1, 12),
    budget_per_phase=st.none() | st.floats(0, 10_000, allow_nan=False),
    default_consumable_cost=st.floats(0, 100, allow_nan=False),
    team_hours_per_phase=st.none() | st.floats(0, 1000, allow_nan=False),
)
labs = st.builds(
    m.Lab, name=texts, organiser=texts, state=texts, url=st.none() | texts,
    contacts=_tuples(contacts), team=_tuples(team_members), inventory=_tuples(inventory_items),
    tool_cases=positive, rules=phase_rules, goals=_tuples(texts),
    plan_templates=_tuples(plan_templates, 2), planning=planning_goals,
)
venues = st.builds(
    m.Venue, id=names, name=texts, ortsteil=texts, address=texts, capacity=st.none() | positive,
    accessible=st.booleans(), indoor=st.booleans(),
)
sessions = st.builds(
    m.Session, id=names, format=identifiers, date=dates, start=times, end=times, venue=names,
    host=texts, expected=small, title=st.none() | texts, url=st.none() | texts, notes=texts,
    end_date=st.none() | dates,
)
phases = st.builds(
    m.Phase, number=st.integers(1, 2), start=dates, end=dates, focus=texts, aims=_tuples(texts),
    sessions=_tuples(sessions), fixed=st.booleans(),
)
municipalities = st.builds(
    m.Municipality, name=texts, ags=st.from_regex(r"\A\d{8}\Z"), population=small, kind=texts,
    population_year=st.none() | st.integers(1900, 2100), main_town=st.none() | texts,
    ortsteile=_tuples(texts), ortsteile_complete=st.booleans(), contact=st.none() | contacts,
    venues=_tuples(venues), phases=_tuples(phases, 2),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=3),
    max_leaves=8,
)
results = st.builds(
    m.Result, session=names, participants=st.dictionaries(st.sampled_from(m.TargetGroup), small),
    values=st.dictionaries(names, json_values, max_size=4), recorded_by=texts, source=texts,
)

#: a strategy per model class, for round-trip tests
MODEL_STRATEGIES = {
    m.Material: materials, m.Role: roles, m.Step: steps, m.PrepStep: prep_steps,
    m.Space: spaces, m.DataProtection: data_protections, m.Variation: variations,
    m.ResultField: result_fields, m.Indicator: indicators, m.Format: formats,
    m.Contact: contacts, m.TeamMember: team_members, m.InventoryItem: inventory_items,
    m.PhaseRule: phase_rule_items, m.PhaseRules: phase_rules, m.Lab: labs, m.Venue: venues,
    m.Session: sessions, m.Phase: phases, m.Municipality: municipalities, m.Result: results,
    m.TemplateSession: template_sessions, m.PlanTemplate: plan_templates,
    m.PlanningGoals: planning_goals,
}
