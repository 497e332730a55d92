"""werkzeugkoffer: plan, print and report participation labs.

This package is the public API that plugins and scripts use::

    import werkzeugkoffer
    from werkzeugkoffer import hookimpl, Format

The core knows no format: formats come from plugins (entry-point group ``werkzeugkoffer``) and
from a workspace's ``formate/*.toml``.
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING

from .errors import (
    CheckFailed,
    FormatError,
    InputError,
    OutputError,
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
    CopyMaster,
    DataProtection,
    Format,
    ImpactLevel,
    Indicator,
    InventoryItem,
    Lab,
    Material,
    Municipality,
    OpenData,
    ParticipationLevel,
    Phase,
    PhaseRule,
    PhaseRules,
    PrepStep,
    Principle,
    Privacy,
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
    TopicRole,
    Variation,
    Venue,
)

# Names imported on first use (PEP 562), so that `import werkzeugkoffer` stays fast.
_LAZY = {
    "Catalogue": "catalogue",
    "folder_plugin": "catalogue",
    "get_catalogue": "catalogue",
    "load_format_file": "catalogue",
    "load_formats": "catalogue",
    "plugin_info": "catalogue",
    "validate_format": "catalogue",
    "CheckContext": "checks",
    "Finding": "checks",
    "Severity": "checks",
    "has_errors": "checks",
    "run_checks": "checks",
    "converter": "conversion",
    "structure": "conversion",
    "to_json": "conversion",
    "to_plain": "conversion",
    "unstructure": "conversion",
    "load_plugins": "pluginmanager",
    "Workspace": "workspace",
    "ResultStore": "results",
    "validate_result": "results",
    "import_file": "results",
    "export_results": "results",
    "Dataset": "results",
    "phase_topics": "results",
    "build_report": "reports",
    "write_reports": "reports",
    "compute_impact": "reports",
    "competence_check": "reports",
    "Roster": "planning.roster",
    "build_roster": "planning.roster",
}

if TYPE_CHECKING:  # pragma: no cover
    from .catalogue import (
        Catalogue,
        folder_plugin,
        get_catalogue,
        load_format_file,
        load_formats,
        plugin_info,
        validate_format,
    )
    from .checks import CheckContext, Finding, Severity, has_errors, run_checks
    from .conversion import converter, structure, to_json, to_plain, unstructure
    from .planning.roster import Roster, build_roster
    from .pluginmanager import load_plugins
    from .reports import build_report, competence_check, compute_impact, write_reports
    from .results import (
        Dataset,
        ResultStore,
        export_results,
        import_file,
        phase_topics,
        validate_result,
    )
    from .workspace import Workspace


def __getattr__(name: str):
    if name == "__version__":
        from .version import version

        globals()["__version__"] = version()
        return globals()["__version__"]
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'werkzeugkoffer' has no attribute {name!r}")
    value = getattr(_import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY) | {"__version__"})


__all__ = [
    "Aggregate", "Catalogue", "CheckContext", "CheckFailed", "Contact", "CopyMaster", "DataProtection",
    "Finding", "Format", "FormatError", "ImpactLevel", "Indicator", "InputError",
    "InventoryItem", "Lab", "Material", "Municipality", "OpenData", "OutputError",
    "ParticipationLevel", "Phase", "PhaseRule", "PhaseRules", "PlanningError", "PluginError",
    "PrepStep", "Principle", "Privacy",
    "Result", "ResultError", "ResultField", "ResultType", "Role", "Session", "Setting",
    "Severity", "Space", "Step", "TargetGroup", "TeamMember", "Theme", "TopicRole", "Variation",
    "Venue",
    "WerkzeugkofferError", "Workspace", "WorkspaceError", "converter", "get_catalogue",
    "folder_plugin", "has_errors", "hookimpl", "load_format_file", "load_formats", "load_plugins", "plugin_info", "run_checks", "structure",
    "to_json", "to_plain", "unstructure", "validate_format", "__version__",
    "ResultStore", "validate_result", "import_file", "export_results", "build_report",
    "write_reports", "phase_topics", "Dataset", "compute_impact", "competence_check",
    "Roster", "build_roster",
]
