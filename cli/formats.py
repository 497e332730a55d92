"""``werkzeugkoffer formats list|show``."""

from __future__ import annotations

import click

from .options import echo_json, json_option


def _catalogue(state):
    """The catalogue, with the workspace's own formats when run inside a workspace."""
    from werkzeugkoffer import get_catalogue
    from werkzeugkoffer.workspace import LAB_FILE

    if (state.workspace_dir / LAB_FILE).is_file():
        return state.workspace().catalogue
    return get_catalogue()


@click.group()
def formats():
    """Browse the participation formats of all plugins."""


@formats.command("list")
@click.option(
    "--theme",
    type=click.Choice(["digital", "kreativ", "partizipativ"]),
    help="Only formats of this theme.",
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
    click.echo(f"\n{len(chosen)} formats.")


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
    click.echo(f"\nSource: {source_label(cat.sources[fmt.id])}")
    for r in replaced:
        of = f" of {source_label(r.source)}" if r.source else ""
        click.echo(f'Replaces: "{r.id}"{of} (replaces = "{fmt.replaces}")')
