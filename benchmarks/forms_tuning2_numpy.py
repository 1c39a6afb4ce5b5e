"""The labels of tests/data/forms_tuning2.yaml checked with numpy, not with examgrade:
each expression form is re-typed here as numpy (my reading of what the student wrote),
evaluated on random instances and compared with the key's formula; each size form's
arithmetic is done here; verdict labels follow the key's yes/no (answer-key.md Q6.b, Q8.b,
Q8.c). Prints one line per form that disagrees with its label, then a count.

    python benchmarks/forms_tuning2_numpy.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

rng = np.random.default_rng(0)
mp = np.linalg.matrix_power
sig = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731


def rnn():
    n, m, t = 3, 2, 5
    W = rng.normal(size=(n, n)) / 2
    U, b, h0 = rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    x = rng.normal(size=(t + 1, m))  # x[1..t]
    return W, U, b, h0, x, t


def q2a(f):
    W, U, b, h0, x, t = rnn()
    key = mp(W, t) @ h0 + sum(mp(W, t - k) @ (U @ x[k] + b) for k in range(1, t + 1))
    return np.allclose(f(W, U, b, h0, x, t), key)


def q2b(f):
    W, t = rnn()[0], rnn()[-1]
    return np.allclose(f(W, t), mp(W, t))


def q5pen(f):
    W, lam = rng.normal(size=(3, 4)), 0.7
    try:
        return np.allclose(f(W, lam), lam * np.sum(W**2))
    except ValueError:  # trace of a non-square matrix: no value
        return False


def q5jac(f):
    for _ in range(10):  # several instances: an indicator may agree on one by chance
        W, x, b = rng.normal(size=(3, 4)), rng.normal(size=4), 3 * rng.normal(size=3)
        out = f(W, x, b)
        key = np.diag((W @ x + b > 0) * 1.0) @ W
        if np.shape(out) != W.shape or not np.allclose(out, key):
            return False
    return True


def q7b(f):
    w, lam = rng.normal(size=4), 0.5
    xg, xr = rng.normal(size=(6, 4)), rng.normal(size=(6, 4)) + 1
    nw = np.linalg.norm(w)
    key = xg.mean(0) - xr.mean(0) + 2 * lam * (nw - 1) * w / nw
    return np.allclose(f(w, lam, xg, xr, nw), key)


def q8(unit, f):
    W = rng.normal(size=(3, 3, 3))
    # binary units, none all-zero (a zero layer would make σ(a) = σ(−a) = 1/2)
    x, y, z = (np.r_[1.0, rng.integers(0, 2, size=2)] for _ in range(3))
    key = {
        "x": sig(-np.einsum("ijk,j,k->i", W, y, z)),
        "y": sig(-np.einsum("ijk,i,k->j", W, x, z)),
        "z": sig(-np.einsum("ijk,i,j->k", W, x, y)),
    }[unit]
    return np.allclose(f(W, x, y, z), key)


EXPR = {
    "h_t = Wᵗ h₀ + Σₖ₌₁ᵗ Wᵗ⁻ᵏ (U xₖ + b)": lambda: q2a(
        lambda W, U, b, h0, x, t: (
            mp(W, t) @ h0 + sum(mp(W, t - k) @ (U @ x[k] + b) for k in range(1, t + 1))
        )
    ),
    "Wᵗ h₀ + Σₖ₌₁ᵗ Wᵗ⁻ᵏ U xₖ + Σₖ₌₁ᵗ Wᵗ⁻ᵏ b": lambda: q2a(
        lambda W, U, b, h0, x, t: (
            mp(W, t) @ h0
            + sum(mp(W, t - k) @ U @ x[k] for k in range(1, t + 1))
            + sum(mp(W, t - k) @ b for k in range(1, t + 1))
        )
    ),
    "Wᵗ h₀ + Σₖ₌₀ᵗ⁻¹ Wᵏ (U x_{t-k} + b)": lambda: q2a(
        lambda W, U, b, h0, x, t: (
            mp(W, t) @ h0 + sum(mp(W, k) @ (U @ x[t - k] + b) for k in range(0, t))
        )
    ),
    "Wᵗ h₀ + Σₖ₌₁ᵗ Wᵗ⁻ᵏ⁺¹ (U xₖ + b)": lambda: q2a(
        lambda W, U, b, h0, x, t: (
            mp(W, t) @ h0 + sum(mp(W, t - k + 1) @ (U @ x[k] + b) for k in range(1, t + 1))
        )
    ),
    "Wᵗ h₀ + Σₖ₌₁ᵗ Wᵗ⁻ᵏ U xₖ + t b": lambda: q2a(
        lambda W, U, b, h0, x, t: (
            mp(W, t) @ h0 + sum(mp(W, t - k) @ U @ x[k] for k in range(1, t + 1)) + t * b
        )
    ),
    "hₜ = Wᵗ h₀ + Σₖ₌₁ᵗ Uᵏ Wᵗ⁻ᵏ xₖ + b": lambda: False,  # U^k: U is not square
    "∂hₜ/∂h₀ = Wᵗ": lambda: q2b(lambda W, t: mp(W, t)),
    "J = Πₛ₌₁ᵗ W = Wᵗ": lambda: q2b(lambda W, t: mp(W, t)),
    "∂hₜ/∂h₀ = Wᵗ⁻¹": lambda: q2b(lambda W, t: mp(W, t - 1)),
    "J = Πₛ₌₁ᵗ W = Wᵗ⁻¹": lambda: q2b(lambda W, t: mp(W, t - 1)),
    "λ tr(WᵀW)": lambda: q5pen(lambda W, lam: lam * np.trace(W.T @ W)),
    "λ Σᵢⱼ Wᵢⱼ²": lambda: q5pen(lambda W, lam: lam * np.sum(W**2)),
    "λ ‖W‖_F² = λ tr(WᵀW)": lambda: q5pen(
        lambda W, lam: (
            lam * np.linalg.norm(W) ** 2
            if np.isclose(np.linalg.norm(W) ** 2, np.trace(W.T @ W))
            else np.nan
        )
    ),
    "λ tr(W)": lambda: q5pen(lambda W, lam: lam * _trace(W)),
    "λ Σᵢⱼ |Wᵢⱼ|": lambda: q5pen(lambda W, lam: lam * np.abs(W).sum()),
    "λ ‖W‖_F² = λ tr(W)": lambda: q5pen(lambda W, lam: lam * _trace(W)),
    "Wᵀ W": lambda: q5pen(lambda W, lam: W.T @ W) and False,
    "diag(1[w_i^T x + b_i > 0]) W": lambda: q5jac(
        lambda W, x, b: np.diag([float(W[i] @ x + b[i] > 0) for i in range(3)]) @ W
    ),
    "diag(1[Wx+b>0]) W": lambda: q5jac(lambda W, x, b: np.diag((W @ x + b > 0) * 1.0) @ W),
    "diag(1[w_i^T x > 0]) W": lambda: q5jac(
        lambda W, x, b: np.diag([float(W[i] @ x > 0) for i in range(3)]) @ W
    ),
    "σ(-\\sum_{m,n} W_{imn} y_m z_n)": lambda: q8(
        "x", lambda W, x, y, z: sig(-np.einsum("imn,m,n->i", W, y, z))
    ),
    "σ(\\sum_{m,n} W_{imn} y_m z_n)": lambda: q8(
        "x", lambda W, x, y, z: sig(np.einsum("imn,m,n->i", W, y, z))
    ),
    "σ(-\\sum_{p}\\sum_{q} W_{pqi} y_p z_q)": lambda: q8(
        "x", lambda W, x, y, z: sig(-np.einsum("pqi,p,q->i", W, y, z))
    ),
    "σ(-\\sum_{a,c} W_{ajc} x_a z_c)": lambda: q8(
        "y", lambda W, x, y, z: sig(-np.einsum("ajc,a,c->j", W, x, z))
    ),
    "σ(-\\sum_{a,c} W_{ajc} x_c z_a)": lambda: q8(
        "y", lambda W, x, y, z: sig(-np.einsum("ajc,c,a->j", W, x, z))
    ),
    "σ(-\\sum_{m}\\sum_{n} W_{mnk} x_m y_n)": lambda: q8(
        "z", lambda W, x, y, z: sig(-np.einsum("mnk,m,n->k", W, x, y))
    ),
    "σ(\\sum_{m}\\sum_{n} W_{mnk} x_m y_n)": lambda: q8(
        "z", lambda W, x, y, z: sig(np.einsum("mnk,m,n->k", W, x, y))
    ),
}
EXPR["hₜ = Wᵗh₀ + Σ_{k=1}^t Wᵗ⁻ᵏ(Uxₖ + b)"] = EXPR["h_t = Wᵗ h₀ + Σₖ₌₁ᵗ Wᵗ⁻ᵏ (U xₖ + b)"]
EXPR["λ tr(Wᵀ W)"] = EXPR["λ trace(W^T W)"] = EXPR["λ tr(WᵀW)"]
EXPR["σ(−Σⱼₖ Wᵢⱼₖ yⱼ zₖ)"] = EXPR["σ(-\\sum_{m,n} W_{imn} y_m z_n)"]
EXPR["σ(-\\sum_{p}\\sum_{q} W_{ipq} y_p z_q)"] = EXPR["σ(-\\sum_{m,n} W_{imn} y_m z_n)"]
EXPR["hₜ = Wᵗh₀ + ∑ₖ₌₁ᵗ Wᵗ⁻ᵏ(Uxₖ+b)"] = EXPR["h_t = Wᵗ h₀ + Σₖ₌₁ᵗ Wᵗ⁻ᵏ (U xₖ + b)"]
EXPR["h_t = W^t h_0 + Σ_{k=1}^{t} W^{t−k} (U x_k + b)   (t ≥ 1)"] = EXPR[
    "h_t = Wᵗ h₀ + Σₖ₌₁ᵗ Wᵗ⁻ᵏ (U xₖ + b)"
]
EXPR["Wᵗh₀ + Σ_{k=1}^{t} Wᵗ⁻ᵏUxₖ + Σ_{j=0}^{t-1} Wʲ b"] = lambda: q2a(
    lambda W, U, b, h0, x, t: (
        mp(W, t) @ h0
        + sum(mp(W, t - k) @ U @ x[k] for k in range(1, t + 1))
        + sum(mp(W, j) @ b for j in range(0, t))
    )
)
EXPR["Wᵗh₀ + Σ_{k=1}^{t} Wᵗ⁻ᵏUxₖ + Σ_{j=0}^{t} Wʲ b"] = lambda: q2a(
    lambda W, U, b, h0, x, t: (
        mp(W, t) @ h0
        + sum(mp(W, t - k) @ U @ x[k] for k in range(1, t + 1))
        + sum(mp(W, j) @ b for j in range(0, t + 1))
    )
)
EXPR["∂h_t/∂h_0 = ∏_{s=1}^{t} ∂h_s/∂h_{s-1} = Wᵗ"] = EXPR["∂hₜ/∂h₀ = Wᵗ"]
EXPR["Wᵗ (U xₖ and b do not depend on h₀)"] = EXPR["∂hₜ/∂h₀ = Wᵗ"]
EXPR["(Wᵀ)ᵗ"] = lambda: q2b(lambda W, t: mp(W.T, t))
for _same_penalty in (
    "λ Tr(WᵀW)",
    "λ \\operatorname{Tr}(W^\\top W)",
    "lambda * trace of W^T W",
    "λ Σ_{i,j} W_{ij}^2 = λ ‖W‖²_F",
):
    EXPR[_same_penalty] = EXPR["λ tr(WᵀW)"]
EXPR["λ·tr(W Wᵀ)"] = lambda: q5pen(lambda W, lam: lam * np.trace(W @ W.T))
EXPR["λ Tr(W)²"] = lambda: q5pen(lambda W, lam: lam * _trace(W) ** 2)
EXPR["λ ‖W‖_F"] = lambda: q5pen(lambda W, lam: lam * np.linalg.norm(W))
for _answer, _how in [
    ("μ_g − μ_r + 2λ(‖w‖ − 1) w/‖w‖  (μ_g = E_{x̃∼P_g}[x̃], μ_r = E_{x∼P_r}[x])", "right"),
    ("E_{P_g}[x̃] − E_{P_r}[x] + 2λ(1 − 1/‖w‖) w", "right"),
    ("E_{P_g}[x̃] − E_{P_r}[x] + 2λ(‖w‖ − 1) n, where n is w/‖w‖", "right"),
]:
    EXPR[_answer] = lambda how=_how: q7b(_q7[how])
EXPR["E_{P_g}[x̃] − E_{P_r}[x] + 2λ(‖w‖ − 1)"] = lambda: False  # a scalar for a vector
EXPR["σ(−∑_{j,k} W_{ijk} y_j z_k)"] = EXPR["σ(-\\sum_{m,n} W_{imn} y_m z_n)"]
EXPR["P(x_i = 1 | y, z) = 1/(1 + exp(Σ_{m,n} W_{imn} y_m z_n))"] = lambda: q8(
    "x", lambda W, x, y, z: 1 / (1 + np.exp(np.einsum("imn,m,n->i", W, y, z)))
)
EXPR["1 - σ(Σ_{m}Σ_{n} W_{imn} y_m z_n)"] = lambda: q8(
    "x", lambda W, x, y, z: 1 - sig(np.einsum("imn,m,n->i", W, y, z))
)
EXPR["1/(1 + exp(-Σ_{m,n} W_{imn} y_m z_n))"] = lambda: q8(
    "x", lambda W, x, y, z: 1 / (1 + np.exp(-np.einsum("imn,m,n->i", W, y, z)))
)
EXPR["σ(-Σ_{i,k} W_{ijk} x_i z_k)"] = EXPR["σ(-\\sum_{a,c} W_{ajc} x_a z_c)"]
EXPR["sigmoid(-sum_{a} sum_{b} W_{abk} x_a y_b)"] = EXPR["σ(-\\sum_{m}\\sum_{n} W_{mnk} x_m y_n)"]
EXPR["∂hᵢ/∂xⱼ = Wᵢⱼ, so W"] = lambda: True  # ∂(Wx)_i/∂x_j = W_ij: the Jacobian is W
_q7 = {
    "right": lambda w, lam, xg, xr, nw: xg.mean(0) - xr.mean(0) + 2 * lam * (nw - 1) * w / nw,
    "unit_is_w": lambda w, lam, xg, xr, nw: xg.mean(0) - xr.mean(0) + 2 * lam * (nw - 1) * w,
    "swapped": lambda w, lam, xg, xr, nw: xr.mean(0) - xg.mean(0) + 2 * lam * (nw - 1) * w / nw,
}
for answer, how in [
    ("E_{x̃∼P_g}[x̃] − E_{x∼P_r}[x] + 2λ(‖w‖ − 1) ŵ   (ŵ = w/‖w‖)", "right"),
    ("E_{x̃∼P_g}[x̃] − E_{x∼P_r}[x] + 2λ(‖w‖ − 1) u, where u = w/‖w‖", "right"),
    ("E_g[x̃] − E_r[x] + 2λ(‖w‖ − 1) ŵ (with ŵ = w/‖w‖)", "right"),
    ("E_{x̃∼P_g}[x̃] − E_{x∼P_r}[x] + 2λ(‖w‖ − 1) ŵ   (ŵ = w)", "unit_is_w"),
    ("E_{x̃∼P_g}[x̃] − E_{x∼P_r}[x] + 2λ(‖w‖ − 1) u, where u = w", "unit_is_w"),
    ("E_{x∼P_r}[x] − E_{x̃∼P_g}[x̃] + 2λ(‖w‖ − 1) ŵ   (ŵ = w/‖w‖)", "swapped"),
]:
    EXPR[answer] = lambda how=how: q7b(_q7[how])


def _trace(W):
    if W.shape[0] != W.shape[1]:
        raise ValueError("not square")
    return np.trace(W)


# sizes: the final value (per side for paddings) and the working's values, by hand
n, k, p, L = 256, 5, 2, 6
RF = 1 + L * (k - 1)
SIZES = {
    "q1.a": n + 2 * p - k + 1,
    "q1.b": RF,
    "q1.c": k - 1,
    "q1.e": (k - 1) // 2,
}
VERDICT = {"q6.b.verdict": True, "q8.b.linear": False, "q8.c.possible": True}


#: Each size form as I read it: every value it states (a list: each layer; working: each
#: side), computed here in Python from the numbers the student wrote.
SIZE_READ = {
    "layer 1..6: 256x256": [256],
    "layers 1-6: 256x256": [256],
    "layers 1 to 6: 256 x 256": [256],
    "[256, 256, 256, 256, 256, 256]": [256] * 6,
    "[256x256, 256x256, 256x256, 256x256, 256x256, 256x256]": [256] * 6,
    "L1: 256x256, L2: 256x256, L3: 256x256, L4: 256x256, L5: 256x256, L6: 256x256": [256] * 6,
    "couches 1 à 6 : 256x256": [256],
    "[256, 256, 256, 256, 256, 256] (toutes identiques)": [256] * 6,
    "[252, 248, 244, 240, 236, 232]": [252, 248, 244, 240, 236, 232],
    "layer 1..6: 252x252": [252],
    "layers 1-6: 128x128": [128],
    "L1: 256x256, L2: 252x252, L3: 248x248, L4: 244x244, L5: 240x240, L6: 236x236": [
        256,
        252,
        248,
        244,
        240,
        236,
    ],
    "couches 1 à 6 : 252x252": [252],
    "[256, 256, 256, 256, 256, 252]": [256] * 5 + [252],
    "1+6*4 = 25 -> 25x25": [1 + 6 * 4, 25, 25],
    "r_6 = 25 ⇒ 25x25": [25, 25],
    "1 + 6(k-1) = 25 → 25×25": [1 + 6 * (k - 1), 25, 25],
    "1 + 6*4 = 25 => 25 x 25": [1 + 6 * 4, 25, 25],
    "12 pixels on each side of the centre, i.e. 25x25": [2 * 12 + 1, 25],
    "12 pixels de chaque côté du centre, soit 25x25": [2 * 12 + 1, 25],
    "1 + 6×4 = 25 ⇒ 25×25 pixels": [1 + 6 * 4, 25, 25],
    "1+5*4 = 21 -> 21x21": [1 + 5 * 4, 21, 21],
    "r_6 = 31 ⇒ 31x31": [31, 31],
    "6*4 = 24 -> 24x24": [6 * 4, 24, 24],
    "1+6*4 = 25 -> 21x21": [1 + 6 * 4, 25, 21],
    "12 pixels de chaque côté du centre, soit 24x24": [2 * 12 + 1, 24],
    "6×5 = 30 ⇒ 30×30 pixels": [6 * 5, 30, 30],
    "k - 1 = 4 -> 4 on each side": [k - 1, 4, 4],
    "k - 1 = 5 -> 5 on each side": [k - 1, 5, 5],
    "(k-1)/2 = 2 ⇒ p = 2": [(k - 1) // 2, 2, 2],
    "(k-1)/2 = 2 ⇒ p = 1": [(k - 1) // 2, 2, 1],
    "layers 1-6: 256x256x C_l": [256],
    "layer 1: 256x256; layer 2: 256x256; layer 3: 256x256; layer 4: 256x256; layer 5: 256x256;"
    " layer 6: 256x256": [256] * 6,
    "256x256 (layers 1..6)": [256],
    "[256x256] * 6": [256] * 6,
    "couche 1 à 6 : 256 × 256": [256],
    "layers 1..6: 256 - 5 + 4 + 1 = 256": [256 - 5 + 4 + 1, 256],
    "layers 1..6: 256 - 5 + 1 = 252": [256 - 5 + 1, 252],
    "RF = 1 + 6(5 - 1) = 25 → 25 x 25 pixels": [1 + 6 * (5 - 1), 25, 25],
    "5 → 9 → 13 → 17 → 21 → 25, so 25x25": [25, 25],  # the layers' sizes, then the answer
    "r = 1 + L(k-1) = 25 => 25x25": [1 + L * (k - 1), 25, 25],
    "12 pixels de part et d'autre du centre, soit 25x25": [2 * 12 + 1, 25],
    "25 pixels de côté (25x25)": [25, 25],
    "25 pixels wide (25x25)": [25, 25],
    "5 → 9 → 13 → 17 → 21, so 21x21": [21, 21],
    "RF = 6(5 - 1) = 24 → 24 x 24 pixels": [6 * (5 - 1), 24, 24],
    "25 pixels de côté (24x24)": [25, 24],
    "[252x252] * 6": [252] * 6,
    "[256] × 6": [256] * 6,
    "5 → 9 → 13 → 17 → 21 → 24, so 24x24": [24, 24],
    "5 -> 9 -> 13 -> 17 -> 21 -> 25": [25],
}


def size_label(field: str, answer: str) -> bool:
    """Every value the answer states must be the key's."""
    return all(v == SIZES[field] for v in SIZE_READ[answer])


def main() -> int:
    path = Path(__file__).resolve().parent.parent / "tests" / "data" / "forms_tuning2.yaml"
    forms = yaml.safe_load(path.read_text(encoding="utf-8"))
    bad = 0
    for form in forms:
        field, answer = form["field"], form["answer"]
        if answer in EXPR:
            got = bool(EXPR[answer]())
        elif field in SIZES:
            got = size_label(field, answer)
        elif field in VERDICT:
            word = answer.strip().lower()
            got = (word.startswith(("yes", "oui"))) == VERDICT[field]
        else:
            print(f"UNCHECKED {field}: {answer}")
            bad += 1
            continue
        if got != form["correct"]:
            print(f"LABEL? {field}: {answer!r} labelled {form['correct']}, numpy says {got}")
            bad += 1
    print(f"{len(forms)} forms, {bad} disagree with numpy or unchecked")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
