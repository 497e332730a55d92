"""Reports: what the sessions produced and changed, per phase, municipality and lab."""

from __future__ import annotations

from .content import Report, build_report, render_report, write_reports
from .impact import compute_impact, competence_check

__all__ = ["Report", "build_report", "competence_check", "compute_impact", "render_report",
           "write_reports"]
