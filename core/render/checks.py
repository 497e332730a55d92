"""The core's check of method card templates: a format's ``template`` exists and compiles.

Registered like the core's other checks (:data:`werkzeugkoffer.pluginmanager.DEFAULT_PLUGINS`).
A format used in the plan that names a method card template which is in none of the template
folders would silently print the default card; one that does not compile would stop the kit.
Both are errors naming the format, where it comes from, and the template file and line.
jinja2 is imported only when a format used in the plan names a template.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..catalogue import source_label
from ..checks import CheckContext, Finding, error
from ..hookspecs import hookimpl
from ..i18n import _
from ..names import did_you_mean


@hookimpl(trylast=True)
def register_checks(register):
    register(check_templates, name="templates")


def check_templates(ctx: CheckContext) -> Iterator[Finding]:
    """Every format used in the plan that names a template: it is found, and it compiles."""
    cat = ctx.catalogue
    first_use: dict[tuple[str, str], str] = {}  # (format id, slug) -> path of the first session
    for slug, m in ctx.municipalities.items():
        for i, phase in enumerate(m.phases):
            for j, s in enumerate(phase.sessions):
                fmt = cat.get(s.format)
                if fmt is not None and fmt.template:
                    first_use.setdefault((fmt.id, slug), f"phases[{i}].sessions[{j}].format")
    if not first_use:
        return
    from .environment import describe_template_error, get_environment, search_path, template_owners

    dirs = search_path(ctx.workspace)
    problems: dict[str, tuple[str, str]] = {}  # format id -> (finding code, message)
    for format_id in sorted({fid for fid, _use in first_use}):
        fmt = cat[format_id]
        name = fmt.template
        origin = _('format "{format}" ({source})').format(
            format=fmt.id, source=source_label(cat.sources[fmt.id]))
        if not any((Path(d) / name).is_file() for d in dirs):
            known = sorted(
                str(p.relative_to(d)) for d in dirs for p in Path(d).rglob("*.html")
            )
            folders = ", ".join(str(d) for d in dirs)
            problems[format_id] = ("missing-template", _(
                '{origin} names the method card template "{name}", which is in none of the '
                "template folders{hint}; the kit would print the default card (folders: "
                "{folders})").format(origin=origin, name=name, hint=did_you_mean(name, known),
                                     folders=folders))
            continue
        import jinja2

        try:
            get_environment(ctx.workspace, dirs=dirs).get_template(name)
        except jinja2.TemplateError as exc:
            problems[format_id] = ("template-error", _(
                "{origin}: its method card does not compile: {problem}").format(
                    origin=origin,
                    problem=describe_template_error(exc, template_owners(ctx.workspace))))
    for (format_id, slug), path in first_use.items():
        if format_id in problems:
            code, message = problems[format_id]
            yield error(code, message, file=ctx.file(slug), path=path, municipality=slug)
