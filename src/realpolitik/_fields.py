"""One way to turn an object's attributes into a JSON-ready dict.

Examples
--------
>>> from types import SimpleNamespace
>>> pick(SimpleNamespace(a=1, b="x", c=None), "b", "a")
{'b': 'x', 'a': 1}
"""

from __future__ import annotations

from typing import Any

__all__ = ["pick"]


def pick(obj: object, *names: str) -> dict[str, Any]:
    """The named attributes of ``obj``, keyed by name, in the order given.

    Parameters
    ----------
    obj : object
        Any object (typically a dataclass instance).
    *names : str
        Attribute names; each becomes a key of the result.

    Returns
    -------
    dict
        ``{name: getattr(obj, name)}`` for each name, in order.
    """
    return {name: getattr(obj, name) for name in names}
