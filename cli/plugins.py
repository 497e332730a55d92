"""``werkzeugkoffer plugins``."""

from __future__ import annotations

import click

from .options import echo_json, json_option


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Include the core's own default plugins.")
@json_option
def plugins(show_all, as_json):
    """List installed plugins: name, version, hooks and formats.

    Broken plugins are listed with the reason they were skipped.
    """
    from werkzeugkoffer import plugin_info

    info = [p for p in plugin_info() if show_all or not p["builtin"]]
    if as_json:
        echo_json(info)
        return
    if not info:
        click.echo("No plugins installed.")
    for p in info:
        version = f" {p['version']}" if p["version"] else ""
        state = f"  BROKEN: {p['broken']}" if p["broken"] else ""
        click.echo(f"{p['name']}{version}{state}")
        if p["hooks"]:
            click.echo(f"  hooks:   {', '.join(p['hooks'])}")
        if p["formats"]:
            click.echo(f"  formats: {', '.join(p['formats'])}")
