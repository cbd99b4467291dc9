"""The template loader: the sandbox's folder loader, refusing files that are not regular files.

Imported only when an environment is made (it imports jinja2 through the sandbox).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from jinja2.loaders import split_template_path

from ..sandbox import FolderLoader
from .metadata import not_regular


class RegularFileLoader(FolderLoader):
    """A folder loader that never opens a FIFO, device or directory as a template.

    A FIFO named ``_opening.j2`` would block the render (and the pre-commit hook) forever; it is
    refused with a TemplateError naming the file instead.
    """

    def get_source(self, environment: Any, template: str) -> Any:
        """Return the template's source; raise TemplateError for a non-regular file."""
        for folder in self.searchpath:
            path = Path(folder, *split_template_path(template))
            try:
                mode = os.stat(path).st_mode
            except OSError:
                continue  # not in this folder: the parent class says so
            if not stat.S_ISREG(mode):
                raise not_regular(path)
            break
        return super().get_source(environment, template)
