"""``werkzeugkoffer formats list|show``."""

from __future__ import annotations

import click

from werkzeugkoffer.i18n import N_, _, ngettext

from .base import command, group, option

from .options import echo_json, json_option


def _catalogue(state):
    """The catalogue, with the workspace's own formats when run inside a workspace."""
    from werkzeugkoffer import get_catalogue
    from werkzeugkoffer.workspace import LAB_FILE

    if (state.workspace_dir / LAB_FILE).is_file():
        return state.workspace().catalogue
    return get_catalogue()


@group()
def formats():
    """Browse the participation formats of all plugins."""


@formats.command("list")
@option(
    "--theme",
    type=click.Choice(["digital", "kreativ", "partizipativ"]),
    help=N_("Only formats of this theme."),
)
@json_option
@click.pass_obj
def list_formats(state, theme, as_json):
    """List the formats, grouped by theme."""
    cat = _catalogue(state)
    chosen = [f for f in cat if theme is None or f.theme.value == theme]
    if as_json:
        echo_json(
            [
                {
                    "id": f.id,
                    "title": f.title,
                    "theme": f.theme.value,
                    "summary": f.summary,
                    "version": f.version,
                    "duration_minutes": f.duration_minutes,
                    "participants_min": f.participants_min,
                    "participants_max": f.participants_max,
                    "plugin": cat.sources.get(f.id),
                    "replaces": f.replaces,
                }
                for f in chosen
            ]
        )
        return
    current = None
    for f in chosen:
        if f.theme != current:
            current = f.theme
            click.echo(click.style(f"\n{f.theme.label}", bold=True))
        click.echo(f"  {f.id:<38} {f.title}")
    click.echo("")
    click.echo(ngettext("{n} format.", "{n} formats.", len(chosen)).format(n=len(chosen)))


@formats.command("show")
@click.argument("format_id", metavar="ID")
@json_option
@click.pass_obj
def show_format(state, format_id, as_json):
    """Show one format as a method card (German)."""
    from werkzeugkoffer import to_json
    from werkzeugkoffer.text import method_card_text

    from werkzeugkoffer.catalogue import source_label

    cat = _catalogue(state)
    fmt = cat[format_id]
    replaced = [r for r in cat.replaced.values() if r.by == fmt.id]
    if as_json:
        data = to_json(fmt)
        data["plugin"] = cat.sources.get(fmt.id)
        data["replaced"] = [
            {"id": r.id, "source": r.source} for r in replaced
        ]
        echo_json(data)
        return
    click.echo(method_card_text(fmt))
    click.echo("")
    # which plugin or file brings it (the card's own "Quelle:" is the method's source)
    origin = cat.sources[fmt.id]
    if source_label(origin) == origin:
        click.echo(_("Workspace file: {file}").format(file=origin))
    else:
        click.echo(_("Plugin: {name}").format(name=origin))
    for r in replaced:
        if r.source:
            click.echo(_('Replaces: "{id}" of {source} (replaces = "{replaces}")').format(
                id=r.id, source=source_label(r.source), replaces=fmt.replaces))
        else:
            click.echo(_('Replaces: "{id}" (replaces = "{replaces}")').format(
                id=r.id, replaces=fmt.replaces))
