"""Styles: Jinja templates found in folders and packs, their metadata, the sandbox render.

- `discovery`: where styles come from (folders, ``$VOICEMAIL_COACH_TEMPLATES``, packs, built-ins)
- `metadata`: the validated YAML in a template's leading ``{#- ... -#}`` comment (`Style`)
- `fields`: the fields a template can read, and whether a prospect has one
- `environment`: one cached sandbox environment per search path
- `render`: rendering, and every render failure as one located TemplateError

Which style fits a prospect is policy: `voicemail_coach.policy.recommend`. Importing this
package does not import jinja2; rendering or inspecting a template does.
"""

from __future__ import annotations

from .discovery import (
    BUILTIN_DIR,
    ENTRY_POINT_GROUP,
    ENV_VAR,
    EXAMPLES_DIR,
    get_style,
    pack_dirs,
    search_path,
    style_files,
    styles,
    template_dirs,
)
from .environment import environment, environment_for, new_environment, search_dirs
from .fields import CONTEXT, dotted, field_problem, field_value, has_field
from .metadata import META_KEYS, Folder, Style, read_style
from .render import MAX_OUTPUT, missing_fields, render, template_error

__all__ = [
    "BUILTIN_DIR",
    "CONTEXT",
    "ENTRY_POINT_GROUP",
    "ENV_VAR",
    "EXAMPLES_DIR",
    "MAX_OUTPUT",
    "META_KEYS",
    "Folder",
    "Style",
    "dotted",
    "environment",
    "environment_for",
    "field_problem",
    "field_value",
    "get_style",
    "has_field",
    "missing_fields",
    "new_environment",
    "pack_dirs",
    "read_style",
    "render",
    "search_dirs",
    "search_path",
    "style_files",
    "styles",
    "template_dirs",
    "template_error",
]
