"""Built-in plugins. Each is an ordinary plugin loaded through the ``werkzeugkoffer`` entry points."""
