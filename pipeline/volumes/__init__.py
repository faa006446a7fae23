"""Volume text -> typed figures. The public API of the parser.

>>> parse_volume("5.6Tb of data.").primary.value
5600000000000.0
"""

from .model import DEFAULT_POLICY, KINDS, QUALIFIERS, ROLES, UNIT_OF_KIND, Figure, Parse, Policy
from .reader import parse_volume

__all__ = [
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
