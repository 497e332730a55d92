"""werkzeugkoffer-jugend: formats of a youth participation lab (Jugendbeteiligung).

An example of an external werkzeugkoffer plugin: formats as TOML files in ``formate/``, a method
card template in ``templates/``, a check and a suggestion rule. The plugin author's guide
(docs/plugins.md) quotes this file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from werkzeugkoffer import Finding, Severity, hookimpl, load_formats

HERE = Path(__file__).parent

#: The namespace of this plugin's format ids ("jugend.ortscheck"); werkzeugkoffer refuses
#: formats outside it. (Without NAMESPACES it is the plugin's name.)
NAMESPACES = ["jugend"]


# --8<-- [start:register_formats]
@hookimpl
def register_formats(register):
    for fmt in load_formats(HERE / "formate"):
        register(fmt)


# --8<-- [end:register_formats]


# --8<-- [start:template_dirs]
@hookimpl
def template_dirs():
    return [str(HERE / "templates")]


# --8<-- [end:template_dirs]


# --8<-- [start:register_checks]
@hookimpl
def register_checks(register):
    register(check_school_hours)


def check_school_hours(context):
    """Youth sessions on school days should not start before 14:00."""
    for slug, municipality in context.municipalities.items():
        for i, phase in enumerate(municipality.phases):
            for j, session in enumerate(phase.sessions):
                if not session.format.startswith("jugend."):
                    continue
                if session.date.weekday() < 5 and session.start < dt.time(14, 0):
                    yield Finding(
                        severity=Severity.WARNING,
                        code="jugend-schulzeit",
                        message=f"Termin „{session.id}“ beginnt an einem Schultag um "
                        f"{session.start:%H:%M} Uhr; Jugendliche sind bis zum Nachmittag in der "
                        "Schule.",
                        file=context.file(slug),
                        path=f"phases[{i}].sessions[{j}].start",
                        municipality=slug,
                    )


# --8<-- [end:register_checks]


# --8<-- [start:suggest_formats]
YOUTH_TOPICS = ("jugend", "treffpunkt", "schule", "skate", "bus")


@hookimpl
def suggest_formats(municipality, phase, candidates, context):
    topics = " ".join(topic for topic, count in context.get("topics") or ()).lower()
    if phase != 2 or not any(word in topics for word in YOUTH_TOPICS):
        return None
    return {
        fmt.id: (2.0, "In Phase 1 kamen Themen junger Menschen auf.")
        for fmt in candidates
        if fmt.id.startswith("jugend.")
    }


# --8<-- [end:suggest_formats]
