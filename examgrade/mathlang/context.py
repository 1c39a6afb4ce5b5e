"""A question's context: its symbols with shapes and domains, and random instances of them.

An expression means nothing until its names are resolved: `h_0` is the symbol `h_0`,
`x_k` the k-th element of the input sequence `x`, `W_{ijk}` one entry of a tensor. The
context says which, and draws the random instances equivalence is checked on: sizes
that differ from each other (N != M, so a transpose cannot pass by luck), several t,
matrices whose spectral radius is below 1 on some instances and above 1 on others.
Contexts are declared in rubric YAML and validated there (`Context.from_plain`).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from examgrade.errors import RubricError
from examgrade.mathlang import kept_draws

Instance = Mapping[str, Any]  # symbol name (and dim name) -> np.ndarray | int | float

DOMAINS = frozenset({"real", "positive", "binary", "int", "identity", "index"})
FAMILIES = frozenset({"sequence", "sample"})
DEFAULT_STEPS = (1, 2, 3, 5)
DEFAULT_SAMPLES = (5,)
SPECTRAL_RADII = (0.6, 1.4)  # alternately below and above 1, instance by instance


@dataclass(frozen=True)
class Symbol:
    """One symbol of a question: its canonical name, shape (dim names or sizes), spellings.

    `family` "sequence": `x_k` for k = 1..t, the instance holds (t, *shape);
    "sample": a batch, the instance holds (S, *shape) and `E[...]` averages over it."""

    name: str
    shape: tuple[str | int, ...] = ()
    aliases: tuple[str, ...] = ()
    family: str | None = None
    domain: str = "real"


@dataclass(frozen=True)
class Context:
    """The symbols of one question part, the candidate sizes, the index ranges.

    `free=True` is the free mode of `examgrade equiv` and conformance: every name that
    is not a symbol is a free real variable."""

    symbols: tuple[Symbol, ...] = ()
    dims: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    indices: Mapping[str, str] = field(default_factory=dict)
    free_index: str | None = None
    steps: str = "t"  # the scalar symbol giving the length of sequences
    batch: str = "S"  # the size giving the number of samples of a batch (`m` in `1/m sum_i`)
    free: bool = False

    def symbol(self, name: str) -> Symbol | None:
        """The symbol spelled `name` (its canonical name or one of its aliases)."""
        return self._spellings.get(name)

    @cached_property
    def _spellings(self) -> dict[str, Symbol]:
        mapping: dict[str, Symbol] = {}
        for sym in self.symbols:
            for spelling in (sym.name, *sym.aliases):
                mapping.setdefault(spelling, sym)
        return mapping

    def names(self) -> frozenset[str]:
        """Every spelling the parser should know: names, aliases, the base of `h_0`,
        index names (so `W_{ijk}` and `x_i` read as indexing), sizes (`sum_{j=1}^{M}`)."""
        return self._names

    @cached_property
    def _names(self) -> frozenset[str]:
        out: set[str] = set()
        for sym in self.symbols:
            out.update((sym.name, *sym.aliases))
            if "_" in sym.name:
                out.add(sym.name.split("_", 1)[0])
        out.update(self.indices)
        out.update(d for d in self.dims if d != self.batch)
        if self.free_index:
            out.add(self.free_index)
        return frozenset(out)

    def dim_of(self, label: str | int, instance: Instance) -> int:
        """The size a shape entry stands for in one instance."""
        if isinstance(label, int):
            return label
        return int(instance[label])

    def draw(self, rng: np.random.Generator, *, index: int = 0) -> dict[str, Any]:
        """One random instance; `index` alternates the spectral radius below/above 1."""
        instance: dict[str, Any] = dict(_draw_dims(self.dims, rng, (self.steps, self.batch)))
        steps_choices = self.dims.get(self.steps, DEFAULT_STEPS)
        instance.setdefault(self.steps, int(rng.choice(steps_choices)))
        if any(sym.family == "sample" for sym in self.symbols):
            samples = self.dims.get(self.batch, DEFAULT_SAMPLES)
            instance.setdefault(self.batch, int(rng.choice(samples)))
        radius = SPECTRAL_RADII[index % len(SPECTRAL_RADII)]
        for sym in self.symbols:
            if sym.name in (self.steps, self.batch) or (sym.domain == "identity" and not sym.shape):
                continue
            shape = tuple(self.dim_of(d, instance) for d in sym.shape)
            lead: tuple[int, ...] = ()
            if sym.family == "sequence":
                lead = (int(instance[self.steps]),)
            elif sym.family == "sample":
                lead = (int(instance[self.batch]),)
            instance[sym.name] = _draw_value(sym, shape, lead, rng, radius)
        return instance

    @classmethod
    def from_plain(cls, data: Mapping[str, Any], where: str = "context") -> Context:
        """A context from rubric YAML:

        ```yaml
        dims: {N: [3, 4], M: [2, 5], t: [1, 3]}
        symbols:
          W: {shape: [N, N]}
          h_0: {shape: [N], aliases: [h0]}
          x: {shape: [M], family: sequence}
          t: {domain: int}
        indices: {k: t}
        free_index: i        # optional (q8)
        batch: m             # optional: the dim counting a sample family's rows (default S)
        ```
        """
        if not isinstance(data, Mapping):
            raise RubricError("mathcontext.invalid", {"where": where, "what": "mapping"})
        unknown = set(data) - {"dims", "symbols", "indices", "free_index", "steps", "batch"}
        if unknown:
            raise RubricError(
                "mathcontext.invalid", {"where": where, "what": ", ".join(sorted(unknown))}
            )
        dims = {
            str(k): tuple(_positive_ints(v, f"{where}.dims.{k}"))
            for k, v in (data.get("dims") or {}).items()
        }
        symbols = tuple(
            _symbol(str(name), spec or {}, f"{where}.symbols.{name}", dims)
            for name, spec in (data.get("symbols") or {}).items()
        )
        indices = {str(k): str(v) for k, v in (data.get("indices") or {}).items()}
        steps = str(data.get("steps", "t"))
        batch = str(data.get("batch", "S"))
        for index, dim in indices.items():
            if dim not in dims and dim != steps:
                raise RubricError(
                    "mathcontext.invalid", {"where": f"{where}.indices.{index}", "what": dim}
                )
        free_index = data.get("free_index")
        if free_index is not None and str(free_index) not in indices:
            raise RubricError(
                "mathcontext.invalid", {"where": f"{where}.free_index", "what": free_index}
            )
        return cls(
            symbols=symbols,
            dims=dims,
            indices=indices,
            free_index=None if free_index is None else str(free_index),
            steps=steps,
            batch=batch,
        )


class Drawn(dict):
    """A drawn instance kept for reuse (`drawn_round`): its arrays are read-only, so
    no evaluation or solver can change it for the next one, and it carries its digest,
    a memo of the reference values computed on it and the evaluator's memo of the
    sub-expressions every answer may share (`evaluate._kept`)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        for value in self.values():
            if isinstance(value, np.ndarray):
                value.setflags(write=False)
        self.digest = instance_digest(self)
        self.memo: dict[Any, Any] = {}
        self.subtrees: dict[Any, Any] = {}  # the evaluator's kept sub-expression values


def instance_digest(instance: Instance) -> bytes:
    """What an instance holds, as a short digest (a key for values computed on it)."""
    known = getattr(instance, "digest", None)
    if isinstance(known, bytes):
        return known
    digest = hashlib.blake2b(digest_size=16)
    for name in sorted(instance):
        value = np.asarray(instance[name])
        digest.update(f"{name}:{value.dtype}:{value.shape};".encode())
        digest.update(value.tobytes())
    return digest.digest()


_DRAWN: dict[tuple[int, int, tuple[int, ...]], list[Any]] = {}
_MAX_DRAWN = 256


def drawn_round(ctx: Context, seed: int, sizes: tuple[int, ...], number: int) -> tuple[Drawn, ...]:
    """Round `number` of the instances `ctx.draw` gives from `default_rng(seed)` in
    rounds of the given sizes (each round's `index` from 0), drawn once per process and
    only when first asked for: the seed is fixed, so every answer of a class is checked
    on the very same instances anyway. Rounds drawn by an earlier run are read from the
    user's cache (`kept_draws`: no numpy.random, no drawing); a round beyond them is
    drawn from a generator first advanced over them."""
    key = (id(ctx), seed, sizes)
    found = _DRAWN.get(key)
    if found is None or found[0] is not ctx:
        if len(_DRAWN) >= _MAX_DRAWN:
            _DRAWN.clear()
        kept_key = kept_draws.key_text("rounds", ctx, seed, sizes)
        found = _DRAWN[key] = [ctx, None, _kept_rounds(kept_key, sizes), kept_key]
    _, rng, rounds, kept_key = found
    if len(rounds) > number:
        return rounds[number]
    if rng is None:
        rng = found[1] = np.random.default_rng(seed)
        for size in sizes[: len(rounds)]:  # the kept rounds' draws, to the same state
            for k in range(size):
                ctx.draw(rng, index=k)
    while len(rounds) <= number:
        size = sizes[len(rounds)]
        rounds.append(tuple(Drawn(ctx.draw(rng, index=k)) for k in range(size)))
    kept_draws.save(kept_key, rounds)
    return rounds[number]


def _kept_rounds(kept_key: str, sizes: tuple[int, ...]) -> list[tuple[Drawn, ...]]:
    """The rounds an earlier run drew for `kept_key`, when they have the sizes asked."""
    kept = kept_draws.load(kept_key)
    if kept is None or len(kept) > len(sizes):
        return []
    if any(len(one) != size for one, size in zip(kept, sizes, strict=False)):
        return []
    return [tuple(Drawn(instance) for instance in one) for one in kept]


_FIXED: dict[tuple[int, int, tuple[int, ...]], tuple[Context, Drawn]] = {}
_MAX_FIXED = 256


def fixed_draw(ctx: Context, seed: int, indices: tuple[int, ...]) -> Drawn:
    """The last instance of `ctx.draw(rng, index=i)` for each `i` of `indices` in turn,
    from `default_rng(seed)`: what a check drawing its own few instances from a fixed
    seed gets, drawn once per process rather than once per answer, and a `Drawn` (the
    evaluator keeps on it the sub-expressions answers share). Read-only, as every drawn
    instance the evaluator sees."""
    key = (id(ctx), seed, indices)
    found = _FIXED.get(key)
    if found is not None and found[0] is ctx:
        return found[1]

    def draw() -> dict[str, Any]:
        rng = np.random.default_rng(seed)
        instance: dict[str, Any] = {}
        for index in indices:
            instance = ctx.draw(rng, index=index)
        return instance

    # drawn by an earlier run, or now (`drawn_round`)
    instance = kept_draws.kept_instance(kept_draws.key_text("fixed", ctx, seed, indices), draw)
    drawn = Drawn(instance)
    if len(_FIXED) >= _MAX_FIXED:
        _FIXED.clear()
    _FIXED[key] = (ctx, drawn)
    return drawn


def free_context(spec: str = "") -> Context:
    """The free mode, with optional typed variables: `'x:real, n:int, a:positive'`."""
    symbols = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, domain = part.partition(":")
        domain = domain.strip() or "real"
        if domain not in ("real", "positive", "int") or not name.strip():
            from examgrade.errors import UsageError

            raise UsageError("equiv.bad_symbols", {"spec": part})
        symbols.append(Symbol(name.strip(), domain=domain))
    return Context(symbols=tuple(symbols), free=True)


def _positive_ints(value: Any, where: str) -> list[int]:
    values = value if isinstance(value, list | tuple) else [value]
    out = []
    for v in values:
        try:
            number = int(str(v))
        except ValueError:
            number = 0
        if number < 1 or number > 50:
            raise RubricError("mathcontext.invalid", {"where": where, "what": v})
        out.append(number)
    return out


def _symbol(name: str, spec: Any, where: str, dims: Mapping[str, Any]) -> Symbol:
    if not isinstance(spec, Mapping):
        raise RubricError("mathcontext.invalid", {"where": where, "what": spec})
    unknown = set(spec) - {"shape", "aliases", "family", "domain"}
    if unknown:
        raise RubricError("mathcontext.invalid", {"where": where, "what": ", ".join(unknown)})
    shape: list[str | int] = []
    for entry in spec.get("shape") or []:
        text = str(entry)
        if text.isdigit():
            shape.append(int(text))
        elif text in dims:
            shape.append(text)
        else:
            raise RubricError("mathcontext.invalid", {"where": f"{where}.shape", "what": text})
    family = spec.get("family")
    domain = str(spec.get("domain", "real"))
    if (family is not None and family not in FAMILIES) or domain not in DOMAINS:
        raise RubricError("mathcontext.invalid", {"where": where, "what": family or domain})
    aliases = spec.get("aliases") or []
    if not isinstance(aliases, list):
        aliases = [aliases]
    return Symbol(name, tuple(shape), tuple(str(a) for a in aliases), family, domain)


def _draw_dims(
    dims: Mapping[str, tuple[int, ...]], rng: np.random.Generator, apart: tuple[str, str]
) -> dict[str, int]:
    """Sizes for the named dims, pairwise different whenever the candidates allow it; the
    `apart` ones (time steps, batch size) are drawn on their own."""
    names = [d for d in dims if d not in apart]
    choices = [list(dims[d]) for d in names]
    options = [c for c in itertools.product(*choices) if len(set(c)) == len(c)]
    if not options:
        options = list(itertools.product(*choices))
    picked = options[int(rng.integers(len(options)))] if options else ()
    out = dict(zip(names, (int(v) for v in picked), strict=True))
    for d in apart:
        if d in dims:
            out[d] = int(rng.choice(dims[d]))
    return out


def _draw_value(
    sym: Symbol,
    shape: tuple[int, ...],
    lead: tuple[int, ...],
    rng: np.random.Generator,
    radius: float,
) -> Any:
    full = lead + shape
    if sym.domain == "identity":
        return np.eye(shape[0]) if shape else 1.0
    if sym.domain == "binary":
        return rng.integers(0, 2, size=full).astype(float)
    if sym.domain in ("int", "index"):
        return int(rng.integers(1, 5)) if not full else rng.integers(1, 5, size=full).astype(float)
    if sym.domain == "positive":
        value = rng.uniform(0.5, 2.0, size=full)
        return float(value) if not full else value
    value = rng.standard_normal(size=full)
    if not full:
        return float(value)
    if len(shape) == 2 and shape[0] == shape[1] and not lead:
        rho = float(np.max(np.abs(np.linalg.eigvals(value))))
        value = value * (radius / rho) if rho > 0 else value
    return value
