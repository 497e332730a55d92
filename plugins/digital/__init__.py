"""Built-in plugin: formats of the theme "Digital".

An ordinary plugin, registered through the entry-point group ``werkzeugkoffer``. Its formats are
data: one TOML file per format in ``formate/``, in the same schema as a workspace format file.
"""

from pathlib import Path

from werkzeugkoffer import hookimpl, load_formats

HERE = Path(__file__).parent


@hookimpl
def register_formats(register):
    for fmt in load_formats(HERE / "formate"):
        register(fmt)


@hookimpl
def template_dirs():
    templates = HERE / "templates"
    return [str(templates)] if templates.is_dir() else []
