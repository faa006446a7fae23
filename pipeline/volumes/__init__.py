"""Volume text -> typed figures. The public API of the parser.

>>> parse_volume("5.6Tb of data.").primary.value
5600000000000.0

The reader (:mod:`.reader`, where a parse spends its Python time) may be compiled by mypyc: ``make``
compiles it where the machine has a C compiler (1.3 times the speed; see the README). A compiled
reader is used only if it is newer than ``reader.py``; after an edit or a pull, until ``make``
compiles it again, the source runs, never a stale build. ``FOI_VOLUMES_PURE=1`` runs the source
whatever is compiled. :data:`COMPILED` says which runs; ``tests/test_compiled.py`` checks that the
two read every text alike.
"""

import os as _os
import sys as _sys
from importlib import machinery as _machinery
from importlib import util as _util
from pathlib import Path as _Path
from types import ModuleType as _ModuleType

from .model import DEFAULT_POLICY, KINDS, QUALIFIERS, ROLES, UNIT_OF_KIND, Figure, Parse, Policy

_HERE = _Path(__file__).parent


def compiled_readers() -> list[_Path]:
    """The compiled readers beside ``reader.py`` (none where it was never compiled)."""
    return [p for p in (_HERE / f"reader{suffix}" for suffix in _machinery.EXTENSION_SUFFIXES) if p.exists()]


def load_source(name: str = f"{__name__}.reader") -> _ModuleType:
    """``reader.py`` itself imported as module ``name`` (in :data:`sys.modules`), past any compiled one."""
    loader = _machinery.SourceFileLoader(name, str(_HERE / "reader.py"))
    spec = _util.spec_from_loader(name, loader)
    assert spec is not None
    module = _util.module_from_spec(spec)
    _sys.modules[name] = module
    loader.exec_module(module)
    return module


def _use_compiled(built: list[_Path]) -> bool:
    if _os.environ.get("FOI_VOLUMES_PURE") or not built:
        return False
    source = (_HERE / "reader.py").stat().st_mtime
    return all(b.stat().st_mtime >= source for b in built)


_built = compiled_readers()
#: Whether the parser runs compiled (mypyc) rather than as Python source
COMPILED = _use_compiled(_built)
if _built and not COMPILED:
    load_source()  # stale or refused: the source, not the build beside it

from .reader import parse_volume  # noqa: E402  (after the choice of which reader)

__all__ = [
    "COMPILED",
    "DEFAULT_POLICY",
    "KINDS",
    "QUALIFIERS",
    "ROLES",
    "UNIT_OF_KIND",
    "Figure",
    "Parse",
    "Policy",
    "parse_volume",
]
