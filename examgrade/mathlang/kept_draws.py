"""The random instances of a context, kept between runs in the user's cache (issue 17).

The expression check draws its instances from fixed seeds (`context.drawn_round`,
`context.fixed_draw`): the same context, seed and sizes give the same arrays in every
run. Drawing them imported numpy.random (~13 ms of a `check`) and drew again (~10 ms).
Each key's instances are kept as plain data in marshal (never pickle): names, Python ints
and floats, and arrays as dtype, shape and bytes; a file names its own key in full and is
taken only when every value has the expected form, so a damaged, stale or foreign file is
a miss and the instances are drawn as before (`examgrade.user_cache` owns the folder).
Python's floats and the arrays' bytes come back bit for bit, so nothing graded changes.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from typing import Any

import numpy as np

KIND = "drawn"
KEEP = 512  # files of this kind kept: one per context, seed and sizes (a few KB each)
_DTYPES = frozenset({"<f8", "<i8"})  # what `Context.draw` makes
_MAX_ENTRIES = 1_000_000  # an array's entries, at most
_MAX_BYTES = 64 * 1024 * 1024  # a kept file, at most (they are a few KB)


def _name(text: str) -> str:
    from examgrade import user_cache

    return user_cache.key(KIND, text).rsplit(".", 1)[0] + ".marshal"


def key_text(*parts: object) -> str:
    """Everything the instances depend on besides examgrade's code and Python (which
    `user_cache.key` adds): what the caller names (a context as written, the seed, the
    sizes or indices) and numpy's version (its generator's streams)."""
    return "\0".join([*map(repr, parts), np.__version__])


def kept_instance(key: str, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The one instance kept for `key` by an earlier run, else `make()`'s, kept."""
    kept = load(key)
    if kept is not None and len(kept) == 1 and len(kept[0]) == 1:
        return kept[0][0]
    made = make()
    save(key, [[made]])
    return made


def load(key: str) -> list[list[dict[str, Any]]] | None:
    """The kept rounds of instances for `key`, or None (missing, damaged or foreign)."""
    from examgrade import user_cache

    try:
        data = user_cache.read_bytes(_name(key))
        if data is None:
            return None
        if not _plain_marshal(data):
            return None
        kept = marshal.loads(data)
        if not isinstance(kept, tuple) or len(kept) != 2 or kept[0] != key:
            return None
        if not isinstance(kept[1], tuple):
            return None
        return [[_instance(entry) for entry in _tuple(one)] for one in kept[1]]
    except Exception:  # anything unexpected: drawn again
        return None


def save(key: str, rounds: list[list[dict[str, Any]]]) -> None:
    """Keep the rounds for `key`; instances holding anything else than Python ints and
    floats and numpy arrays of `_DTYPES` are not kept. Never fails the caller."""
    from examgrade import user_cache

    try:
        plain = tuple(tuple(_plain(instance) for instance in one) for one in rounds)
    except (TypeError, ValueError):
        return
    try:
        data = marshal.dumps((key, plain))
    except ValueError:
        return
    user_cache.write_bytes(_name(key), data, keep=KEEP)


def _plain(instance: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    out = []
    for name, value in instance.items():
        if type(value) in (int, float):
            out.append((name, value))
        elif type(value) is np.ndarray and value.dtype.str in _DTYPES:
            out.append((name, (value.dtype.str, value.shape, value.tobytes())))
        else:
            raise TypeError(name)
    return tuple(out)


def _tuple(value: Any) -> tuple:
    if not isinstance(value, tuple):
        raise TypeError(value)
    return value


def _instance(entry: Any) -> dict[str, Any]:
    instance: dict[str, Any] = {}
    for pair in _tuple(entry):
        name, value = _tuple(pair)
        if type(name) is not str or name in instance:
            raise TypeError(name)
        instance[name] = _value(value)
    return instance


def _value(value: Any) -> Any:
    if type(value) in (int, float):
        return value
    dtype, shape, data = _tuple(value)
    if dtype not in _DTYPES or type(data) is not bytes:
        raise TypeError(dtype)
    shape = _tuple(shape)
    count = 1
    for size in shape:
        if type(size) is not int or size < 0:
            raise TypeError(size)
        count *= size
        if count > _MAX_ENTRIES:
            raise ValueError(count)
    if len(data) != count * 8:
        raise ValueError(len(data))
    # a fresh array as the generator makes one (aligned, its own, C order)
    return np.frombuffer(data, dtype=np.dtype(dtype)).reshape(shape).copy()


# marshal's codes for what `save` writes (tuples, str, bytes, int, float, None, True,
# False, and references to earlier ones), by how their length is written
_FIXED = {ord("N"): 0, ord("T"): 0, ord("F"): 0, ord("i"): 4, ord("g"): 8, ord("r"): 4}
_COUNT1 = frozenset(map(ord, "z)Zf"))  # a one-byte count
_COUNT4 = frozenset(map(ord, "(uaAst"))  # a four-byte count
_REF_FLAG = 0x80


def _plain_marshal(data: bytes) -> bool:
    """Whether `data` is marshal of only what `save` writes, every count within the
    bytes that follow it. marshal.loads trusts its input: five bytes (`(` and a count
    of 2**31 - 1) make it allocate 16 GB for a tuple, and it builds code objects; a
    file in the cache may be half written, damaged or planted, so it is read only
    after this linear scan (no recursion, one step a byte at least)."""
    if len(data) > _MAX_BYTES:
        return False
    end, at, pending = len(data), 0, 1
    while pending:
        pending -= 1
        if at >= end:
            return False
        code = data[at] & ~_REF_FLAG
        at += 1
        if code in _FIXED:
            at += _FIXED[code]
        elif code in _COUNT1 or code in _COUNT4 or code == ord("l"):
            width = 1 if code in _COUNT1 else 4
            if at + width > end:
                return False
            count = int.from_bytes(data[at : at + width], "little", signed=code == ord("l"))
            at += width
            if code in (ord("("), ord(")")):
                if count > end - at:  # each item takes a byte at least
                    return False
                pending += count
            else:  # characters or bytes, or a long's 15-bit digits (two bytes each)
                at += 2 * abs(count) if code == ord("l") else count
        else:
            return False  # a list, dict, set, code object...: never written here
        if at > end:
            return False
    return at == end
