"""Built-in plugin: formats of the theme "Digital".

An ordinary plugin, registered through the entry-point group ``werkzeugkoffer``. Its formats are
data: one TOML file per format in ``formate/``, in the same schema as a workspace format file.
"""

from pathlib import Path

from werkzeugkoffer import folder_plugin

register_formats, template_dirs = folder_plugin(Path(__file__).parent)
