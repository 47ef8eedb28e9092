"""Static files with content-hashed names, compressed (gzip and brotli) by ``collectstatic``.

``scripts/start`` and ``scripts/test`` run ``collectstatic``: pages then name every file by its
hash (``nucleus.4ab1….css``), which WhiteNoise serves for a year, ``immutable``
(``nucleus.middleware.StaticFilesMiddleware``), from ``.br`` or ``.gz`` files made next to it
as the browser accepts. A checkout where it has not run yet (a fresh clone's ``runserver``, a
test run started by hand) is not refused: a file missing from the manifest is named as it
is, served from the app folders (``WHITENOISE_USE_FINDERS``) and cached for a minute.
"""

from __future__ import annotations

from whitenoise.storage import (  # type: ignore[import-untyped]  # no type information
    CompressedManifestStaticFilesStorage,
)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False  # a file not in the manifest is hashed from STATIC_ROOT ...

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:  # ... and when it is not there either, named as it is
            return name
