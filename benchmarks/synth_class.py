"""A synthetic class of answer sheets for the benchmark, drawn like a real one.

Structured answers (sizes, numbers, verdicts, expressions, conditions) come from small
pools of correct forms and known mistakes, drawn with Zipf-like weights: a real class
writes `25x25` a hundred times and `[25, 25]` twice. Free text is different for
nearly every student, as in a real class: sentences of the example sheets in English and
French, picked and ordered per student, with an opening phrase and a typo here and there.
`distinct=True` makes every answer unique (sizes as student-specific arithmetic,
expressions with a student-specific zero term, texts with a student-specific sentence),
the worst case for any reuse.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Each structured part: (correct forms..., known mistakes...), most common first.
POOLS: dict[str, list[Any]] = {
    "q1.a": [
        "256x256",
        "256 x 256",
        "[256, 256]",
        "256",
        "(256-5+2*2)/1+1",
        "252x252",
        ["256x256"] * 6,
        ["252", "248", "244", "240", "236", "232"],
        "254x254",
        "128x128",
    ],
    "q1.b": ["25x25", "25", "21x21", "25 × 25", "1 + 6*(5-1)", "[25, 25]", "21", "31x31"],
    "q1.c": ["4", "4x4", "(5-1)", "2", "8"],
    "q1.d": ["0", "0x0", "1", "2"],
    "q1.e": ["2", "(5-1)/2", "2x2", "4", "1"],
    "q2.a": [
        "W^t h_0 + sum_{k=1}^{t} W^(t-k) (U x_k + b)",
        r"\sum_{k=0}^{t-1} W^{k} \left( U x_{t-k} + b \right) + W^{t} h_{0}",
        "W^t h_0",
        "W^t h_0 + sum_{k=1}^{t} W^k (U x_k + b)",
    ],
    "q2.b": ["W^t", "W^{t}", "W**t", "t W^{t-1}", "W^T"],
    "q2.c.vanishes_if": [
        "rho(W) < 1",
        r"\rho(W) < 1",
        "||W||_2 < 1",
        "max(abs(eig(W))) < 1",
        "rho(W) > 1",
    ],
    "q2.c.explodes_if": ["rho(W) > 1", r"\|W\|_2 > 1", "rho(W) >= 1", "rho(W) < 1"],
    "q5.a.jacobian": ["W", "W^T", "W x"],
    "q5.a.penalty": [
        "lambda ||W||_F^2",
        r"\lambda \operatorname{tr}(W^\top W)",
        "lambda sum_{i,j} W_{ij}^2",
        "lambda ||W||_2",
    ],
    "q5.b.jacobian": ["diag(1[W x + b > 0]) W", "diag(heaviside(W x + b)) W", "W"],
    "q6.b.verdict": ["yes", "no", "oui", "non", "True"],
    "q7.b": [
        "E[x_tilde] - E[x] + 2 lambda (||w||_2 - 1) w / ||w||_2",
        r"\mathbb{E}[\tilde{x}] - \mathbb{E}[x] + \lambda (\|w\|_2 - 1) \frac{w}{\|w\|_2}",
        "E[x_tilde] - E[x]",
    ],
    "q8.a.x_given_yz": [
        "sigmoid(-sum_{j,k} W_{ijk} y_j z_k)",
        r"\sigma\left(-\sum_{j}\sum_{k} W_{ijk} y_j z_k\right)",
        "sigmoid(sum_{j,k} W_{ijk} y_j z_k)",
    ],
    "q8.a.y_given_xz": [
        "sigmoid(-sum_{i,k} W_{ijk} x_i z_k)",
        "1 / (1 + exp(sum_{i,k} W_{ijk} x_i z_k))",
    ],
    "q8.a.z_given_xy": [
        "sigmoid(-sum_{i,j} W_{ijk} x_i y_j)",
        r"\sigma\left(\sum_{i,j} W_{ijk} x_i y_j\right)",
    ],
    "q8.b.linear": ["no", "non", "yes"],
    "q8.c.possible": ["yes", "oui", "no"],
}

STEPS = [
    [
        "log p(x)",
        "E_{q(z|x)}[log p(x)]",
        "E_{q(z|x)}[log p(x,z) - log p(z|x)]",
        "E_{q(z|x)}[log (p(x,z)/q(z|x))] - E_{q(z|x)}[log (p(z|x)/q(z|x))]",
    ],
    [
        r"\log p(x)",
        r"\mathbb{E}_{q(z|x)}\left[\log \frac{p(x,z)}{p(z|x)}\right]",
        r"\mathbb{E}_{q(z|x)}\left[\log \frac{p(x,z)}{q(z|x)}\right] - "
        r"\mathbb{E}_{q(z|x)}\left[\log \frac{p(z|x)}{q(z|x)}\right]",
    ],
    ["log p(x)", "E_q[log p(x,z) - log q(z|x)]"],
]

TEXT_PARTS = [
    "q2.c.explanation",
    "q3.a",
    "q3.b",
    "q4.a",
    "q4.b.i",
    "q4.b.ii",
    "q5.a.explanation",
    "q5.b.explanation",
    "q6.a.explanation",
    "q6.b.explanation",
    "q7.a",
    "q7.c",
    "q8.a.explanation",
    "q8.b.explanation",
    "q8.c.explanation",
]


def _sentences(lang: str) -> dict[str, list[str]]:
    """Each text part's sentences in the example sheet of that language."""
    from examgrade.yamlsafe import compose, decode, to_plain

    name = "ada-en.yaml" if lang == "en" else "benoit-fr.yaml"
    path = ROOT / "answers" / name
    sheet = to_plain(compose(decode(path.read_bytes(), name), name))
    found: dict[str, list[str]] = {}
    for key in TEXT_PARTS:
        node: Any = sheet
        for step in key.split("."):
            node = node.get(step) if isinstance(node, dict) else None
        if isinstance(node, str):
            found[key] = [s for s in re.split(r"(?<=[.;:])\s+", " ".join(node.split())) if s]
    return found


def _zipf(rng: random.Random, pool: list[Any]) -> Any:
    return rng.choices(pool, weights=[1 / (rank + 1) ** 1.3 for rank in range(len(pool))])[0]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _unique(key: str, value: Any, n: int) -> Any:
    """A form of `value` only student `n` writes, with the same meaning: sizes get a
    `+ n - n` in each dimension, expressions a `+ 0*n` term; verdicts stay as they are."""
    if isinstance(value, list):
        return [_unique(key, v, n) for v in value]
    if key.startswith("q1."):
        if value.startswith("["):
            return "[" + ", ".join(f"{d} + {n} - {n}" for d in value[1:-1].split(",")) + "]"
        dims = re.split(r"\s*[x×]\s*", value)
        return "x".join(f"({d} + {n} - {n})" for d in dims)
    if value.lower() in ("yes", "no", "oui", "non", "true"):
        return value
    return f"{value} + 0*{n}"


def _answers(rng: random.Random, n: int, lang: str, texts: dict, distinct: bool) -> dict:
    answers: dict[str, Any] = {}
    for key, pool in POOLS.items():
        if rng.random() < 0.03:
            continue  # a part left blank now and then
        value = _zipf(rng, pool)
        answers[key] = _unique(key, value, n) if distinct else value
    answers["q6.a.steps"] = list(_zipf(rng, STEPS))
    for key, sentences in texts.items():
        if rng.random() < 0.05:
            continue
        count = rng.randint(1, len(sentences))
        chosen = [_typo(rng, s) for s in rng.sample(sentences, count)]
        opening = rng.choice(OPENINGS[lang])
        if distinct:
            chosen.append(f"(Student {n}.)")
        answers[key] = " ".join([opening, *chosen] if opening else chosen)
    return answers


OPENINGS = {
    "en": ["", "", "I think that", "In short:", "Answer:", "Well,", "Basically", "So,"],
    "fr": ["", "", "Je pense que", "En bref :", "Réponse :", "Alors,", "En fait,", "Donc"],
}


def _typo(rng: random.Random, sentence: str) -> str:
    """Students' texts differ in small ways: a letter swapped in one word, half the time."""
    words = sentence.split()
    if rng.random() < 0.5 and words:
        at = rng.randrange(len(words))
        word = words[at]
        if len(word) > 3:
            i = rng.randrange(len(word) - 1)
            words[at] = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return " ".join(words)


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for key, value in flat.items():
        *path, last = key.split(".")
        node = tree
        for step in path:
            node = node.setdefault(step, {})
        node[last] = value
    return tree


def _emit(tree: dict[str, Any], indent: int = 0) -> list[str]:
    lines, pad = [], "  " * indent
    for key, value in tree.items():
        if isinstance(value, dict):
            lines += [f"{pad}{key}:", *_emit(value, indent + 1)]
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            lines += [f"{pad}  - {_quote(item)}" for item in value]
        else:
            lines.append(f"{pad}{key}: {_quote(value)}")
    return lines


def sheet_text(n: int, rng: random.Random, texts: dict[str, dict], distinct: bool) -> str:
    lang = "fr" if rng.random() < 0.4 else "en"
    head = [
        "student:",
        f"  id: '{20240000 + n}'",
        f"  name: 'Student {n}'",
        f"  lang: {lang}",
    ]
    body = _emit(_nest(_answers(rng, n, lang, texts[lang], distinct)))
    return "\n".join(head + body) + "\n"


def write_class(folder: Path, count: int, distinct: bool = False, seed: int = 6135) -> Path:
    """Write `count` sheets into `folder` (created), reproducibly for a seed."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    texts = {"en": _sentences("en"), "fr": _sentences("fr")}
    for n in range(count):
        (folder / f"s{n:05}.yaml").write_text(sheet_text(n, rng, texts, distinct), "utf-8")
    return folder


def graded_class(base: Path, sheets: int) -> Path:
    """`base/graded`, a realistic class of `sheets` sheets graded once (made if absent):
    what the review and report benchmarks open."""
    out = base / "graded"
    if not (out / "grades.csv").is_file():
        from examgrade.classroom.batch import BatchOptions, grade_class

        write_class(base / "sheets", sheets)
        grade_class(BatchOptions(base / "sheets", out, plots=False))
    return out
