"""storytrace: what is actually established about a news story.

    >>> import storytrace
    >>> report = storytrace.brief(["../shared/seeds"])

`brief` is the same pipeline the CLI and the web app run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Report


def brief(paths: Iterable[str | os.PathLike] | str | os.PathLike, **options) -> Report:
    """A report on the articles under `paths` (files, folders, globs); see `pipeline.brief`."""
    # Imported here so that `import storytrace.model` stays light (no models, no torch).
    from .pipeline import brief as run

    return run(paths, **options)


__all__ = ["brief"]
