"""Topics raised in a phase: the entries of list fields, grouped and counted.

Used by reports ("Top-Themen") and to plan phase 2 from phase 1 (``suggest --phase 2``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Iterable, NamedTuple

from ..model import ResultType
from .dataset import Dataset

if TYPE_CHECKING:
    from ..workspace import Workspace

TOP_TOPICS = 10


class Topic(NamedTuple):
    """A topic raised in a phase and how often (unpacks as ``topic, count``)."""

    topic: str
    count: int


_EDGE_PUNCT = " \t-–—.,;:!?\"'„“”‚‘’()[]"


def topic_key(text: str) -> str:
    """Entries that differ only in case, spacing or punctuation at the ends count as one."""
    return re.sub(r"\s+", " ", text.strip(_EDGE_PUNCT)).casefold()


def count_entries(entries: Iterable[str]) -> list[Topic]:
    """Group entries by :func:`topic_key`; most frequent first (the most common spelling
    names the group)."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, int] = {}
    for i, entry in enumerate(entries):
        key = topic_key(entry)
        if not key:
            continue
        counts[key] += 1
        spellings[key][entry.strip(_EDGE_PUNCT + " ")] += 1
        first.setdefault(key, i)
    return [
        Topic(spellings[key].most_common(1)[0][0], n)
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]]))
    ]


def dataset_topics(data: Dataset, limit: int | None = TOP_TOPICS) -> list[Topic]:
    """The entries of every list field (``text_list``, not ``personal``) of the held sessions,
    grouped and counted."""
    entries: list[str] = []
    for s in data.held:
        for fld in s.format.result_fields:
            if fld.type is ResultType.TEXT_LIST and not fld.personal:
                entries.extend(s.values.get(fld.name, ()))
    topics = count_entries(entries)
    return topics[:limit] if limit else topics


def phase_topics(workspace: Workspace, slug: str, phase: int, limit: int = TOP_TOPICS) -> list[Topic]:
    """The topics a municipality's phase raised most, with the number of mentions.

    Topics are the entries of the list fields (``text_list``: ideas, topics, wishes, problem
    spots ...) of the phase's stored results, grouped case- and punctuation-insensitively.
    Used to plan phase 2 from phase 1 (``werkzeugkoffer suggest GEMEINDE --phase 2``).
    """
    slug = next(iter(workspace.select([slug])))  # a name works too; unknown ones raise
    data = Dataset.load(workspace).select(slug=slug, phase=phase)
    return dataset_topics(data, limit)
