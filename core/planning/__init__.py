"""Planning: plan templates, editing workspace files, the district tour, format suggestions."""
