"""Topics raised in a phase, from the content of the results (the topic model of the formats).

A topic is something people brought in themselves: an idea, a wish, a problem, a place that
needs attention. Choice options of a vote are not topics (the format's author wrote them, the
participants only picked one), and an abstention ("Keine Meinung", "weiß nicht") never is.

Each result field says how it carries topics (:attr:`werkzeugkoffer.ResultField.topic_role`,
set with ``topics = "..."`` in a format file; default by type). The evidence of every field of
every held session is gathered per topic and weighed:

========== ====================================================== ===========================
role       topic                                                   weight of the evidence
========== ====================================================== ===========================
mentions   each list entry (grouped case- and punctuation-         1 per mention
           insensitively)
ranked     each list entry; the list is in order of priority       entry *i* (1 = first) of
                                                                   *n*: 2 (n - i + 1) / (n + 1)
points     each map point category in each Ortsteil                1 per point
           ("Gefahrenstelle in Achenbach")
votes      no topic: the vote's outcome is a result of the phase   -
           (:func:`vote_outcomes`, "Abstimmungsergebnisse")
none       (no topics: rankings of places, timetables, counts)     -
========== ====================================================== ===========================

times the field's ``topic_weight``. A ranked list weighs as much as the same entries unranked,
the first ones more. Entries that are abstentions or say nothing (:func:`is_abstention`) are
left out. Evidence of the same topic from different fields and sessions adds up. A topic's
score is the sum of its weighed evidence; topics are ranked by score. Used by reports
("Top-Themen") and to plan phase 2 from phase 1 (``werkzeugkoffer suggest GEMEINDE --phase 2``).

:func:`vote_outcomes` adds up each ``votes`` field over the held sessions of a scope and names
the option with the most votes, abstentions counted apart.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Iterable, NamedTuple

from attrs import frozen

from ..model import TopicRole
from ..text import anzahl
from .dataset import Dataset, SessionData

if TYPE_CHECKING:
    from ..workspace import Workspace

TOP_TOPICS = 10
VOTE_WEIGHT = 0.1  # kept for plugins of 0.1; votes are no topics any more
MENTION_WEIGHT = 1.0
POINT_WEIGHT = 1.0
NOTES_PER_TOPIC = 3


class Entry(NamedTuple):
    """An entry of a list field and how often it was given (unpacks as ``text, count``)."""

    topic: str
    count: int


_EDGE_PUNCT = " \t-–—.,;:!?\"'„“”‚‘’()[]"
# a count written after a topic: "Tempo 30: 142", "Bänke (12 Punkte)", "Radweg – 7 Stimmen"
_TRAILING_COUNT = re.compile(
    r"(?:\s*:\s+|\s+[–—-]\s+|\s*\()\d+(?:\s+(?:Punkte?|Stimmen?|Nennungen?))?\)?\s*$")


@functools.lru_cache(maxsize=65536)  # entries repeat a lot over a lab's sessions
def clean_topic(text: str) -> str:
    """An entry without a count written after it and without punctuation at the ends."""
    return _TRAILING_COUNT.sub("", text).strip(_EDGE_PUNCT + " ")


@functools.lru_cache(maxsize=65536)
def entry_key(text: str) -> str:
    """List entries that differ only in case, spacing or punctuation at the ends count as one."""
    return re.sub(r"\s+", " ", text.strip(_EDGE_PUNCT)).casefold()


@functools.lru_cache(maxsize=65536)
def topic_key(text: str) -> str:
    """Entries that differ only in case, spacing, punctuation at the ends or a count written
    after them ("Tempo 30: 142") count as one."""
    return re.sub(r"\s+", " ", clean_topic(text)).casefold()


#: Answers that are abstentions (compared by :func:`topic_key`): no topic, and in a vote not
#: a vote for anything.
ABSTENTIONS = frozenset({
    "keine meinung", "keine ahnung", "weiß nicht", "weiss nicht", "weiß ich nicht",
    "weiss ich nicht", "keine angabe", "k. a", "k.a", "ka", "enthaltung", "enthalten",
    "ich enthalte mich", "egal", "ist mir egal", "unentschieden", "unentschlossen", "n/a",
})
#: Entries that say nothing and are no topic either.
EMPTY_ENTRIES = frozenset({"nichts", "nix", "keine", "keins", "kein", "sonstiges", "sonstige",
                           "anderes", "x"})


@functools.lru_cache(maxsize=65536)
def is_abstention(text: str) -> bool:
    """``True`` for "Keine Meinung", "weiß nicht", "k. A.", "Enthaltung" and answers without a
    letter."""
    key = topic_key(text)
    return key in ABSTENTIONS or not any(c.isalpha() for c in key)


def is_topic(text: str) -> bool:
    """Whether a list entry can name a topic: not an abstention, not "nichts" or "Sonstiges"."""
    key = topic_key(text)
    return bool(key) and not is_abstention(text) and key not in EMPTY_ENTRIES


def count_entries(entries: Iterable[str]) -> list[Entry]:
    """Group entries by :func:`entry_key`; most frequent first (the most common spelling
    names the group)."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, int] = {}
    for i, entry in enumerate(entries):
        key = entry_key(entry)
        if not key:
            continue
        counts[key] += 1
        spellings[key][entry.strip(_EDGE_PUNCT + " ")] += 1
        first.setdefault(key, i)
    return [
        Entry(spellings[key].most_common(1)[0][0], n)
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]]))
    ]


@frozen(kw_only=True)
class Evidence:
    """What speaks for a topic, of one kind: mentions, entries of ranked lists, votes or map
    points, with the sessions it came from."""

    role: TopicRole
    count: int
    weight: float
    best_rank: int | None = None  # ranked lists: the best place the topic had
    sessions: int = 1

    @property
    def text(self) -> str:
        """German, e.g. ``142 Stimmen``, ``3 Nennungen``, ``11 Kartenpunkte``."""
        n = self.count
        if self.role is TopicRole.VOTES:
            return anzahl(n, "Stimme")
        if self.role is TopicRole.POINTS:
            return anzahl(n, "Kartenpunkt|Kartenpunkte")
        if self.role is TopicRole.RANKED:
            where = "in einer Rangliste" if n == 1 else "in Ranglisten"
            return f"{anzahl(n, 'Nennung|Nennungen')} {where} (bester Platz {self.best_rank})"
        return anzahl(n, "Nennung|Nennungen")


@frozen(kw_only=True)
class Topic:
    """A topic raised in a scope: its name, score and evidence.

    ``ortsteil`` is set for topics of map points (the place); ``notes`` are the first notes
    written on those points; ``formats`` the formats whose results raised it.
    """

    topic: str
    score: float
    evidence: tuple[Evidence, ...]
    sessions: int
    formats: tuple[str, ...] = ()
    ortsteil: str = ""
    category: str = ""
    notes: tuple[str, ...] = ()

    @property
    def evidence_text(self) -> str:
        """``142 Stimmen, 11 Kartenpunkte``."""
        return ", ".join(e.text for e in self.evidence)

    @property
    def count(self) -> int:
        """All pieces of evidence (mentions, votes and points) together."""
        return sum(e.count for e in self.evidence)

    @property
    def line(self) -> str:
        """``Tempo 30: 142 Stimmen, 3 Nennungen``."""
        return f"{self.topic}: {self.evidence_text}"

    def __iter__(self):
        """A topic unpacks as ``topic, count`` (as in werkzeugkoffer 0.1, which plugins'
        ``suggest_formats`` hooks may rely on)."""
        return iter((self.topic, self.count))


class _Item(NamedTuple):
    """One piece of evidence of one session, ready to gather."""

    key: str
    name: str
    role: TopicRole
    count: int
    weight: float
    rank: int | None = None
    category: str = ""
    place: str = ""
    note: str = ""


class _Gather:
    def __init__(self) -> None:
        self.names: dict[str, Counter[str]] = defaultdict(Counter)
        self.first: dict[str, int] = {}
        self.evidence: dict[str, dict[TopicRole, list]] = defaultdict(dict)
        self.sessions: dict[str, set[str]] = defaultdict(set)
        self.formats: dict[str, list[str]] = defaultdict(list)
        self.places: dict[str, tuple[str, str]] = {}
        self.notes: dict[str, list[str]] = defaultdict(list)

    def add(self, item: _Item, session_id: str, format_id: str) -> None:
        key = item.key
        self.names[key][item.name] += item.count or 1
        self.first.setdefault(key, len(self.first))
        slot = self.evidence[key].setdefault(item.role, [0, 0.0, None, set()])
        slot[0] += item.count
        slot[1] += item.weight
        if item.rank is not None:
            slot[2] = item.rank if slot[2] is None else min(slot[2], item.rank)
        slot[3].add(session_id)
        self.sessions[key].add(session_id)
        if format_id not in self.formats[key]:
            self.formats[key].append(format_id)
        if item.role is TopicRole.POINTS:
            self.places.setdefault(key, (item.category, item.place))
            if item.note and item.note not in self.notes[key]:
                self.notes[key].append(item.note)

    def topics(self) -> list[Topic]:
        out = []
        order = list(TopicRole)
        for key, roles in self.evidence.items():
            evidence = tuple(
                Evidence(role=role, count=c, weight=w, best_rank=r, sessions=len(ss))
                for role, (c, w, r, ss) in sorted(roles.items(), key=lambda kv: order.index(kv[0]))
            )
            place = self.places.get(key, ("", ""))
            out.append((key, Topic(
                topic=self.names[key].most_common(1)[0][0],
                score=round(sum(e.weight for e in evidence), 6),
                evidence=tuple(sorted(evidence, key=lambda e: -e.weight)),
                sessions=len(self.sessions[key]), formats=tuple(self.formats[key]),
                category=place[0], ortsteil=place[1],
                notes=tuple(self.notes[key][:NOTES_PER_TOPIC]),
            )))
        out.sort(key=lambda kt: (-kt[1].score, self.first[kt[0]]))
        return [t for _, t in out]


def session_evidence(s: SessionData) -> list[_Item]:
    """The evidence for topics in one held session's result (see the module docstring)."""
    out: list[_Item] = []
    if s.result is None:
        return out

    def item(name: str, role: TopicRole, count: int, weight: float, **kw) -> None:
        key = topic_key(name)
        if is_topic(name):
            out.append(_Item(key, clean_topic(name), role, count, weight, **kw))

    for fld in s.format.result_fields:
        role = fld.topic_role
        value = s.result.values.get(fld.name)
        if role in (TopicRole.NONE, TopicRole.VOTES) or not value:
            continue  # votes: an outcome (vote_outcomes), not topics
        scale = fld.topic_weight
        if role is TopicRole.MENTIONS:
            for entry in value:
                item(entry, role, 1, MENTION_WEIGHT * scale)
        elif role is TopicRole.RANKED:
            n = len(value)
            for i, entry in enumerate(value):
                item(entry, role, 1, 2 * (n - i) / (n + 1) * MENTION_WEIGHT * scale, rank=i + 1)
        elif role is TopicRole.POINTS:
            for point in value:
                category = point.get("category", "")
                place = point.get("ortsteil", "")
                item(f"{category} in {place}" if place else category, role, 1,
                     POINT_WEIGHT * scale, category=category, place=place,
                     note=(point.get("note") or "").strip())
    return out


def dataset_topics(data: Dataset, limit: int | None = TOP_TOPICS, *,
                   cache: dict[str, list[_Item]] | None = None) -> list[Topic]:
    """The topics of the held sessions of ``data``, best first (see the module docstring).

    ``cache`` (session id -> evidence) lets several scopes of one dataset (a lab report's
    municipalities and the lab) read each session once.
    """
    gather = _Gather()
    for s in data.held:
        items = cache.get(s.session.id) if cache is not None else None
        if items is None:
            items = session_evidence(s)
            if cache is not None:
                cache[s.session.id] = items
        for it in items:
            gather.add(it, s.session.id, s.format.id)
    topics = gather.topics()
    return topics[:limit] if limit else topics


def phase_topics(workspace: Workspace, slug: str, phase: int, limit: int = TOP_TOPICS
                 ) -> list[Topic]:
    """The topics a municipality's phase raised most, with their evidence.

    Used to plan phase 2 from phase 1 (``werkzeugkoffer suggest GEMEINDE --phase 2``).
    """
    slug = next(iter(workspace.select([slug])))  # a name works too; unknown ones raise
    data = Dataset.load(workspace).select(slug=slug, phase=phase)
    return dataset_topics(data, limit)


# -- the outcome of votes -------------------------------------------------------------------------


@frozen(kw_only=True)
class VoteOutcome:
    """A ``votes`` field added up over the held sessions of a scope: the result of a vote.

    ``tally`` lists every option with its votes (the format's order); ``leader`` is the option
    with the most votes among those that are not abstentions (``None`` without votes or on a
    tie, then ``tied`` names the options that share the top).
    """

    format: str  # format id
    format_title: str
    field: str
    label: str
    tally: tuple[tuple[str, int], ...]
    sessions: int
    abstentions: int
    leader: str | None
    tied: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(n for _, n in self.tally)

    @property
    def leader_votes(self) -> int:
        """The votes of the leader (of each tied option on a tie)."""
        return dict(self.tally).get(self.leader or (self.tied[0] if self.tied else ""), 0)

    @property
    def share(self) -> float | None:
        """The leader's share of all votes cast, in percent (abstentions included)."""
        return self.leader_votes / self.total * 100 if self.total and self.leader else None

    @property
    def majority(self) -> bool:
        """The leader has more than half of the votes cast."""
        return self.leader is not None and 2 * self.leader_votes > self.total


def vote_outcomes(data: Dataset) -> list[VoteOutcome]:
    """The outcome of every ``votes`` field (:class:`~werkzeugkoffer.TopicRole`) of the held
    sessions of ``data``: votes added up per format and field over its sessions, in the order
    the formats' sessions come."""
    tallies: dict[tuple[str, str], dict[str, int]] = {}
    meta: dict[tuple[str, str], tuple] = {}
    sessions: Counter[tuple[str, str]] = Counter()
    for s in data.held:
        for fld in s.format.result_fields:
            if fld.topic_role is not TopicRole.VOTES:
                continue
            value = s.values.get(fld.name)
            if not value:
                continue
            key = (s.format.id, fld.name)
            tally = tallies.setdefault(key, {o: 0 for o in fld.options})
            meta.setdefault(key, (s.format.title, fld.label))
            sessions[key] += 1
            for option, n in value.items():
                tally[option] = tally.get(option, 0) + int(n)
    out = []
    for key, tally in tallies.items():
        counted = {o: n for o, n in tally.items() if n and not is_abstention(o)}
        best = max(counted.values(), default=0)
        top = tuple(o for o, n in counted.items() if n == best) if best else ()
        out.append(VoteOutcome(
            format=key[0], format_title=meta[key][0], field=key[1], label=meta[key][1],
            tally=tuple(tally.items()), sessions=sessions[key],
            abstentions=sum(n for o, n in tally.items() if is_abstention(o)),
            leader=top[0] if len(top) == 1 else None, tied=top if len(top) > 1 else ()))
    return out
