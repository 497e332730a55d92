"""werkzeugkoffer: plan, print and report participation labs.

This package is the public API that plugins and scripts use::

    import werkzeugkoffer
    from werkzeugkoffer import hookimpl, Format

The core knows no format: formats come from plugins (entry-point group ``werkzeugkoffer``) and
from a workspace's ``formate/*.toml``.
"""

from __future__ import annotations

from importlib import metadata as _metadata

from .catalogue import Catalogue, get_catalogue, load_format_file, load_formats, validate_format
from .checks import CheckContext, Finding, Severity, has_errors, run_checks
from .converter import converter, structure, to_json, to_plain, unstructure
from .errors import (
    CheckFailed,
    FormatError,
    InputError,
    PlanningError,
    PluginError,
    ResultError,
    WerkzeugkofferError,
    WorkspaceError,
)
from .hookspecs import hookimpl
from .model import (
    Aggregate,
    Contact,
    DataProtection,
    Format,
    ImpactLevel,
    Indicator,
    InventoryItem,
    Lab,
    Material,
    Municipality,
    ParticipationLevel,
    Phase,
    PhaseRule,
    PhaseRules,
    PrepStep,
    Principle,
    Result,
    ResultField,
    ResultType,
    Role,
    Session,
    Setting,
    Space,
    Step,
    TargetGroup,
    TeamMember,
    Theme,
    Variation,
    Venue,
)
from .pluginmanager import load_plugins, plugin_info
from .workspace import Workspace

try:
    __version__ = _metadata.version("werkzeugkoffer")
except _metadata.PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

__all__ = [
    "Aggregate", "Catalogue", "CheckContext", "CheckFailed", "Contact", "DataProtection",
    "Finding", "Format", "FormatError", "ImpactLevel", "Indicator", "InputError",
    "InventoryItem", "Lab", "Material", "Municipality", "ParticipationLevel", "Phase",
    "PhaseRule", "PhaseRules", "PlanningError", "PluginError", "PrepStep", "Principle",
    "Result", "ResultError", "ResultField", "ResultType", "Role", "Session", "Setting",
    "Severity", "Space", "Step", "TargetGroup", "TeamMember", "Theme", "Variation", "Venue",
    "WerkzeugkofferError", "Workspace", "WorkspaceError", "converter", "get_catalogue",
    "has_errors", "hookimpl", "load_format_file", "load_formats", "load_plugins", "plugin_info", "run_checks", "structure",
    "to_json", "to_plain", "unstructure", "validate_format", "__version__",
]
