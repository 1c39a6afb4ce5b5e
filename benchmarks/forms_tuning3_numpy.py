"""The labels of tests/data/forms_tuning3.yaml checked with numpy, not with examgrade:
each form is re-typed here as numpy (my reading of what the student wrote), evaluated on
random instances and compared with the key's formula (answer-key.md Q2, Q5, Q7, Q8).
A form whose reading has no value (a name defined by itself or twice, a transpose of a
non-square W where W is asked) is labelled wrong: it cannot be read as a right answer.
Prints one line per form that disagrees with its label, then a count.

    python benchmarks/forms_tuning3_numpy.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml
from forms_tuning2_numpy import mp, q2a, q2b, q8, sig  # the same keys, checked the same way

rng = np.random.default_rng(3)
step = lambda a: (a > 0) * 1.0  # noqa: E731
NO_VALUE = None  # a form with no value: never right


def q5pen(f):
    W, lam = rng.normal(size=(3, 4)), 0.7
    return np.allclose(f(W, lam), lam * np.sum(W**2))


def q5ajac(f):
    W = rng.normal(size=(3, 4))
    out = f(W)
    # the key takes W, or W^T in the gradient layout (answer-key.md Q5.a)
    return out is not None and (np.allclose(out, W) if out.shape == W.shape else False)


def q5jac(f):
    for _ in range(10):  # several instances: an indicator may agree on one by chance
        W, x, b = rng.normal(size=(3, 4)), rng.normal(size=4), 3 * rng.normal(size=3)
        out = f(W, x, b)
        key = np.diag((W @ x + b > 0) * 1.0) @ W
        if out is None or np.shape(out) != W.shape or not np.allclose(out, key):
            return False
    return True


def q7b(f):
    w, lam = rng.normal(size=4), 0.5
    xg, xr = rng.normal(size=(6, 4)), rng.normal(size=(6, 4)) + 1
    nw = np.linalg.norm(w)
    key = xg.mean(0) - xr.mean(0) + 2 * lam * (nw - 1) * w / nw
    return np.allclose(f(w, lam, xg.mean(0), xr.mean(0), nw), key)


def _q2a_sum(power):
    return lambda W, U, b, h0, x, t: (
        mp(W, t) @ h0 + sum(mp(W, power(t, k)) @ (U @ x[k] + b) for k in range(1, t + 1))
    )


RIGHT_Q2A = _q2a_sum(lambda t, k: t - k)
OFF_Q2A = _q2a_sum(lambda t, k: t - k + 1)
RIGHT_Q7B = lambda w, lam, mg, mr, nw: mg - mr + 2 * lam * (nw - 1) * w / nw  # noqa: E731
SWAP_Q7B = lambda w, lam, mg, mr, nw: mr - mg + 2 * lam * (nw - 1) * w / nw  # noqa: E731

PY_RIGHT = (
    "matrix_power(W, t) @ h_0 + sum(matrix_power(W, t - k) @ (U @ x[k] + b) "
    "for k in range(1, t + 1))"
)
PY_OFF = (
    "matrix_power(W, t) @ h_0 + sum(matrix_power(W, t - k + 1) @ (U @ x[k] + b) "
    "for k in range(1, t + 1))"
)
SO_RIGHT = "W^t h_0 + Σ_{k=1}^{t} W^{t-k}(U x_k + b), so h_t depends on h_0 only through W^t h_0"
SO_OFF = "W^t h_0 + Σ_{k=1}^{t} W^{t-k+1}(U x_k + b), so h_t depends on h_0 only through W^t h_0"

EXPR = {
    # (1) definitions after the answer
    "J = D W, where D = diag(1[Wx + b > 0])": lambda: q5jac(
        lambda W, x, b: np.diag(step(W @ x + b)) @ W
    ),
    "J = M W, M = diag(step(W x + b))": lambda: q5jac(lambda W, x, b: np.diag(step(W @ x + b)) @ W),
    "J = D W where D = diag(1[Wx + b < 0])": lambda: q5jac(
        lambda W, x, b: np.diag(step(-(W @ x + b))) @ W
    ),
    "M W with M = diag(1[W x > 0])": lambda: q5jac(lambda W, x, b: np.diag(step(W @ x)) @ W),
    "J = D W, D = D W": lambda: q5jac(lambda W, x, b: NO_VALUE),  # D defined by itself
    "J = D W, D = diag(1[Wx + b > 0]), D = W": lambda: q5jac(lambda W, x, b: NO_VALUE),  # twice
    "σ(-u_k), u_k = Σ_{i,j} W_{ijk} x_i y_j": lambda: q8(
        "z", lambda W, x, y, z: sig(-np.einsum("ijk,i,j->k", W, x, y))
    ),
    "σ(u_k), u_k = Σ_{i,j} W_{ijk} x_i y_j": lambda: q8(
        "z", lambda W, x, y, z: sig(np.einsum("ijk,i,j->k", W, x, y))
    ),
    "sigmoid(-a_i) where a_i = sum_{j,k} W_{ijk} y_j z_k": lambda: q8(
        "x", lambda W, x, y, z: sig(-np.einsum("ijk,j,k->i", W, y, z))
    ),
    "sigmoid(-a_i) where a_i = sum_{j,k} W_{ijk} y_j": lambda: q8(
        "x", lambda W, x, y, z: sig(-np.einsum("ijk,j->i", W, y))
    ),
    "m_g - m_r + 2λ(‖w‖ − 1) u  (m_g = E[x̃], m_r = E[x], u = w/‖w‖)": lambda: q7b(RIGHT_Q7B),
    "m_r - m_g + 2λ(‖w‖ − 1) u  (m_g = E[x̃], m_r = E[x], u = w/‖w‖)": lambda: q7b(SWAP_Q7B),
    "W^t h_0 + S, S = sum_{k=1}^{t} W^{t-k}(U x_k + b)": lambda: q2a(RIGHT_Q2A),
    "W^t h_0 + S, S = sum_{k=1}^{t} W^{t-k+1}(U x_k + b)": lambda: q2a(OFF_Q2A),
    "diag(H(Wx + b)) W, avec H la fonction de Heaviside": lambda: q5jac(
        lambda W, x, b: np.diag(step(W @ x + b)) @ W
    ),
    "diag(H(Wx)) W, avec H la fonction de Heaviside": lambda: q5jac(
        lambda W, x, b: np.diag(step(W @ x)) @ W
    ),
    "diag(g(W x + b)) W where g(a) = 1 if a > 0 else 0": lambda: q5jac(
        lambda W, x, b: np.diag(step(W @ x + b)) @ W
    ),
    "diag(g(W x)) W where g(a) = 1 if a > 0 else 0": lambda: q5jac(
        lambda W, x, b: np.diag(step(W @ x)) @ W
    ),
    # (2) numpy-like code, read as numpy reads it (`@` the matrix product)
    "numpy.linalg.matrix_power(W, t)": lambda: q2b(lambda W, t: mp(W, t)),
    "np.linalg.matrix_power(W, t - 1)": lambda: q2b(lambda W, t: mp(W, t - 1)),
    "matrix_power(W.T, t)": lambda: q2b(lambda W, t: mp(W.T, t)),
    PY_RIGHT: lambda: q2a(
        lambda W, U, b, h0, x, t: (
            mp(W, t) @ h0 + sum(mp(W, t - k) @ (U @ x[k] + b) for k in range(1, t + 1))
        )
    ),
    PY_OFF: lambda: q2a(
        lambda W, U, b, h0, x, t: (
            mp(W, t) @ h0 + sum(mp(W, t - k + 1) @ (U @ x[k] + b) for k in range(1, t + 1))
        )
    ),
    "λ * np.sum(W**2)": lambda: q5pen(lambda W, lam: lam * np.sum(W**2)),
    "λ * np.sum(W)**2": lambda: q5pen(lambda W, lam: lam * np.sum(W) ** 2),
    "(W.T).T": lambda: q5ajac(lambda W: (W.T).T),
    "W.T @ W": lambda: q5ajac(lambda W: W.T @ W),
    "np.diag((W @ x + b > 0).astype(float)) @ W": lambda: q5jac(
        lambda W, x, b: np.diag((W @ x + b > 0).astype(float)) @ W
    ),
    "np.diag((W @ x > 0).astype(float)) @ W": lambda: q5jac(
        lambda W, x, b: np.diag((W @ x > 0).astype(float)) @ W
    ),
    "(W@x + b > 0).astype(float)[:, None] * W": lambda: q5jac(
        lambda W, x, b: (W @ x + b > 0).astype(float)[:, None] * W
    ),
    "(W @ x + b < 0)[:, None] * W": lambda: q5jac(lambda W, x, b: (W @ x + b < 0)[:, None] * W),
    "1/(1 + np.exp(sum_{j,k} W_{ijk} y_j z_k))": lambda: q8(
        "x", lambda W, x, y, z: 1 / (1 + np.exp(np.einsum("ijk,j,k->i", W, y, z)))
    ),
    "1/(1 + np.exp(-sum_{j,k} W_{ijk} y_j z_k))": lambda: q8(
        "x", lambda W, x, y, z: 1 / (1 + np.exp(-np.einsum("ijk,j,k->i", W, y, z)))
    ),
    # (3) indicators
    "diag(I(W x + b > 0)) W": lambda: q5jac(lambda W, x, b: np.diag(step(W @ x + b)) @ W),
    "diag(I(W x - b > 0)) W": lambda: q5jac(lambda W, x, b: np.diag(step(W @ x - b)) @ W),
    "diag(H(Wx + b)) W": lambda: q5jac(lambda W, x, b: np.diag(step(W @ x + b)) @ W),
    "diag(H(Wx)) W": lambda: q5jac(lambda W, x, b: np.diag(step(W @ x)) @ W),
    "diag(relu'(Wx + b)) W": lambda: q5jac(lambda W, x, b: np.diag(step(W @ x + b)) @ W),
    "diag(relu(Wx + b)) W": lambda: q5jac(lambda W, x, b: np.diag(np.maximum(W @ x + b, 0)) @ W),
    "diag(1[w_i·x + b_i > 0]) W": lambda: q5jac(
        lambda W, x, b: np.diag([step(W[i] @ x + b[i]) for i in range(len(b))]) @ W
    ),
    "diag(1[w_i^T x > 0]) W": lambda: q5jac(
        lambda W, x, b: np.diag([step(W[i] @ x) for i in range(len(b))]) @ W
    ),
    "diag(1[w_i^T x - b_i > 0]) W": lambda: q5jac(
        lambda W, x, b: np.diag([step(W[i] @ x - b[i]) for i in range(len(b))]) @ W
    ),
    "J_{mn} = (W^t)_{mn}": lambda: q2b(lambda W, t: mp(W, t)),
    "J_{ij} = (W^{t-1})_{ij}": lambda: q2b(lambda W, t: mp(W, t - 1)),
    "sigmoid(-np.einsum('ijk,i,k->j', W, x, z))": lambda: q8(
        "y", lambda W, x, y, z: sig(-np.einsum("ijk,i,k->j", W, x, z))
    ),
    "sigmoid(-np.einsum('ijk,i,k->j', W, z, x))": lambda: q8(
        "y", lambda W, x, y, z: sig(-np.einsum("ijk,i,k->j", W, z, x))
    ),
    "σ(−y^T W[i, :, :] z)": lambda: q8(
        "x", lambda W, x, y, z: sig(-np.array([y @ W[i] @ z for i in range(len(x))]))
    ),
    "σ(y^T W_{i,:,:} z)": lambda: q8(
        "x", lambda W, x, y, z: sig(np.array([y @ W[i] @ z for i in range(len(x))]))
    ),
    "λ * np.linalg.norm(W, 'fro')**2": lambda: q5pen(
        lambda W, lam: lam * np.linalg.norm(W, "fro") ** 2
    ),
    "λ * np.linalg.norm(W, 'fro')": lambda: q5pen(lambda W, lam: lam * np.linalg.norm(W, "fro")),
    "lam * ||W||_F^2": lambda: q5pen(lambda W, lam: lam * np.linalg.norm(W, "fro") ** 2),
    "lam * ||W||_F": lambda: q5pen(lambda W, lam: lam * np.linalg.norm(W, "fro")),
    "lambda * (W**2).sum()": lambda: q5pen(lambda W, lam: lam * (W**2).sum()),
    "lambda * (W.sum())**2": lambda: q5pen(lambda W, lam: lam * (W.sum()) ** 2),
    "λ times the sum of squares of the entries of W": lambda: q5pen(
        lambda W, lam: lam * np.sum(W * W)
    ),
    "the sum of squares of the entries of W": lambda: q5pen(lambda W, lam: np.sum(W * W)),
    "λ fois la somme des carrés des coefficients de W": lambda: q5pen(
        lambda W, lam: lam * np.sum(W * W)
    ),
    "diag(1{Wx+b>0}) W": lambda: q5jac(lambda W, x, b: np.diag(step(W @ x + b)) @ W),
    "diag(1{Wx>0}) W": lambda: q5jac(lambda W, x, b: np.diag(step(W @ x)) @ W),
    "np.diag(np.where(W @ x + b > 0, 1, 0)) @ W": lambda: q5jac(
        lambda W, x, b: np.diag(np.where(W @ x + b > 0, 1, 0)) @ W
    ),
    "np.diag(np.where(W @ x + b > 0, 0, 1)) @ W": lambda: q5jac(
        lambda W, x, b: np.diag(np.where(W @ x + b > 0, 0, 1)) @ W
    ),
    "np.diag((W @ x + b > 0) * 1.0) @ W": lambda: q5jac(
        lambda W, x, b: np.diag((W @ x + b > 0) * 1.0) @ W
    ),
    "np.diag((W @ x + b < 0) * 1.0) @ W": lambda: q5jac(
        lambda W, x, b: np.diag((W @ x + b < 0) * 1.0) @ W
    ),
    "M W where M = diag(step(Wx + b)) and step is the Heaviside function": lambda: q5jac(
        lambda W, x, b: np.diag(step(W @ x + b)) @ W
    ),
    "M W where M = diag(step(Wx)) and step is the Heaviside function": lambda: q5jac(
        lambda W, x, b: np.diag(step(W @ x)) @ W
    ),
    "W (H x D)": lambda: q5ajac(lambda W: W),
    "W^T W (D x D)": lambda: q5ajac(lambda W: W.T @ W),
    "E[x̃] − E[x] + 2λ(‖w‖−1)·ŵ where ŵ is the unit vector w/‖w‖": lambda: q7b(RIGHT_Q7B),
    "E[x̃] − E[x] + 2λ(‖w‖−1)·ŵ where ŵ is the unit vector w": lambda: q7b(
        lambda w, lam, mg, mr, nw: mg - mr + 2 * lam * (nw - 1) * w
    ),
    "logistic(-sum_{j,k} W_ijk y_j z_k)": lambda: q8(
        "x", lambda W, x, y, z: sig(-np.einsum("ijk,j,k->i", W, y, z))
    ),
    "logistic(sum_{j,k} W_ijk y_j z_k)": lambda: q8(
        "x", lambda W, x, y, z: sig(np.einsum("ijk,j,k->i", W, y, z))
    ),
    "sigmoïde(−Σ_{j,k} W_ijk y_j z_k), où σ(u) = 1/(1+e^{−u})": lambda: q8(
        "x", lambda W, x, y, z: sig(-np.einsum("ijk,j,k->i", W, y, z))
    ),
    "sigmoïde(Σ_{j,k} W_ijk y_j z_k), où σ(u) = 1/(1+e^{−u})": lambda: q8(
        "x", lambda W, x, y, z: sig(np.einsum("ijk,j,k->i", W, y, z))
    ),
    "h_t = W^t h_0 + sum_{k=1..t} W^{t-k} (U x_k + b)": lambda: q2a(RIGHT_Q2A),
    "h_t = W^t h_0 + sum_{k=0..t} W^{t-k} (U x_k + b)": lambda: q2a(
        lambda W, U, b, h0, x, t: (
            mp(W, t) @ h0 + sum(mp(W, t - k) @ (U @ x[k] + b) for k in range(0, t + 1))
        )
    ),
    "the jacobian is W": lambda: q5ajac(lambda W: W),
    "twice W": lambda: q5ajac(lambda W: 2 * W),
    "inverse of W": lambda: q5ajac(lambda W: NO_VALUE),  # W is not square
    "negative W^t": lambda: q2b(lambda W, t: -mp(W, t)),
    # (4) words for operators, words before and after the answer
    "W^t h_0 plus la somme sur k de 1 à t de W^{t-k} (U x_k + b)": lambda: q2a(RIGHT_Q2A),
    "W^t h_0 plus la somme sur k de 1 à t de W^{t-k+1} (U x_k + b)": lambda: q2a(OFF_Q2A),
    "W^t h_0 + the sum over k from 1 to t of W^{t-k}(U x_k + b)": lambda: q2a(RIGHT_Q2A),
    "W^t h_0 + the sum over k from 1 to t of W^{t-k}U x_k": lambda: q2a(
        lambda W, U, b, h0, x, t: (
            mp(W, t) @ h0 + sum(mp(W, t - k) @ U @ x[k] for k in range(1, t + 1))
        )
    ),
    "W puissance t": lambda: q2b(lambda W, t: mp(W, t)),
    "W to the power t": lambda: q2b(lambda W, t: mp(W, t)),
    "W to the power t-1": lambda: q2b(lambda W, t: mp(W, t - 1)),
    "the product of t copies of W, i.e. W^t": lambda: q2b(lambda W, t: mp(W, t)),
    "the product of t copies of W, i.e. W^{t-1}": lambda: q2b(lambda W, t: mp(W, t - 1)),
    "lambda times the squared Frobenius norm of W": lambda: q5pen(
        lambda W, lam: lam * np.linalg.norm(W, "fro") ** 2
    ),
    "lambda times the Frobenius norm of W squared": lambda: q5pen(
        lambda W, lam: lam * np.linalg.norm(W, "fro") ** 2
    ),
    "λ fois la norme de Frobenius de W": lambda: q5pen(
        lambda W, lam: lam * np.linalg.norm(W, "fro")
    ),
    "la jacobienne est W": lambda: q5ajac(lambda W: W),
    "la jacobienne est W x": lambda: q5ajac(lambda W: NO_VALUE),  # W x is a vector
    "the mean of x̃ minus the mean of x, plus 2λ(‖w‖ − 1) w/‖w‖": lambda: q7b(RIGHT_Q7B),
    "the mean of x minus the mean of x̃, plus 2λ(‖w‖ − 1) w/‖w‖": lambda: q7b(SWAP_Q7B),
    "l'espérance de x̃ moins l'espérance de x plus 2λ(‖w‖ − 1) w/‖w‖": lambda: q7b(RIGHT_Q7B),
    "the sigmoid of minus the sum over i,k of W_ijk x_i z_k": lambda: q8(
        "y", lambda W, x, y, z: sig(-np.einsum("ijk,i,k->j", W, x, z))
    ),
    "the sigmoid of the sum over i,k of W_ijk x_i z_k": lambda: q8(
        "y", lambda W, x, y, z: sig(np.einsum("ijk,i,k->j", W, x, z))
    ),
    "la sigmoïde de moins la somme sur i,j de W_ijk x_i y_j": lambda: q8(
        "z", lambda W, x, y, z: sig(-np.einsum("ijk,i,j->k", W, x, y))
    ),
    SO_RIGHT: lambda: q2a(RIGHT_Q2A),
    SO_OFF: lambda: q2a(OFF_Q2A),
    "W^t, since U x_k and b do not depend on h_0": lambda: q2b(lambda W, t: mp(W, t)),
    "W^{t-1}, since U x_k and b do not depend on h_0": lambda: q2b(lambda W, t: mp(W, t - 1)),
    "E[x̃] − E[x] + 2λ(‖w‖ − 1) w/‖w‖, where x̃ ∼ P_g and x ∼ P_r": lambda: q7b(RIGHT_Q7B),
    "E[x] − E[x̃] + 2λ(‖w‖ − 1) w/‖w‖, where x̃ ∼ P_g and x ∼ P_r": lambda: q7b(SWAP_Q7B),
}


def main() -> int:
    path = Path(__file__).resolve().parent.parent / "tests" / "data" / "forms_tuning3.yaml"
    forms = yaml.safe_load(path.read_text(encoding="utf-8"))
    bad = 0
    for form in forms:
        field, answer = form["field"], form["answer"]
        if answer not in EXPR:
            print(f"UNCHECKED {field}: {answer}")
            bad += 1
            continue
        got = bool(EXPR[answer]())
        if got != form["correct"]:
            print(f"LABEL? {field}: {answer!r} labelled {form['correct']}, numpy says {got}")
            bad += 1
    print(f"{len(forms)} forms, {bad} disagree with numpy or unchecked")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
