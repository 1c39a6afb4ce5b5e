# -*- coding: utf-8 -*-
"""Numerical check of the blind forms set (does NOT import examgrade; blind to the grader).

For every expression / condition entry of entries.py, my own hand transcription (fn) of the student's
string is evaluated on random instances and compared with the answer key's formula, computed here
independently (iteration of the recursion, finite differences, brute-force enumeration):
  correct=True  entries must agree with the key on every instance,
  correct=False entries must disagree on at least one instance (or fail to evaluate: wrong shapes).
Sizes (q1) and verdicts are read by hand (tables below) and compared with the key's values.

  python3 check.py           # check only
  python3 check.py --write   # check, then (re)write forms_blind.yaml (only if all checks pass)
"""
import sys
import types
import datetime
import numpy as np
import yaml

sys.path.insert(0, __import__('os').path.dirname(__file__))
from entries import ENTRIES, rho  # noqa: E402
FROZEN = __import__("os").path.join(__import__("os").path.dirname(__file__), "..", "..", "tests", "data", "forms_blind.yaml")

FAIL = []


def same(a, b, tol):
    if a is None:
        return False
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return False
    return bool(np.all(np.abs(a - b) <= tol * (1 + np.abs(b))))


def safe(fn, c):
    try:
        with np.errstate(all='ignore'):
            return fn(c)
    except Exception:
        return None


# ------------------------------------------------------------------ Q2 instances and key
def q2_instances():
    out = []
    rng = np.random.default_rng(2026)
    for (N, M) in [(3, 2), (2, 4), (4, 3)]:
        for t in [1, 2, 3, 5]:
            c = types.SimpleNamespace()
            c.N, c.M, c.t = N, M, t
            c.W = rng.normal(size=(N, N)) * 0.8 / np.sqrt(N)
            c.U = rng.normal(size=(N, M))
            c.b = rng.normal(size=N)
            c.h0 = rng.normal(size=N)
            X = {k: rng.normal(size=M) for k in range(1, t + 1)}

            def x(k, X=X):
                return X[k]          # KeyError outside 1..t (no x_0, no x_{t+1})
            c.x = x
            c.I = np.eye(N)
            out.append(c)
    return out


def key_q2a(c, h0=None):
    h = c.h0 if h0 is None else h0
    for k in range(1, c.t + 1):
        h = c.W @ h + c.U @ c.x(k) + c.b
    return h


def key_q2b(c):
    eps = 1e-6
    J = np.zeros((c.N, c.N))
    for j in range(c.N):
        e = np.zeros(c.N)
        e[j] = eps
        J[:, j] = (key_q2a(c, c.h0 + e) - key_q2a(c, c.h0 - e)) / (2 * eps)
    return J


# ------------------------------------------------------------------ Q2(c) test matrices
def q2c_matrices():
    rng = np.random.default_rng(7)
    Ms = []
    for r in [0.3, 0.5, 0.95, 1.05, 1.5, 3.0]:
        for n in [2, 3, 4]:
            A = rng.normal(size=(n, n))
            Ms.append(A * r / rho(A))
    th = 0.7
    Ms += [
        np.array([[0.9, 5.0], [0.0, 0.8]]),            # non-normal, rho 0.9, sigma_max > 5, entries > 1
        np.diag([0.95, 0.95]),                          # vanishes, Frobenius 1.34
        np.diag([-2.0, 0.5]),                           # eigenvalue -2: explodes
        np.diag([0.1, 2.0]),                            # det 0.2 but explodes
        np.diag([1.1, 0.1]),                            # det 0.11, explodes
        0.6 * np.ones((3, 3)),                          # entries < 1, rho 1.8
        np.array([[np.cos(th), -np.sin(th)], [np.sin(th), np.cos(th)]]),  # orthogonal, rho = 1
        np.diag([-0.5, 0.3, 0.2]),
        np.array([[0.5, 0.0], [0.0, 1.2]]),
    ]
    return Ms


def key_vanish(W):
    return rho(W) < 1


def key_explode(W):
    return rho(W) > 1


def sanity_q2c(Ms):
    # the key's conditions against the actual behaviour of ||W^t|| for large t
    for W in Ms:
        with np.errstate(all='ignore'):
            P = np.linalg.matrix_power(W, 600)
        n = float(np.max(np.abs(P))) if np.all(np.isfinite(P)) else np.inf
        if key_vanish(W) != (n < 1e-8) or key_explode(W) != (n > 1e8):
            FAIL.append(('q2.c sanity', rho(W), n))


# ------------------------------------------------------------------ Q5
def q5_instances():
    rng = np.random.default_rng(55)
    out = []
    for (H, D) in [(3, 4), (4, 2), (5, 3)]:
        for _ in range(3):
            while True:
                c = types.SimpleNamespace(H=H, D=D)
                c.W = rng.normal(size=(H, D))
                c.x = rng.normal(size=D)
                c.b = rng.normal(size=H)
                c.lam = float(rng.uniform(0.1, 2.0))
                a = c.W @ c.x + c.b
                if np.min(np.abs(a)) > 1e-2 and 0 < np.sum(a > 0) < H and np.sum(c.W @ c.x > 0) != np.sum(a > 0):
                    break
            out.append(c)
    return out


def fd_jac(f, x, eps=1e-6):
    y0 = f(x)
    J = np.zeros((y0.size, x.size))
    for j in range(x.size):
        e = np.zeros(x.size)
        e[j] = eps
        J[:, j] = (f(x + e) - f(x - e)) / (2 * eps)
    return J


def key_q5a_jac(c):
    return fd_jac(lambda x: c.W @ x, c.x)


def key_q5a_pen(c):
    return c.lam * np.sum(key_q5a_jac(c) ** 2)


def key_q5b_jac(c):
    return fd_jac(lambda x: np.maximum(c.W @ x + c.b, 0), c.x)


# ------------------------------------------------------------------ Q7
def q7_instances():
    rng = np.random.default_rng(77)
    out = []
    for N in [3, 4, 2]:
        for _ in range(3):
            c = types.SimpleNamespace(N=N, m=5)
            c.w = rng.normal(size=N) * 1.5
            c.bias = float(rng.normal())
            c.X = rng.normal(size=(5, N)) + 1.0       # real samples
            c.Xt = rng.normal(size=(5, N)) * 0.5      # generated samples
            eps = rng.uniform(size=(5, 1))
            c.Xh = eps * c.X + (1 - eps) * c.Xt       # interpolates
            c.lam = float(rng.uniform(0.5, 10))
            out.append(c)
    return out


def key_q7b(c):
    def D(w, x):
        return w @ x + c.bias

    def gradx_D(w, xh, eps=1e-5):
        return np.array([(D(w, xh + e) - D(w, xh - e)) / (2 * eps) for e in np.eye(c.N) * eps])

    def L(w):
        pen = np.mean([(np.linalg.norm(gradx_D(w, xh)) - 1) ** 2 for xh in c.Xh])
        return np.mean([D(w, x) for x in c.Xt]) - np.mean([D(w, x) for x in c.X]) + c.lam * pen

    eps = 1e-5
    return np.array([(L(c.w + e) - L(c.w - e)) / (2 * eps) for e in np.eye(c.N) * eps])


# ------------------------------------------------------------------ Q8 (brute-force conditionals)
def q8_instances():
    rng = np.random.default_rng(88)
    out = []
    for (N, M, K) in [(3, 2, 4), (2, 3, 3), (3, 3, 3)]:
        for _ in range(3):
            c = types.SimpleNamespace(N=N, M=M, K=K)
            c.W = rng.normal(size=(N, M, K))
            c.x = rng.integers(0, 2, N).astype(float)
            c.y = rng.integers(0, 2, M).astype(float)
            c.z = rng.integers(0, 2, K).astype(float)
            c.x[0] = c.y[0] = c.z[0] = 1.0            # avoid all-zero conditioning sets
            out.append(c)
    return out


def bits(n):
    return [np.array([(s >> i) & 1 for i in range(n)], float) for s in range(2 ** n)]


def energy(W, x, y, z):
    return np.einsum('ijk,i,j,k->', W, x, y, z)


def key_cond(c, which):
    # P(v_l = 1 | other two blocks) by enumeration of the block v
    n = {'x': c.N, 'y': c.M, 'z': c.K}[which]
    num = np.zeros(n)
    den = 0.0
    for v in bits(n):
        args = {'x': c.x, 'y': c.y, 'z': c.z}
        args[which] = v
        p = np.exp(-energy(c.W, args['x'], args['y'], args['z']))
        num += p * v
        den += p
    return num / den


# ------------------------------------------------------------------ run the expression checks
def check_expr(field, inst, key, tol):
    keys = [key(c) for c in inst]
    for idx, e in enumerate(ENTRIES):
        if e['field'] != field:
            continue
        if e['fn'] is None:
            if e['correct']:
                FAIL.append((field, e['answer'], 'correct entry without transcription'))
            else:
                NOFN.append((field, e['answer']))
            continue
        agree = []
        for c, k in zip(inst, keys):
            v = safe(e['fn'], c)
            if e['layout'] == 'T':
                k = np.asarray(k).T
            agree.append(same(v, k, tol))
        ok = all(agree) if e['correct'] else not all(agree)
        STATS.append((field, e['correct'], sum(agree), len(agree)))
        if not ok:
            FAIL.append((field, e['answer'], 'label', e['correct'], 'agree on', sum(agree), '/', len(agree)))


def check_cond(field, key, Ms):
    for e in ENTRIES:
        if e['field'] != field:
            continue
        agree = [bool(e['fn'](W)) == key(W) for W in Ms]
        ok = all(agree) if e['correct'] else not all(agree)
        STATS.append((field, e['correct'], sum(agree), len(agree)))
        if not ok:
            FAIL.append((field, e['answer'], 'label', e['correct'], 'agree on', sum(agree), '/', len(agree)))


# ------------------------------------------------------------------ hand-read sizes and verdicts
# q1: the number each answer gives (per-side padding for c,d,e; layer size for a; RF side for b), read by me.
# For q1.a a list is recorded as the list of layer sizes.
HAND_Q1 = {
    'q1.a': [[256] * 6] * 14 + [[252, 248, 244, 240, 236, 232], [254, 252, 250, 248, 246, 244],
                                [128, 64, 32, 16, 8, 4], [252] * 6, [260, 264, 268, 272, 276, 280],
                                [252, 248, 244, 240, 236, 232], [255] * 6],
    'q1.b': [25] * 11 + [21, 24, 31, 30, 5, 21, 13],
    'q1.c': [4] * 10 + [2, 5, 8, 2, 5],
    'q1.d': [0] * 9 + [4, 2, 1, 4],
    'q1.e': [2] * 8 + [4, 1, 2.5, 0, 4],
}
# verdicts, read by me: the literal yes/no of the answer.  Entries whose label follows the reason
# rather than the bare word (key lists them) are in EXCEPT.
HAND_VERDICT = {
    'q6.b.verdict': ['yes'] * 10 + ['no'] + ['no'] * 6 + ['yes'] + ['no', 'no'],
    'q8.b.linear': ['no'] * 11 + ['yes'] * 6,
    'q8.c.possible': ['yes'] * 11 + ['no'] * 4 + ['yes'] + ['no'],
}
KEY_VERDICT = {'q6.b.verdict': 'yes', 'q8.b.linear': 'no', 'q8.c.possible': 'yes'}
EXCEPT = {
    'not necessarily: it wins only if its amortization gap is smaller than the mean-field approximation gap':
        'key debatable point 6: "not necessarily" argued with the two gaps is accepted',
    'Yes, IAF is always better': 'key mistake list: overclaim "always better"',
    "non, pas forcément : seulement si l'écart d'amortissement est plus petit que l'écart d'approximation du mean-field":
        'key debatable point 6: "not necessarily" argued with the two gaps is accepted',
    'Yes, exactly as in an RBM with E[y_j z_k|x] = E[y_j|x]E[z_k|x] = σ(..)σ(..)':
        'key mistake list: factorial positive phase copied from the RBM',
}


def q1_key():
    # key values recomputed, with a direct 1-D simulation of size and receptive field
    n, k, L = 256, 5, 6

    def out(n, p):
        return n + 2 * p - k + 1
    sizes = []
    s = n
    for _ in range(L):
        s = out(s, 2)
        sizes.append(s)
    # receptive field by propagating support of a one-hot through 6 stride-1 convs of width 5
    sup = np.zeros(101)
    sup[50] = 1
    for _ in range(L):
        sup = np.convolve(sup, np.ones(k), mode='same')
    rf = int(np.sum(sup > 0))
    full = [p for p in range(10) if out(n, p) == n + k - 1][0]
    valid = [p for p in range(10) if out(n, p) == n - k + 1][0]
    same_ = [p for p in range(10) if out(n, p) == n][0]
    return {'q1.a': [256] * 6 if sizes == [256] * 6 else sizes, 'q1.b': rf, 'q1.c': full, 'q1.d': valid, 'q1.e': same_}


def check_hand():
    K = q1_key()
    assert K == {'q1.a': [256] * 6, 'q1.b': 25, 'q1.c': 4, 'q1.d': 0, 'q1.e': 2}, K
    for f, vals in HAND_Q1.items():
        es = [e for e in ENTRIES if e['field'] == f]
        if len(es) != len(vals):
            FAIL.append((f, 'hand table length', len(es), len(vals)))
            continue
        for e, v in zip(es, vals):
            if (v == K[f]) != e['correct']:
                FAIL.append((f, e['answer'], 'hand value', v, 'key', K[f], 'label', e['correct']))
    for f, vals in HAND_VERDICT.items():
        es = [e for e in ENTRIES if e['field'] == f]
        if len(es) != len(vals):
            FAIL.append((f, 'hand table length', len(es), len(vals)))
            continue
        for e, v in zip(es, vals):
            agrees = (v == KEY_VERDICT[f])
            if agrees != e['correct']:
                if e['answer'] in EXCEPT:
                    EXC.append((f, e['answer'], e['correct'], EXCEPT[e['answer']]))
                else:
                    FAIL.append((f, e['answer'], 'hand verdict', v, 'label', e['correct']))


# ------------------------------------------------------------------ YAML
HEADER = """# forms_blind.yaml -- BLIND, FROZEN test set of students' typed math answers for the examgrade grader.
# Written by a blind helper session that read ONLY /work/shared/exam/final-exam.md,
# /work/shared/exam/answer-key.md and /work/shared/spec/answer-sheet.md (never the grader, its tests or code).
# Frozen on {date}: never to be used to tune the grader; only to measure it.
# Each entry: id, field (dotted path in the answer sheet), lang, answer (as the student typed it),
#   correct (per the answer key), why (one line).
# Labels of expressions/conditions were checked numerically by check.py (own numpy transcriptions vs the key's
# formulas on random instances); sizes and verdicts were checked by hand against the key (tables in check.py).
"""


def write_yaml(path):
    out = []
    for i, e in enumerate(ENTRIES, 1):
        out.append({'id': 'f%03d' % i, 'field': e['field'], 'lang': e['lang'], 'answer': e['answer'],
                    'correct': bool(e['correct']), 'why': e['why']})
    body = yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100000, default_flow_style=False)
    date = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write(HEADER.format(date=date) + body)
    back = yaml.safe_load(open(path, encoding='utf-8'))
    assert [b['answer'] for b in back] == [e['answer'] for e in ENTRIES]
    assert [b['correct'] for b in back] == [e['correct'] for e in ENTRIES]
    return back


def verify_yaml_matches(path):
    back = yaml.safe_load(open(path, encoding='utf-8'))
    for b, e in zip(back, ENTRIES):
        if (b['field'], b['answer'], b['correct']) != (e['field'], e['answer'], e['correct']):
            FAIL.append(('yaml mismatch', b['id']))
    if len(back) != len(ENTRIES):
        FAIL.append(('yaml length', len(back), len(ENTRIES)))


if __name__ == '__main__':
    STATS, NOFN, EXC = [], [], []
    inst2 = q2_instances()
    check_expr('q2.a', inst2, key_q2a, 1e-9)
    check_expr('q2.b', inst2, key_q2b, 1e-6)
    Ms = q2c_matrices()
    sanity_q2c(Ms)
    check_cond('q2.c.vanishes_if', key_vanish, Ms)
    check_cond('q2.c.explodes_if', key_explode, Ms)
    inst5 = q5_instances()
    check_expr('q5.a.jacobian', inst5, key_q5a_jac, 1e-6)
    check_expr('q5.a.penalty', inst5, key_q5a_pen, 1e-6)
    check_expr('q5.b.jacobian', inst5, key_q5b_jac, 1e-6)
    inst7 = q7_instances()
    check_expr('q7.b', inst7, key_q7b, 1e-5)
    inst8 = q8_instances()
    check_expr('q8.a.x_given_yz', inst8, lambda c: key_cond(c, 'x'), 1e-9)
    check_expr('q8.a.y_given_xz', inst8, lambda c: key_cond(c, 'y'), 1e-9)
    check_expr('q8.a.z_given_xy', inst8, lambda c: key_cond(c, 'z'), 1e-9)
    check_hand()

    n_num = len(STATS)
    print('numerically checked entries:', n_num)
    print('entries without a transcription (labelled incorrect, not evaluable as asked):')
    for f, a in NOFN:
        print('   ', f, '|', a)
    print('verdict entries labelled by their reason (key lists them):')
    for x in EXC:
        print('   ', x)
    if '--write' in sys.argv and not FAIL:
        write_yaml(FROZEN)
        print('wrote forms_blind.yaml')
    import os
    if os.path.exists(FROZEN):
        verify_yaml_matches(FROZEN)
    if FAIL:
        print('FAILURES:', len(FAIL))
        for f in FAIL:
            print('   ', f)
        sys.exit(1)
    print('ALL LABELS CONFIRMED')
