"""Suggesting formats for a phase: deterministic scoring with reasons (in the user's language).

:func:`suggest` proposes a set of sessions for one phase of one municipality from the lab's goals
and constraints (``[planning]`` in ``labor.toml``, see :class:`werkzeugkoffer.model.PlanningGoals`):
the character of the phase (phase 1 *Erkunden* reaches many people, phase 2 *Vertiefen* works on
topics together), themes to cover, target groups wanted, Ortsteile to reach, the team's size and
hours, the tool case inventory, the budget for consumables and the number of sessions. For
phase 2 it uses the topics phase 1 raised (:mod:`werkzeugkoffer.results.topics`: from the
content of the stored results, with their evidence): a format that fits a topic scores more,
and every top topic gets a format proposed for it (placed in the topic's Ortsteil when the topic
is a place). A format fits a topic only on evidence (:func:`_topic_fit`): a keyword of the
topic in the format's own text, a target group the topic names that the format is made for, or
a place from map points for a format that maps on site; its theme alone is not enough, and a
format only for the administration takes no residents' topic. A format that runs at stations is
proposed at one station per Ortsteil, not at one venue. Plugins add score deltas and reasons through the ``suggest_formats`` hook.
:func:`write_suggestion` writes the proposal into the municipality's file (``suggest --write``).

The same input always gives the same suggestion: scores are sums of fixed weights and ties are
broken by format id.

The selection is greedy: every round adds the format with the highest score plus its marginal
value (a theme not yet covered, a wanted target group not yet reached, a top topic not yet
worked on) that still fits the remaining budget and team hours. A format is proposed at most
once per phase, and not when the phase already has it (unless its sessions are replaced).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from typing import Any, Iterable

import attrs

from .. import pluginmanager
from ..errors import InputError, PlanningError, WerkzeugkofferError
from ..i18n import _, is_german, ngettext, thousands
from ..prose import dmy
from ..model import (
    Format,
    Lab,
    Municipality,
    PlanTemplate,
    ResultType,
    Setting,
    TargetGroup,
    TemplateSession,
    Theme,
    TopicRole,
    Venue,
)
from ..results.store import recorded_sessions
from ..results.topics import Evidence, Topic, phase_topics
from ..workspace import Workspace
from . import tomledit
from .templates import (
    PLACE_MAIN,
    PLACE_STATIONS,
    PLACE_VILLAGE,
    Applied,
    VenuePicker,
    build_phase,
    check_window,
)

# weights of the participation levels per phase (phase 1 collects, phase 2 co-creates)
LEVEL_WEIGHTS = {
    1: {"inform": 1.0, "consult": 2.0, "involve": 2.0, "collaborate": 1.0, "empower": 0.0},
    2: {"inform": 0.0, "consult": 1.0, "involve": 2.0, "collaborate": 3.0, "empower": 3.0},
}
THEME_BONUS = 3.0  # a wanted theme not yet covered by the phase
GROUP_BONUS = 1.0  # per wanted target group not yet reached
GROUP_WEIGHT = 1.5  # per wanted target group the format is made for
REPEAT_PENALTY = 2.0  # unused since a format is proposed at most once per phase (kept: API)
TOPIC_WEIGHT = 2.0  # per phase-1 topic the format fits (scaled by the topic's rank)
TOPIC_BONUS = 2.5  # a top topic that no pick works on yet
PREP_HOURS = 2.0  # team hours per session for preparation and travel (estimate)
MAX_TOPICS = 5

THEME_WORDS = {
    Theme.DIGITAL: ("digital", "daten", "internet", "online", "app", "wlan", "breitband",
                    "smartphone", "handy", "karte", "website", "computer", "netz", "mobilfunk"),
    Theme.KREATIV: ("kunst", "kultur", "foto", "musik", "theater", "gestalt", "ortsbild",
                    "ortsmitte", "treffpunkt", "spielplatz", "fest", "garten", "reparatur"),
    Theme.PARTIZIPATIV: ("verkehr", "tempo", "beteiligung", "gemeinderat", "verein", "ehrenamt",
                         "politik", "bürger", "entscheid", "haushalt", "dorfentwicklung"),
}
WORD_RE = re.compile(r"[a-zäöüß]{4,}")


@attrs.frozen(kw_only=True)
class Pick:
    """One proposed session: the format, why, where and what it needs."""

    format: Format
    score: float
    reasons: tuple[str, ...]
    venue: Venue | None
    expected: int
    cost: float
    hours: float
    topic: str | None = None  # the phase-1 topic this session is proposed for
    stations: tuple[Venue, ...] = ()  # a format that runs at stations: one per Ortsteil


@attrs.frozen(kw_only=True)
class Suggestion:
    slug: str
    municipality: str
    phase: int
    phase_name: str
    picks: tuple[Pick, ...]
    topics: tuple[Topic, ...]
    excluded: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    budget: float | None
    cost: float
    hours_available: float | None
    hours: float
    themes: tuple[Theme, ...]
    target_groups: tuple[TargetGroup, ...]
    ortsteile: tuple[str, ...]
    ortsteile_total: int
    unmatched: tuple[str, ...] = ()  # topics no candidate format fits

    def to_json(self) -> dict[str, Any]:
        return {
            "municipality": self.slug,
            "name": self.municipality,
            "phase": self.phase,
            "phase_name": self.phase_name,
            "topics": [
                {"topic": t.topic, "count": t.count, "score": round(t.score, 2),
                 "evidence": t.evidence_text, "ortsteil": t.ortsteil or None,
                 "proposed": [p.format.id for p in self.picks if p.topic == t.topic]}
                for t in self.topics
            ],
            "sessions": [
                {
                    "format": p.format.id,
                    "title": p.format.title,
                    "theme": p.format.theme.value,
                    "score": round(p.score, 2),
                    "reasons": list(p.reasons),
                    "venue": p.venue.id if p.venue else None,
                    "ortsteil": p.venue.ortsteil if p.venue else None,
                    "stations": [v.id for v in p.stations],
                    "expected": p.expected,
                    "cost_eur": round(p.cost, 2),
                    "team_hours": round(p.hours, 1),
                    "topic": p.topic,
                }
                for p in self.picks
            ],
            "excluded": [{"format": f, "reason": r} for f, r in self.excluded],
            "notes": list(self.notes),
            "budget_eur": self.budget,
            "cost_eur": round(self.cost, 2),
            "team_hours_available": self.hours_available,
            "team_hours": round(self.hours, 1),
            "themes": [t.value for t in self.themes],
            "target_groups": [g.value for g in self.target_groups],
            "ortsteile": list(self.ortsteile),
            "ortsteile_total": self.ortsteile_total,
        }


# -- facts of one format --------------------------------------------------------------------


def consumable_cost(fmt: Format, expected: int, default_cost: float) -> float:
    """Estimated EUR for the consumables of one session."""
    return sum(
        m.needed(expected) * (m.unit_cost if m.unit_cost is not None else default_cost)
        for m in fmt.materials
        if not m.reusable
    )


def team_hours(fmt: Format) -> float:
    """Estimated lab-team hours of one session: the team's staff (roles not filled on site) x
    (duration x days + preparation and travel)."""
    return fmt.team_staff * (fmt.duration_minutes / 60 * fmt.days + PREP_HOURS)


def _inventory_limit(fmt: Format, lab: Lab) -> tuple[int | None, str | None]:
    """The most participants the tool case can equip, or ``(None, reason)`` if it lacks an item."""
    limit = fmt.participants_max
    for mat in fmt.materials:
        if not (mat.reusable and mat.inventory):
            continue
        item = lab.inventory_item(mat.inventory)
        if item is None:
            return None, _('needs "{name}" from the tool case (inventory "{inventory}"), which '
                           "labor.toml does not list").format(name=mat.name,
                                                              inventory=mat.inventory)
        if mat.needed(fmt.participants_min) > item.quantity:
            return None, _("needs at least {n} x {item}, the tool case has {quantity}").format(
                n=mat.needed(fmt.participants_min), item=item.name, quantity=item.quantity)
        if mat.per_participants:
            limit = min(limit, item.quantity // mat.quantity * mat.per_participants)
    return limit, None


#: Words that say nothing about what a topic is about (and would match almost any format).
STOPWORDS = frozenset({
    "aber", "alle", "allen", "alles", "also", "auch", "beim", "bitte", "dass", "dort", "durch",
    "eine", "einem", "einen", "einer", "eines", "etwa", "für", "gibt", "haben", "hier", "immer",
    "kann", "keine", "mehr", "nach", "neue", "neuen", "neuer", "neues", "nicht", "noch", "oder",
    "ohne", "sehr", "sein", "sind", "soll", "sollte", "über", "unter", "viel", "viele", "wann",
    "warum", "weil", "wenn", "werden", "wird", "wieder", "wollen", "zum", "zur", "gemeinde",
    "ortsteil", "ortsteile", "ortsteilen", "thema", "themen", "idee", "ideen", "wunsch",
    "wünsche", "frage", "fragen", "besser", "bessere", "besseren", "gute", "guten", "schön",
    "schöne", "schöner", "termin", "termine", "terminen",
})

#: Words of a topic that name a target group a format is made for.
GROUP_WORDS = {
    TargetGroup.KINDER: ("kind", "kita", "schul", "schüler", "spielpl", "grundschul"),
    TargetGroup.JUGENDLICHE: ("jugend", "teenager", "azubi", "jugendraum"),
    TargetGroup.FAMILIEN: ("famili", "eltern", "kinderwagen"),
    TargetGroup.SENIOREN: ("senior", "rentner", "älter", "pflege", "rollator"),
    TargetGroup.VEREINE: ("verein", "ehrenamt"),
    TargetGroup.UNTERNEHMEN: ("unternehm", "betrieb", "gewerbe", "laden", "einzelhandel"),
}


def _words(text: str) -> set[str]:
    return set(WORD_RE.findall(text.lower())) - STOPWORDS


def _format_words(fmt: Format) -> set[str]:
    parts = [fmt.title, fmt.summary, fmt.purpose, fmt.question]
    for f in fmt.result_fields:
        parts.append(f.label)
        parts.extend(f.options)
    return _words(" ".join(parts))


def _same_word(a: str, b: str) -> bool:
    """The same word, or two forms of one ("Schule", "Schulen"): the longer one is the shorter
    (at least five letters) plus an ending of up to three letters. A shared beginning alone
    ("Schule", "Schulung"; "Kinder", "Kindergarten") is not enough."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 3


def _topic_fit(topic: Topic, topic_words: set[str], fmt: Format, fmt_words: set[str]
               ) -> str | None:
    """Why ``fmt`` works on ``topic`` (German), or ``None``: a keyword of the topic in the
    format's own text (title, summary, purpose, question, result fields), a target group the
    topic names that the format is made for (not only "alle"), or a place found on a map that
    the format visits with a map. The format's theme alone is no evidence, and a format only
    for the administration and council (:attr:`~werkzeugkoffer.Format.internal`, such as
    peer learning between administrations) takes no topic of the residents."""
    if fmt.internal:
        return None
    words = sorted(w for w in topic_words if any(_same_word(w, fw) for fw in fmt_words))
    if words:
        return _('keyword "{word}" in the format').format(word=words[0])
    groups = [g for g, stems in GROUP_WORDS.items()
              if g in fmt.target_groups and any(w.startswith(stems) for w in topic_words)]
    if groups:
        return _("target group {group}").format(group=groups[0].label)
    if _fits_place(topic, fmt):
        return _("a place from map points; the format maps on site")
    return None


def _open_topic(fits: Iterable[tuple[int, bool]], done: set[int]) -> tuple[int, bool] | None:
    """The best topic not yet worked on that a format fits, by rank."""
    open_ = sorted(rank for rank, _strong in fits if rank not in done)
    return (open_[0], True) if open_ else None


def _fits_place(topic: Topic, fmt: Format) -> bool:
    """A topic of map points (a place) fits a format that works with map points on site."""
    return bool(topic.category) and any(
        f.type is ResultType.MAP_POINTS for f in fmt.result_fields) and bool(
        {Setting.DRAUSSEN, Setting.MOBIL} & set(fmt.settings))


def _topic_theme(topic: str) -> Theme | None:
    words = _words(topic)
    for theme, keys in THEME_WORDS.items():
        if any(w.startswith(k) for w in words for k in keys):
            return theme
    return None


# -- topics from phase 1 ------------------------------------------------------------------------


def phase1_topics(workspace: Workspace, slug: str) -> tuple[list[Topic], str | None]:
    """The topics phase 1 raised, best first, and a note when there are none."""
    try:
        topics = [as_topic(t) for t in phase_topics(workspace, slug, 1)]
    except WerkzeugkofferError as exc:  # an unreadable store: suggest without topics
        return [], _("No results of phase 1 readable ({error}).").format(error=exc)
    topics = [t for t in topics if t is not None]
    if not topics:
        return [], _("No results with topics are recorded for phase 1 yet.")
    return topics, None


def as_topic(item: Any) -> Topic | None:
    """A :class:`Topic`, also from a ``(topic, count)`` pair (counted as mentions)."""
    if isinstance(item, Topic):
        return item
    try:
        name, count = item
        count = int(count)
    except (TypeError, ValueError):
        return None
    return Topic(topic=str(name), score=float(count), sessions=0,
                 evidence=(Evidence(role=TopicRole.MENTIONS, count=count, weight=float(count)),))


# -- the suggestion ---------------------------------------------------------------------------


def _plugin_deltas(m: Municipality, phase: int, candidates: list[Format], context: dict,
                   ) -> dict[str, list[tuple[float, str]]]:
    out: dict[str, list[tuple[float, str]]] = {}
    known = {f.id for f in candidates}
    for plugin, result in pluginmanager.call_each("suggest_formats", municipality=m, phase=phase,
                                    candidates=list(candidates), context=context):
        if result is None:
            continue
        if not isinstance(result, dict):
            pluginmanager.warn(_('plugin "{plugin}": suggest_formats returned {type}, expected a '
                                 "mapping {{format_id: (score_delta, reason)}}; ignored").format(
                plugin=plugin, type=type(result).__name__))
            continue
        for fid, value in sorted(result.items(), key=lambda kv: str(kv[0])):
            if fid not in known:
                continue
            try:
                delta, reason = value
                delta = float(delta)
            except (TypeError, ValueError):
                pluginmanager.warn(_('plugin "{plugin}": suggest_formats gave "{id}" {value}, '
                                     "expected (score_delta, reason); ignored").format(
                    plugin=plugin, id=fid, value=repr(value)))
                continue
            if not math.isfinite(delta):
                continue
            out.setdefault(fid, []).append(
                (delta, _("{reason} (plugin {plugin})").format(reason=reason, plugin=plugin)))
    return out


def suggest(
    workspace: Workspace,
    municipality: str,
    phase: int,
    *,
    count: int | None = None,
    topics: Iterable[Topic | tuple[str, int]] | None = None,
    replace: bool = False,
) -> Suggestion:
    """Propose sessions for ``phase`` of ``municipality``; see the module docstring.

    A format is proposed at most once for the phase, and not at all when the phase already has
    a session of it (unless ``replace``: the proposal is to replace the phase's sessions)."""
    lab, cat = workspace.lab, workspace.catalogue
    goals = lab.planning
    if phase not in (1, 2):
        raise InputError(_("phase must be 1 or 2, got {phase}").format(phase=phase))
    (slug, m), = workspace.select([municipality]).items()
    n = goals.sessions_per_phase if count is None else count
    if n < 1:
        raise InputError(_("{field}: must be at least 1, got {value}").format(
            field="labor.toml: planning.sessions_per_phase" if count is None else "--count",
            value=n))
    if goals.budget_per_phase is not None and goals.budget_per_phase < 0:
        raise InputError(_("{field}: must not be negative").format(
            field="labor.toml: planning.budget_per_phase"))
    notes: list[str] = []
    rule = next((r for r in lab.rules.phases if r.number == phase), None)
    phase_name = rule.name if rule else _("Phase {number}").format(number=phase)
    if topics is None:
        topics, note = phase1_topics(workspace, slug) if phase == 2 else ([], None)
        if note:
            notes.append(note)
    topics = [t for t in (as_topic(t) for t in topics) if t is not None][:MAX_TOPICS]
    wanted_themes = tuple(goals.themes) or tuple(Theme)
    wanted_groups = tuple(goals.target_groups)

    existing = m.phase(phase)
    covered_themes: set[Theme] = set()
    covered_groups: set[TargetGroup] = set()
    if existing is not None and existing.sessions:
        for s in existing.sessions:
            fmt = cat.get(s.format)
            if fmt is not None:
                covered_themes.add(fmt.theme)
                covered_groups.update(fmt.target_groups)
        k = len(existing.sessions)
        notes.append(
            _("Phase {number} already has {sessions}; their themes and target groups count as "
              "covered.").format(number=phase, sessions=ngettext(
                  "{n} session", "{n} sessions", k).format(n=thousands(k)))
        )

    # team hours for one phase
    weeks = existing.weeks if existing is not None else lab.rules.min_weeks
    hours_available = goals.team_hours_per_phase
    team_week = sum(t.hours_per_week for t in lab.team)
    if hours_available is None and team_week:
        parallel = max(1, min(lab.tool_cases, len(lab.team)))
        hours_available = round(team_week * weeks / parallel, 1)
    team_size = len(lab.team)

    # base scores with reasons
    excluded: list[tuple[str, str]] = []
    base: dict[str, tuple[float, list[str], int]] = {}
    candidates: list[Format] = []
    topic_data = [(t, _words(t.topic), _topic_theme(t.topic)) for t in topics]
    # format id -> (topic index, strong) for the topics it works on: strong = its words or
    # its way of working (map points on site for a place) fit, weak = only its theme does
    fits: dict[str, list[tuple[int, bool]]] = {}
    for fmt in cat:
        limit, why = _inventory_limit(fmt, lab)
        if why:
            excluded.append((fmt.id, why))
            continue
        if fmt.theme not in wanted_themes:
            excluded.append((fmt.id, _("theme {theme} is not a goal of the lab").format(
                theme=fmt.theme.label)))
            continue
        expected = max(fmt.participants_min, min(limit, (fmt.participants_min +
                                                          fmt.participants_max + 1) // 2))
        score = 0.0
        reasons: list[str] = []
        w = LEVEL_WEIGHTS[phase][fmt.level.value]
        if w:
            score += w
            # the level's German name, or its id (English) for English readers
            level = fmt.level.label if is_german() else fmt.level.value
            if phase == 1:
                reasons.append(_('fits phase {number} ({name}): participation level "{level}" '
                                 "collects topics and ideas ({delta})").format(
                    number=phase, name=phase_name, level=level, delta=f"+{w:g}"))
            else:
                reasons.append(_('fits phase {number} ({name}): participation level "{level}" '
                                 "works on topics together ({delta})").format(
                    number=phase, name=phase_name, level=level, delta=f"+{w:g}"))
        if phase == 1:
            if fmt.participants_max >= 30:
                score += 1
                reasons.append(_("reaches many people (up to {n} participants) ({delta})")
                               .format(n=fmt.participants_max, delta="+1"))
            if {Setting.MOBIL, Setting.DRAUSSEN} & set(fmt.settings):
                score += 1
                reasons.append(_("mobile or outdoors: easy to join on site ({delta})").format(
                    delta="+1"))
        if wanted_groups:
            direct = [g for g in wanted_groups if g in fmt.target_groups]
            if direct:
                s = GROUP_WEIGHT * len(direct)
                score += s
                reasons.append(_("for wanted target groups: {groups} ({delta})").format(
                    groups=", ".join(g.label for g in direct), delta=f"+{s:g}"))
            elif TargetGroup.ALLE in fmt.target_groups:
                s = GROUP_WEIGHT / 2 * len(wanted_groups)
                score += s
                reasons.append(_("open to everyone, the wanted target groups too ({delta})")
                               .format(delta=f"+{s:g}"))
        if topic_data:
            fwords = _format_words(fmt)
            for rank, (topic, twords, _ttheme) in enumerate(topic_data):
                weight = TOPIC_WEIGHT * (len(topic_data) - rank) / len(topic_data)
                why = _topic_fit(topic, twords, fmt, fwords)
                if why is not None:  # real evidence only; the theme alone is none
                    score += weight
                    fits.setdefault(fmt.id, []).append((rank, True))
                    reasons.append(_('fits the topic "{topic}" from phase 1 ({evidence}; {why}) '
                                     "({delta})").format(topic=topic.topic,
                                                         evidence=evidence_text(topic), why=why,
                                                         delta=f"+{weight:.1f}"))
        if team_size and fmt.team_staff > team_size:
            missing = fmt.team_staff - team_size
            score -= missing
            reasons.append(_("needs {n} people, the team has {size}: plan local helpers "
                             "({delta})").format(n=fmt.team_staff, size=team_size,
                                                 delta=f"-{missing}"))
        base[fmt.id] = (score, reasons, expected)
        candidates.append(fmt)

    context = {"lab": lab, "topics": topics, "workspace": workspace, "goals": goals}
    for fid, deltas in _plugin_deltas(m, phase, candidates, context).items():
        score, reasons, expected = base[fid]
        for delta, reason in deltas:
            score += delta
            reasons.append(f"{reason} ({delta:+g})")
        base[fid] = (score, reasons, expected)

    # greedy selection
    budget = goals.budget_per_phase
    cost_left = math.inf if budget is None else budget
    hours_left = math.inf if hours_available is None else hours_available
    used: Counter[str] = Counter()
    picker = VenuePicker(m)
    for p in m.phases:
        if p.number != phase:
            for s in p.sessions:
                if (v := m.venue(s.main_venue or "")) is not None and v.ortsteil != picker.main:
                    picker.used[v.ortsteil] += 1
    picks: list[Pick] = []
    themes = set(covered_themes)
    groups = set(covered_groups)
    default_cost = goals.default_consumable_cost
    blocked: set[str] = set()
    topics_done: set[int] = set()
    in_phase = ({s.format for s in existing.sessions}
                if existing is not None and not replace else set())
    for i in range(n):
        best = None
        for fmt in candidates:
            if used[fmt.id] or fmt.id in in_phase:  # one format at most once per phase
                continue
            score, reasons, expected = base[fmt.id]
            cost = consumable_cost(fmt, expected, default_cost)
            hours = team_hours(fmt)
            if cost > cost_left + 1e-9 or hours > hours_left + 1e-9:
                blocked.add(fmt.id)
                continue
            marginal = 0.0
            extra: list[str] = []
            if fmt.theme in wanted_themes and fmt.theme not in themes:
                marginal += THEME_BONUS
                extra.append(_("covers the theme {theme} ({delta})").format(
                    theme=fmt.theme.label, delta=f"+{THEME_BONUS:g}"))
            new_groups = [g for g in wanted_groups if g in fmt.target_groups and g not in groups]
            if new_groups:
                marginal += GROUP_BONUS * len(new_groups)
                extra.append(_("reaches target groups not yet included: {groups}").format(
                    groups=", ".join(g.label for g in new_groups)))
            topic_rank = _open_topic(fits.get(fmt.id, ()), topics_done)
            if topic_rank is not None:
                rank, _strong = topic_rank
                bonus = TOPIC_BONUS * (len(topics) - rank) / len(topics)
                marginal += bonus
                extra.append(_('works on the topic "{topic}", for which no session is proposed '
                               "yet ({delta})").format(topic=topics[rank].topic,
                                                       delta=f"+{bonus:.1f}"))
            total = score + marginal
            key = (-total, fmt.id)
            if best is None or key < best[0]:
                best = (key, fmt, total, reasons + extra, expected, cost, hours)
        if best is None:
            if not any(f.id in blocked for f in candidates):
                notes.append(_("Only {picked} of {n} sessions: every fitting format is already in "
                               "this phase (a format at most once per phase).").format(
                    picked=len(picks), n=n))
                break
            values = dict(picked=len(picks), n=n, budget=f"{budget:g}" if budget is not None
                          else "", hours=f"{hours_available:g}" if hours_available is not None
                          else "")
            if budget is not None and hours_available is not None:
                notes.append(_("Only {picked} of {n} sessions fit into the budget for "
                               "consumables ({budget} EUR) and the team hours ({hours} h).")
                             .format(**values))
            elif budget is not None:
                notes.append(_("Only {picked} of {n} sessions fit into the budget for "
                               "consumables ({budget} EUR).").format(**values))
            elif hours_available is not None:
                notes.append(_("Only {picked} of {n} sessions fit into the team hours "
                               "({hours} h).").format(**values))
            else:
                notes.append(_("Only {picked} of {n} sessions fit the constraints.")
                             .format(**values))
            break
        _key, fmt, total, reasons, expected, cost, hours = best
        topic_rank = _open_topic(fits.get(fmt.id, ()), topics_done)
        topic = topics[topic_rank[0]] if topic_rank is not None else None
        if topic_rank is not None:
            topics_done.add(topic_rank[0])
        place = PLACE_MAIN if i == 0 and phase == 1 else PLACE_VILLAGE
        venue = None
        if topic is not None and topic.ortsteil:  # a place found in phase 1: go there
            here = [v for v in m.venues if v.ortsteil == topic.ortsteil]
            if here:
                venue = min(here, key=lambda v: (picker.used[v.ortsteil], v.id))
                picker.used[venue.ortsteil] += 1
        stations: tuple[Venue, ...] = ()
        if fmt.runs_at_stations:  # an action at one station per Ortsteil, never one venue
            try:
                stations = tuple(picker.stations(fmt, "suggest", []))
            except PlanningError:
                stations = ()
            if stations:
                venue = None
        if not stations:
            try:
                venue = venue or picker.pick(place, fmt, expected, "", [])
            except PlanningError:
                try:
                    venue = picker.pick(PLACE_MAIN, fmt, expected, "", [])
                except PlanningError:
                    venue = None
        reasons = list(reasons)
        if stations:
            where = list(dict.fromkeys(v.ortsteil for v in stations))
            reasons.append(_("at {n} stations in {ortsteile} Ortsteile ({names})").format(
                n=len(stations), ortsteile=len(where), names=", ".join(where)))
        if venue is not None:
            if venue.capacity and venue.capacity < expected:
                expected = max(fmt.participants_min, venue.capacity)
            first = picker.used[venue.ortsteil] == 1 and venue.ortsteil != picker.main
            if venue.ortsteil == picker.main:
                reasons.append(_("in the main town ({venue})").format(venue=venue.name))
            elif first:
                reasons.append(_("in the Ortsteil {ortsteil} ({venue}), no session there yet")
                               .format(ortsteil=venue.ortsteil, venue=venue.name))
            else:
                reasons.append(_("in the Ortsteil {ortsteil} ({venue})").format(
                    ortsteil=venue.ortsteil, venue=venue.name))
        used[fmt.id] += 1
        themes.add(fmt.theme)
        groups.update(fmt.target_groups)
        cost_left -= cost
        hours_left -= hours
        picks.append(Pick(format=fmt, score=round(total, 2), reasons=tuple(reasons), venue=venue,
                          expected=expected, cost=cost, hours=hours,
                          topic=topic.topic if topic is not None else None,
                          stations=stations))
    main = m.main_town or m.name
    if not m.venues:
        notes.append(_("{name} has no venues: please choose the places yourself.").format(
            name=m.name))
    else:
        without = [o for o in m.ortsteile if o != main and all(v.ortsteil != o for v in m.venues)]
        if without:
            notes.append(_("Ortsteile without a venue, hence without a session: {names}")
                         .format(names=", ".join(without)))
    reached = sorted({v.ortsteil for p in picks for v in ([p.venue] if p.venue else p.stations)},
                     key=lambda o: (m.ortsteile.index(o) if o in m.ortsteile else 99, o))
    missing_themes = [t.label for t in wanted_themes if t not in themes]
    if missing_themes:
        notes.append(ngettext("Not covered: theme {names}.", "Not covered: themes {names}.",
                              len(missing_themes)).format(names=", ".join(missing_themes)))
    missing_groups = [g.label for g in wanted_groups if g not in groups]
    if missing_groups:
        notes.append(ngettext("Not reached: target group {names}.",
                              "Not reached: target groups {names}.", len(missing_groups))
                     .format(names=", ".join(missing_groups)))
    return Suggestion(
        slug=slug, municipality=m.name, phase=phase, phase_name=phase_name, picks=tuple(picks),
        topics=tuple(topics), excluded=tuple(sorted(excluded)), notes=tuple(notes),
        budget=budget, cost=sum(p.cost for p in picks),
        hours_available=hours_available, hours=sum(p.hours for p in picks),
        themes=tuple(t for t in Theme if t in themes),
        target_groups=tuple(g for g in TargetGroup if g in groups),
        ortsteile=tuple(reached),
        ortsteile_total=len(m.ortsteile) or (1 if main else 0),
        unmatched=tuple(t.topic for i, t in enumerate(topics)
                        if not any(r == i for fs in fits.values() for r, _ in fs)),
    )


def evidence_text(topic: Topic) -> str:
    """What speaks for a topic, in the user's language: ``142 votes, 11 map points``
    (:attr:`Topic.evidence_text` is the German text of the reports)."""
    parts = []
    for e in topic.evidence:
        n, count = e.count, thousands(e.count)
        if e.role is TopicRole.VOTES:
            parts.append(ngettext("{n} vote", "{n} votes", n).format(n=count))
        elif e.role is TopicRole.POINTS:
            parts.append(ngettext("{n} map point", "{n} map points", n).format(n=count))
        elif e.role is TopicRole.RANKED:
            parts.append(ngettext("{n} mention in a ranking (best place {rank})",
                                  "{n} mentions in rankings (best place {rank})", n)
                         .format(n=count, rank=e.best_rank))
        else:
            parts.append(ngettext("{n} mention", "{n} mentions", n).format(n=count))
    return ", ".join(parts)


def suggestion_text(sg: Suggestion) -> str:
    """The suggestion for the terminal, in the user's language (titles, themes and target
    groups are the formats' and the lab's, German)."""
    n = len(sg.picks)
    out = [_("Proposal for {name}, phase {number} ({phase}): {sessions}").format(
        name=sg.municipality, number=sg.phase, phase=sg.phase_name,
        sessions=ngettext("{n} session", "{n} sessions", n).format(n=thousands(n)))]
    if sg.topics:
        out.append(_("Top topics from phase 1:"))
        for i, t in enumerate(sg.topics, 1):
            proposed = [p.format.title for p in sg.picks if p.topic == t.topic]
            values = dict(topic=t.topic, evidence=evidence_text(t),
                          formats=", ".join(proposed))
            if proposed:
                line = _("{topic}: {evidence} -> proposed: {formats}").format(**values)
            elif t.topic in sg.unmatched:
                line = _("{topic}: {evidence} -> no fitting format found").format(**values)
            else:
                line = _("{topic}: {evidence} -> no session of its own (number of sessions, "
                         "budget or team hours)").format(**values)
            out.append(f"{i:>2}. {line}")
            if t.notes:
                out.append("      " + _("Notes: {notes}").format(
                    notes="; ".join(_('"{text}"').format(text=note) for note in t.notes)))
        out.append("")
    for i, p in enumerate(sg.picks, 1):
        where = f" · {p.venue.name} ({p.venue.ortsteil})" if p.venue else ""
        out.append(f"{i:>2}. " + ngettext(
            "{title} [{id}] · {theme} · {score} point{where} · {expected} participants",
            "{title} [{id}] · {theme} · {score} points{where} · {expected} participants",
            1 if p.score == 1 else 2).format(
            title=p.format.title, id=p.format.id, theme=p.format.theme.label,
            score=f"{p.score:g}", where=where, expected=p.expected))
        if p.topic:
            out.append("      " + _("Topic from phase 1: {topic}").format(topic=p.topic))
        out.extend(f"      - {r}" for r in p.reasons)
    out.append("")
    out.append(_("Themes: {themes}").format(
        themes=", ".join(t.label for t in sg.themes) or _("none")))
    if sg.target_groups:
        out.append(_("Target groups: {groups}").format(
            groups=", ".join(g.label for g in sg.target_groups)))
    if sg.ortsteile:
        out.append(_("Ortsteile with a session: {reached} of {total} ({names})").format(
            reached=len(sg.ortsteile), total=sg.ortsteile_total, names=", ".join(sg.ortsteile)))
    else:
        out.append(_("Ortsteile with a session: {reached} of {total}").format(
            reached=len(sg.ortsteile), total=sg.ortsteile_total))
    if sg.budget is not None:
        out.append(_("Consumables (estimate): {cost} EUR of {budget} EUR").format(
            cost=f"{sg.cost:.0f}", budget=f"{sg.budget:g}"))
    else:
        out.append(_("Consumables (estimate): {cost} EUR").format(cost=f"{sg.cost:.0f}"))
    if sg.hours_available is not None:
        out.append(_("Team hours (estimate): {hours} of {available} h").format(
            hours=f"{sg.hours:.0f}", available=f"{sg.hours_available:g}"))
    else:
        out.append(_("Team hours (estimate): {hours} h").format(hours=f"{sg.hours:.0f}"))
    for note in sg.notes:
        out.append(_("Note: {note}").format(note=note))
    if sg.excluded:
        out.append(_("Not proposed:"))
        out.extend(f"  - {fid}: {why}" for fid, why in sg.excluded)
    return "\n".join(out)


# -- writing the proposal into the plan ---------------------------------------------------------


def write_suggestion(
    workspace: Workspace,
    sg: Suggestion,
    *,
    start: dt.date | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> Applied:
    """Write the proposed sessions into phase ``sg.phase`` of the municipality's file.

    The sessions are spread evenly over the phase's weeks (on its Saturdays by default, away
    from public holidays and from other sessions at the same venue), at the venues of the
    suggestion; their ``notes`` name the phase-1 topic each is proposed for. An existing phase
    keeps its sessions and gets the new ones added (``replace`` replaces its sessions instead,
    never sessions with recorded results); a phase that does not exist yet needs ``start``.
    The file is edited with tomlkit: comments, order and layout are kept.
    """
    if not sg.picks:
        raise PlanningError(_("{name}, phase {number}: the suggestion has no sessions; nothing to "
                              "write").format(name=sg.municipality, number=sg.phase))
    lab = workspace.lab
    slug = sg.slug
    m = workspace.municipalities[slug]
    file = workspace.file_of(slug)
    old = m.phase(sg.phase)
    if old is None and start is None:
        raise InputError(_("{file}: phase {number} does not exist yet; give its first day with "
                           "--start").format(file=file, number=sg.phase))
    if old is not None and start is not None and start != old.start:
        raise InputError(_("--start: phase {number} of {name} already starts on {date} ({file}); "
                           "leave --start out, or move the phase with werkzeugkoffer schedule")
                         .format(number=sg.phase, name=m.name, date=dmy(old.start), file=file))
    if old is not None and old.fixed and replace:
        raise InputError(_("{file}: phase {number} is fixed (fixed = true); its sessions are not "
                           "replaced").format(file=file, number=sg.phase))
    old_sessions = old.sessions if old is not None else ()
    if replace:
        recorded = recorded_sessions(workspace, [s.id for s in old_sessions])
        if recorded:
            raise PlanningError(
                _("{file}: phase {number} has sessions with recorded results ({sessions}); they "
                  "cannot be replaced. Leave out --replace to add the proposal to the phase.")
                .format(file=file, number=sg.phase, sessions=", ".join(recorded[:5])))
    phase_start = old.start if old is not None else start
    assert phase_start is not None
    weeks = max(1, int(old.weeks)) if old is not None else lab.rules.min_weeks
    n = len(sg.picks)
    lines = []
    for i, pick in enumerate(sg.picks):
        week = 1 + (round(i * (weeks - 1) / (n - 1)) if n > 1 else 0)
        note = (f"Vorschlag (werkzeugkoffer suggest): Thema „{pick.topic}“ aus Phase 1"
                if pick.topic else "Vorschlag (werkzeugkoffer suggest)")
        lines.append(TemplateSession(
            format=pick.format.id, week=week,
            place=(PLACE_STATIONS if pick.stations else
                   pick.venue.id if pick.venue else PLACE_VILLAGE),
            expected=pick.expected, notes=note,
        ))
    tpl = PlanTemplate(id="vorschlag", phase=sg.phase, weeks=weeks,
                       title=f"Vorschlag für {m.name}", sessions=tuple(lines))
    notes: list[str] = []
    taken = [] if replace else [(o.venue, o.date) for s in old_sessions for o in s.occurrences()
                                if o.venue is not None]
    busy = [] if replace else [o.date for s in old_sessions for o in s.occurrences()]
    built = build_phase(workspace, tpl, slug, phase_start, notes=notes,
                        replace_ids=[s.id for s in old_sessions] if replace else (),
                        taken=taken, busy=busy, weeks=weeks)
    if old is not None:
        kept = () if replace else old.sessions
        phase = attrs.evolve(old, sessions=tuple(kept) + built.sessions)
    else:
        phase = built
        check_window(workspace, slug, phase)
    edit = tomledit.load(workspace.root / file, file)
    if old is not None and not replace:
        tomledit.add_sessions(edit, sg.phase, built.sessions)
    else:
        tomledit.put_phase(edit, phase, comment=None if old is not None else
                           f"Phase {sg.phase} aus dem Vorschlag von werkzeugkoffer suggest")
    written = False
    if not dry_run:
        written = bool(tomledit.save([edit], cls=Municipality))
        phases = tuple(p for p in m.phases if p.number != phase.number) + (phase,)
        workspace.municipalities[slug] = attrs.evolve(
            m, phases=tuple(sorted(phases, key=lambda p: p.number)))
    return Applied(slug=slug, file=file, phase=phase, replaced=replace and old is not None,
                   written=written, notes=tuple(notes))
