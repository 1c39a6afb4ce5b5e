#!/usr/bin/env python3
"""Blind helper's checker for forms_blind2.yaml (does NOT import examgrade).
Every entry is listed here with, for expression/condition fields, a hand numpy transcription of
what the student typed; it is compared with the answer key's formula on random instances and the
`correct` label must agree. Sizes and verdicts are labelled by hand against the key (no fn).
Run: python3 check.py  -> checks, then writes forms_blind2.yaml."""
import numpy as np, sys, datetime
from numpy.linalg import matrix_power as mp, norm, inv, eigvals
rng = np.random.default_rng(0)
sig = lambda a: 1/(1+np.exp(-a))
def S(f, lo, hi):
    out = 0
    for k in range(lo, hi+1): out = out + f(k)
    return out
class C: pass

# ---------------- contexts ----------------
def ctx_q2(t):
    c = C(); N, M = 3, 2
    c.W = rng.normal(size=(N, N))*0.6; c.U = rng.normal(size=(N, M)); c.b = rng.normal(size=N)
    c.h0 = rng.normal(size=N); c.t = t; c.I = np.eye(N)
    c.xs = {k: rng.normal(size=M) for k in range(1, t+1)}
    c.x = lambda k: c.xs[k]
    return c
def key_q2a(c):
    h = c.h0
    for k in range(1, c.t+1): h = c.W@h + c.U@c.x(k) + c.b
    return h
def key_q2b(c): return mp(c.W, c.t)
def ctx_q5():
    c = C(); H, D = 3, 4
    c.W = rng.normal(size=(H, D)); c.x = rng.normal(size=D); c.b = rng.normal(size=H); c.lam = rng.uniform(.1, 2)
    return c
def key_q5a_jac(c): return c.W
def key_q5a_pen(c): return c.lam*np.sum(c.W**2)
def key_q5b_jac(c): return np.diag((c.W@c.x+c.b > 0).astype(float))@c.W
def ctx_q7():
    c = C(); N, m = 4, 6
    c.w = rng.normal(size=N); c.lam = rng.uniform(.1, 5)
    c.X = rng.normal(size=(m, N))+1; c.Xt = rng.normal(size=(m, N))
    eps = rng.uniform(size=(m, 1)); c.Xh = eps*c.X+(1-eps)*c.Xt
    c.Ex = c.X.mean(0); c.Ext = c.Xt.mean(0); c.n = norm(c.w)
    return c
def key_q7(c): return c.Ext - c.Ex + 2*c.lam*(c.n-1)*c.w/c.n
def ctx_q8():
    c = C(); N, M, K = 3, 4, 2
    c.W = rng.normal(size=(N, M, K))
    c.x = rng.integers(0, 2, N).astype(float); c.y = rng.integers(0, 2, M).astype(float); c.z = rng.integers(0, 2, K).astype(float)
    c.ax = np.einsum('ijk,j,k->i', c.W, c.y, c.z); c.ay = np.einsum('ijk,i,k->j', c.W, c.x, c.z); c.az = np.einsum('ijk,i,j->k', c.W, c.x, c.y)
    return c
KEYS = {'q2.a': key_q2a, 'q2.b': key_q2b, 'q5.a.jacobian': key_q5a_jac, 'q5.a.penalty': key_q5a_pen,
        'q5.b.jacobian': key_q5b_jac, 'q7.b': key_q7,
        'q8.a.x_given_yz': lambda c: sig(-c.ax), 'q8.a.y_given_xz': lambda c: sig(-c.ay), 'q8.a.z_given_xy': lambda c: sig(-c.az)}
def contexts(field):
    if field.startswith('q2.'): return [ctx_q2(t) for t in (1, 2, 3, 4, 5, 7) for _ in range(3)]
    if field.startswith('q5'): return [ctx_q5() for _ in range(15)]
    if field == 'q7.b': return [ctx_q7() for _ in range(15)]
    if field.startswith('q8'): return [ctx_q8() for _ in range(25)]
# condition test matrices: (W, truth_vanish, truth_explode) from max|W^1500|
def cond_mats():
    Q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    P = rng.normal(size=(3, 3))
    mats = [np.diag([.5, .3, -.2]), np.diag([.95, .1, .2]), Q@np.diag([.5, -.8, .2])@Q.T,
            np.array([[.9, 5.], [0., .9]]),           # non-normal: rho .9, sigma_max > 1
            np.diag([1., .5, .2]), np.diag([-1., .5, .3]),   # rho exactly 1: bounded, neither vanishes nor explodes
            np.diag([1.2, .1, .1]), np.diag([-2., .3, .1]), np.diag([-.5, .5, .2]),
            P@np.diag([1.05, .2, .3])@inv(P), P@np.diag([.97, -.2, .3])@inv(P),
            np.diag([2., .1, .1]),                    # det < 1 but explodes
            np.array([[0., -1.1], [1.1, 0.]]),          # complex eigen, |lambda| 1.1
            np.array([[0., -.9], [.9, 0.]]), np.diag([.92, .5, .1]), np.diag([-.92, .5, .1])]
    out = []
    for W in mats:
        with np.errstate(all='ignore'):
            Wt = mp(W, 1500)
        n = np.inf if not np.all(np.isfinite(Wt)) else np.abs(Wt).max()
        out.append((W, n < 1e-6, n > 1e6))
    return out
rho = lambda W: max(abs(eigvals(W)))
smax = lambda W: norm(W, 2)

E = []   # (field, lang, answer, correct, why, fn)
def e(field, lang, answer, correct, why, fn=None): E.append((field, lang, answer, correct, why, fn))

# ================= Q1 (sizes, by hand: n+2p-k+1 = 256; RF 1+6*4 = 25; full 4, valid 0, same 2) =============
for a, l, ok, why in [
 ('256', 'en', True, 'n+2p-k+1 = 256+4-5+1 = 256 at every layer'),
 ('256x256', 'en', True, 'every layer 256x256'),
 ('256 x 256', 'en', True, 'every layer 256x256'),
 ('256×256', 'fr', True, 'every layer 256x256, unicode times'),
 ('[256, 256]', 'en', True, 'list form of 256x256'),
 ('256, 256, 256, 256, 256, 256', 'en', True, 'six sizes, all 256'),
 ('256x256 for all 6 layers', 'en', True, 'words around the size'),
 ('(256-5+2*2)/1+1 = 256', 'en', True, 'working shown, output formula with p=2'),
 ('256 + 2*2 - 5 + 1 = 256', 'fr', True, 'working shown'),
 ('same as input: 256x256', 'en', True, 'same as input (same conv)'),
 ("identique à l'entrée : 256×256", 'fr', True, 'same as input, French'),
 ('256×256×C (C = nombre de filtres)', 'fr', True, 'key accepts 256x256xC_l'),
 ('256 à chaque couche', 'fr', True, '256 at every layer'),
 ('(256 - 5 + 4)/1 + 1', 'en', True, 'arithmetic only, equals 256'),
 ('every layer: 256 x 256', 'en', True, 'every layer 256'),
 ('[256, 256, 256, 256, 256, 256]', 'en', True, 'list of six'),
 ('256x256, 256x256, 256x256, 256x256, 256x256, 256x256', 'en', True, 'six explicit sizes'),
 ('252, 248, 244, 240, 236, 232', 'en', False, 'mistake: padding ignored (valid case)'),
 ('254, 252, 250, 248, 246, 244', 'fr', False, 'mistake: read 2x2 padding as 1 per side'),
 ('128, 64, 32, 16, 8, 4', 'en', False, 'mistake: invented stride/pooling'),
 ('252x252', 'en', False, 'mistake: p=0 for first layer'),
 ('(256-5)/1+1 = 252', 'fr', False, 'mistake: padding forgotten in the formula'),
 ('260x260', 'en', False, 'mistake: full-convolution size'),
 ('256, 252, 248, 244, 240, 236', 'en', False, 'mistake: shrinks after first layer'),
 ('(256-5+2)/1+1 = 254', 'en', False, 'mistake: 2 zeros total instead of per side'),
]: e('q1.a', l, a, ok, why)
for a, l, ok, why in [
 ('25x25', 'en', True, '1 + 6(k-1) = 25'), ('25', 'en', True, '25 (square)'), ('25 × 25', 'fr', True, '25x25 unicode'),
 ('1 + 6*4 = 25', 'en', True, 'working shown'), ('1+6(5-1) = 25x25', 'fr', True, 'working shown'),
 ('[25, 25]', 'en', True, 'list form'), ('25x25 pixels', 'en', True, 'units around'), ('25 par 25', 'fr', True, 'French "by"'),
 ('5, 9, 13, 17, 21, 25 -> 25x25', 'en', True, 'layer-by-layer growth ending at 25'),
 ('25x25 (theoretical RF; the Gaussian effective RF is smaller)', 'en', True, 'key: 25x25 with Luo remark ok'),
 ('champ récepteur de 25×25 pixels', 'fr', True, 'French words around 25x25'),
 ('5 + 5*4 = 25', 'en', True, 'equivalent working: 5 then +4 per extra layer'),
 ('21x21', 'en', False, 'mistake: off by one layer (1+5*4)'), ('24x24', 'fr', False, 'mistake: forgot centre pixel (6*4)'),
 ('30x30', 'en', False, 'mistake: added k instead of k-1 (6*5)'), ('31x31', 'en', False, 'mistake: 6*5+1'),
 ('5x5', 'fr', False, 'mistake: only last kernel'), ('1+5*4 = 21', 'en', False, 'mistake: off by one layer'),
 ('6*4 = 24', 'en', False, 'mistake: forgot the centre pixel'),
]: e('q1.b', l, a, ok, why)
for a, l, ok, why in [
 ('4', 'en', True, 'full: k-1 = 4 per side'), ('4x4', 'en', True, 'exam notation'), ('(5-1)', 'en', True, 'arithmetic k-1'),
 ('k-1 = 4', 'fr', True, 'formula then value'), ('4 on each side', 'en', True, 'words'), ('4 de chaque côté', 'fr', True, 'words FR'),
 ('p = 4', 'en', True, 'lhs p'), ('4 zeros per side (8 in total per dimension)', 'en', True, 'key accepts 8 total = 4 per side'),
 ('4×4', 'fr', True, 'unicode times'),
 ('2', 'en', False, 'mistake: that is same'), ('5', 'fr', False, 'mistake: k instead of k-1'), ('8', 'en', False, 'total given as per-side number'),
 ('3', 'en', False, 'wrong value'),
]: e('q1.c', l, a, ok, why)
for a, l, ok, why in [
 ('0', 'en', True, 'valid: no padding'), ('none', 'en', True, 'word for 0'), ('aucun', 'fr', True, 'French none'),
 ('0x0', 'en', True, 'exam notation'), ('no padding', 'en', True, 'words'), ('p = 0', 'fr', True, 'lhs'),
 ('aucun padding (0)', 'fr', True, 'words FR'), ('zero', 'en', True, 'number word'), ('0 (the kernel stays inside the image)', 'en', True, 'with reason'),
 ('4', 'en', False, 'mistake: confused with full'), ('2', 'fr', False, 'mistake: same padding'), ('1', 'en', False, 'wrong value'),
]: e('q1.d', l, a, ok, why)
for a, l, ok, why in [
 ('2', 'en', True, 'same: (k-1)/2 = 2'), ('2x2', 'en', True, 'exam notation'), ('(5-1)/2 = 2', 'fr', True, 'working'),
 ('2 on each side', 'en', True, 'words'), ('2 (same as the given setup)', 'en', True, 'with remark'), ('2 de chaque côté', 'fr', True, 'words FR'),
 ('p = (k-1)/2 = 2', 'en', True, 'formula chain'), ('2×2', 'fr', True, 'unicode times'), ('(5-1)/2', 'en', True, 'arithmetic only'),
 ('4', 'en', False, 'mistake: total treated as per side'), ('1', 'fr', False, 'mistake'), ('5', 'en', False, 'wrong'), ('0', 'en', False, 'valid, not same'),
]: e('q1.e', l, a, ok, why)

# ================= Q2(a) =================
A = 'q2.a'
full = lambda c: mp(c.W, c.t)@c.h0 + S(lambda k: mp(c.W, c.t-k)@(c.U@c.x(k)+c.b), 1, c.t)
geo = lambda c: inv(c.I-c.W)@(c.I-mp(c.W, c.t))@c.b
Ux = lambda c: S(lambda k: mp(c.W, c.t-k)@c.U@c.x(k), 1, c.t)
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k}(U x_k + b)', True, 'key form', full)
e(A, 'en', r'W^t h_0 + sum_{k=1}^t W^{t-k} (U x_k + b)', True, 'key form, plain sum, no lhs', full)
e(A, 'en', r'h_t = W^t h_0 + Σ_{k=0}^{t-1} W^k (U x_{t-k} + b)', True, 'shifted index', lambda c: mp(c.W, c.t)@c.h0 + S(lambda k: mp(c.W, k)@(c.U@c.x(c.t-k)+c.b), 0, c.t-1))
e(A, 'fr', r'h_t = W^{t}h_{0} + \sum_{j=1}^{t} W^{t-j} U x_{j} + \sum_{j=1}^{t} W^{t-j} b', True, 'split sums, index j', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + S(lambda j: mp(c.W, c.t-j)@c.b, 1, c.t))
e(A, 'en', r'W**t * h0 + Sum(W**(t-k)*(U*x[k] + b), (k, 1, t))', True, 'python-ish Sum form', full)
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + (I - W)^{-1}(I - W^t) b', True, 'geometric series for b (I-W invertible)', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + geo(c))
e(A, 'en', r'h_t = W^t h_0 + \sum_{i=1}^{t} W^{t-i}U x_i + \left(\sum_{i=0}^{t-1} W^i\right) b', True, 'bias as matrix sum', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + S(lambda i: mp(c.W, i), 0, c.t-1)@c.b)
e(A, 'fr', r'h_t = W^t h_0 + \sum_{\tau=1}^{t} W^{t-\tau}(U x_\tau + b)', True, 'greek index tau', full)
e(A, 'en', r'h_t = Wᵗ h₀ + Σ_{k=1}^{t} W^{t−k}(U x_k + b)', True, 'unicode superscript t, subscript 0, minus sign', full)
e(A, 'en', r'\mathbf{h}_t = \mathbf{W}^t \mathbf{h}_0 + \sum_{k=1}^{t} \mathbf{W}^{t-k}\left(\mathbf{U}\mathbf{x}_k + \mathbf{b}\right)', True, 'mathbf LaTeX', full)
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + \sum_{k=1}^{t} W^{t-k} b = W^t h_0 + \sum_{k=1}^{t} W^{t-k}(U x_k + b)', True, 'chain of equal forms', full)
e(A, 'en', r'h_t = \sum_{k=1}^{t} W^{t-k}(U x_k + b) + W^t h_0', True, 'reordered terms', full)
e(A, 'en', r'W^t h0 + sum_{k=1}^{t} W^(t-k) U x_k + sum_{k=0}^{t-1} W^k b', True, 'mixed index ranges', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + S(lambda k: mp(c.W, k)@c.b, 0, c.t-1))
e(A, 'fr', r'h_t = W^{t}h_0+\sum_{k=1}^{t}W^{t-k}Ux_k+\sum_{k=1}^{t}W^{k-1}b', True, 'b sum reindexed W^{k-1}; Ux_k juxtaposed', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + S(lambda k: mp(c.W, k-1)@c.b, 1, c.t))
e(A, 'fr', r'En déroulant : h_t = W^t h_0 + \sum_{s=0}^{t-1} W^s U x_{t-s} + \sum_{s=0}^{t-1} W^s b', True, 'French words before, index s', lambda c: mp(c.W, c.t)@c.h0 + S(lambda s: mp(c.W, s)@(c.U@c.x(c.t-s)+c.b), 0, c.t-1))
e(A, 'en', r'h_t = W^t*h_0 + sum_{k=1}^{t} W^(t-k)*U*x_k + sum_{k=1}^{t} W^(t-k)*b', True, 'ASCII stars', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + S(lambda k: mp(c.W, c.t-k)@c.b, 1, c.t))
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^t W^{t-k} (U x_{k} + b)', True, 'upper limit without braces', full)
e(A, 'en', r'h_t=W^{t}h_{0}+\sum\limits_{k=1}^{t}W^{t-k}\left(Ux_{k}+b\right)', True, 'sum with \\limits, no spaces', full)
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} \cdot (U \cdot x_k + b)', True, 'cdot products', full)
e(A, 'fr', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} (Ux_k) + \sum_{k=0}^{t-1}W^{k}b', True, 'split, parenthesised Ux_k', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + S(lambda k: mp(c.W, k)@c.b, 0, c.t-1))
e(A, 'en', r'h_t = W^t h_0 + (I-W)^{-1}(I-W^t) b + \sum_{k=1}^{t} W^{t-k} U x_k', True, 'geometric form reordered', lambda c: mp(c.W, c.t)@c.h0 + geo(c) + Ux(c))
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + inv(I - W)(I - W^t) b', True, 'inv() function', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + geo(c))
e(A, 'fr', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} (b + U x_k)', True, 'b and Ux swapped inside (commutative sum)', full)
e(A, 'en', r'h_t = W^{t} h_{0} + \sum_{m=1}^{t} W^{t-m} (U x_{m} + b)', True, 'index m', full)
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + \sum_{k=1}^{t} W^{t-k} b', True, 'split sums', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + S(lambda k: mp(c.W, c.t-k)@c.b, 1, c.t))
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + (I - W^t)(I - W)^{-1} b', True, 'geometric factors in other order (they commute)', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + (c.I-mp(c.W, c.t))@inv(c.I-c.W)@c.b)
# mistakes
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k+1}(U x_k + b)', False, 'off by one: W^{t-k+1}', lambda c: mp(c.W, c.t)@c.h0 + S(lambda k: mp(c.W, c.t-k+1)@(c.U@c.x(k)+c.b), 1, c.t))
e(A, 'fr', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k-1}(U x_k + b)', False, 'off by one: W^{t-k-1}', lambda c: mp(c.W, c.t)@c.h0 + S(lambda k: mp(c.W, c.t-k-1)@(c.U@c.x(k)+c.b), 1, c.t))
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + t b', False, 'bias not propagated by W (t b)', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + c.t*c.b)
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + W^t b', False, 'bias counted once as W^t b', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + mp(c.W, c.t)@c.b)
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} U W^{t-k} x_k + t b', False, 'U and W commuted (not even conformable) and t b', lambda c: mp(c.W, c.t)@c.h0 + S(lambda k: c.U@mp(c.W, c.t-k)@c.x(k), 1, c.t) + c.t*c.b)
e(A, 'fr', r'h_t = W^t h_0 + \sum_{k=1}^{t-1} W^{t-k}(U x_k + b)', False, 'off by one in sum range: misses k=t', lambda c: mp(c.W, c.t)@c.h0 + S(lambda k: mp(c.W, c.t-k)@(c.U@c.x(k)+c.b), 1, c.t-1))
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{k}(U x_k + b)', False, 'wrong pairing of powers and inputs', lambda c: mp(c.W, c.t)@c.h0 + S(lambda k: mp(c.W, k)@(c.U@c.x(k)+c.b), 1, c.t))
e(A, 'en', r'h_t = W^{t} h_0 + \sum_{k=1}^{t} W^{t-k} U x_k', False, 'forgot the bias', lambda c: mp(c.W, c.t)@c.h0 + Ux(c))
e(A, 'en', r'h_t = W^t h_0 + (I-W)^{-1}(I-W^t)(U x_t + b)', False, 'treats every input as x_t', lambda c: mp(c.W, c.t)@c.h0 + inv(c.I-c.W)@(c.I-mp(c.W, c.t))@(c.U@c.x(c.t)+c.b))
e(A, 'en', r'h_t = W^t h_0', False, 'drops inputs and bias', lambda c: mp(c.W, c.t)@c.h0)
e(A, 'fr', r'h_t = W h_{t-1} + U x_t + b', False, 'only the recursion, not a function of h_0', None)
e(A, 'en', r'h_t = W^{t-1} h_0 + \sum_{k=1}^{t} W^{t-k}(U x_k + b)', False, 'wrong power on h_0', lambda c: mp(c.W, c.t-1)@c.h0 + S(lambda k: mp(c.W, c.t-k)@(c.U@c.x(k)+c.b), 1, c.t))
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + (I-W)^{-1}(W^t - I) b', False, 'sign error in geometric series', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + inv(c.I-c.W)@(mp(c.W, c.t)-c.I)@c.b)
e(A, 'fr', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + (I-W)^{-1} b', False, 'geometric series missing (I - W^t), only the limit', lambda c: mp(c.W, c.t)@c.h0 + Ux(c) + inv(c.I-c.W)@c.b)
e(A, 'en', r'h_t = (W^T)^t h_0 + \sum_{k=1}^{t} (W^T)^{t-k}(U x_k + b)', False, 'transposed W', lambda c: mp(c.W.T, c.t)@c.h0 + S(lambda k: mp(c.W.T, c.t-k)@(c.U@c.x(k)+c.b), 1, c.t))
e(A, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_{t-k} + \sum_{k=1}^{t} W^{t-k} b', False, 'inputs paired with wrong time index (x_{t-k})', None)

# ================= Q2(b) =================
B = 'q2.b'; Wt = lambda c: mp(c.W, c.t)
for a, l, ok, why, f in [
 ('W^t', 'en', True, 'key', Wt), ('J = W^t', 'en', True, 'lhs J', Wt), ('∂h_t/∂h_0 = W^t', 'en', True, 'unicode partial lhs', Wt),
 (r'\frac{\partial h_t}{\partial h_0} = W^{t}', 'fr', True, 'LaTeX frac lhs', Wt), ('W**t', 'en', True, 'python power', Wt),
 ('J = Wᵗ', 'fr', True, 'unicode superscript t', Wt), (r'\prod_{s=1}^{t} W', 'en', True, 'product of t one-step Jacobians', Wt),
 (r'J = \mathbf{W}^t', 'en', True, 'mathbf', Wt), ('J = W^t (U, x and b drop out)', 'en', True, 'words after', Wt),
 ('W^t, indépendant des entrées', 'fr', True, 'words FR', Wt), (r'J = \prod_{k=1}^{t} W = W^t', 'en', True, 'chain prod = power', Wt),
 ('dh_t/dh_0 = W^t', 'en', True, 'ASCII lhs', Wt), (r'J=W^{t}', 'fr', True, 'braces', Wt), ('prod_{k=1}^{t} W', 'en', True, 'ASCII product', Wt),
 (r'\left(W\right)^{t}', 'en', True, 'left/right parens', Wt),
 ('J = (W^T)^t', 'en', False, 'transposed without stating the gradient-layout convention', lambda c: mp(c.W.T, c.t)),
 ('(W^t)^T', 'fr', False, 'transposed (denominator layout) without convention', lambda c: mp(c.W, c.t).T),
 ('W', 'en', False, 'mistake: one step only', lambda c: c.W), ('t W', 'en', False, 'mistake: t*W', lambda c: c.t*c.W),
 ('J = W^{t-1}', 'fr', False, 'mistake: off by one', lambda c: mp(c.W, c.t-1)), ('W^{t+1}', 'en', False, 'off by one', lambda c: mp(c.W, c.t+1)),
 ('J = W^t h_0', 'en', False, 'a vector, not the Jacobian', lambda c: mp(c.W, c.t)@c.h0),
 ('J = W^t U', 'en', False, 'U does not enter the Jacobian', lambda c: mp(c.W, c.t)@c.U),
 (r'\prod_{s=1}^{t-1} W', 'fr', False, 'off-by-one product range', lambda c: mp(c.W, c.t-1)),
]: e(B, l, a, ok, why, f)

# ================= Q2(c) conditions (checked on test matrices) =================
V = 'q2.c.vanishes_if'; X = 'q2.c.explodes_if'
for a, l, ok, why, f in [
 ('rho(W) < 1', 'en', True, 'spectral radius < 1', lambda W: rho(W) < 1), ('ρ(W) < 1', 'fr', True, 'unicode rho', lambda W: rho(W) < 1),
 ('spectral radius of W < 1', 'en', True, 'words', lambda W: rho(W) < 1), (r'\max_i |\lambda_i(W)| < 1', 'en', True, 'max modulus eigenvalue', lambda W: rho(W) < 1),
 ('max(abs(eig(W))) < 1', 'en', True, 'ASCII eig', lambda W: rho(W) < 1),
 ('all eigenvalues of W have modulus < 1', 'en', True, 'words', lambda W: rho(W) < 1),
 ('toutes les valeurs propres de W sont de module < 1', 'fr', True, 'French words', lambda W: rho(W) < 1),
 ('rayon spectral de W strictement inférieur à 1', 'fr', True, 'French words', lambda W: rho(W) < 1),
 ('|lambda_max(W)| < 1', 'en', True, 'contract spectral form', lambda W: rho(W) < 1), (r'\rho(W) < 1', 'en', True, 'LaTeX rho', lambda W: rho(W) < 1),
 ('spectral_radius(W) < 1', 'en', True, 'function form', lambda W: rho(W) < 1), ('1 > rho(W)', 'en', True, 'reversed comparison', lambda W: rho(W) < 1),
 ('|λ_i| < 1 for all i', 'fr', True, 'all eigenvalue moduli', lambda W: rho(W) < 1),
 ('||W||_2 < 1', 'en', False, 'sufficient only (sigma_max), not the exact condition', lambda W: smax(W) < 1),
 ('σ_max(W) < 1', 'fr', False, 'sufficient only (largest singular value)', lambda W: smax(W) < 1),
 ('rho(W) < 0.9', 'en', False, 'sufficient only, not exact', lambda W: rho(W) < .9),
 ('all eigenvalues of W < 1', 'en', False, 'no absolute value: lambda=-2 explodes', lambda W: max(eigvals(W).real) < 1),
 ('rho(W) <= 1', 'en', False, 'rho=1 does not vanish (orthogonal W)', lambda W: rho(W) <= 1),
 ('rho(W) > 1', 'fr', False, 'inverted condition', lambda W: rho(W) > 1),
 ('all entries of W < 1', 'en', False, 'condition on entries, not eigenvalues', lambda W: W.max() < 1),
 ('|det(W)| < 1', 'en', False, 'determinant is not the condition', lambda W: abs(np.linalg.det(W)) < 1),
]: e(V, l, a, ok, why, f)
for a, l, ok, why, f in [
 ('rho(W) > 1', 'en', True, 'spectral radius > 1', lambda W: rho(W) > 1), ('ρ(W) > 1', 'fr', True, 'unicode', lambda W: rho(W) > 1),
 ('spectral radius of W > 1', 'en', True, 'words', lambda W: rho(W) > 1), ('max(abs(eig(W))) > 1', 'en', True, 'ASCII', lambda W: rho(W) > 1),
 ('some eigenvalue of W has modulus > 1', 'en', True, 'words', lambda W: rho(W) > 1),
 ('au moins une valeur propre de W de module > 1', 'fr', True, 'French words', lambda W: rho(W) > 1),
 (r'\max_i |\lambda_i| > 1', 'en', True, 'LaTeX', lambda W: rho(W) > 1), ('1 < rho(W)', 'en', True, 'reversed', lambda W: rho(W) > 1),
 (r'\rho(W)>1', 'fr', True, 'LaTeX no spaces', lambda W: rho(W) > 1), ('|lambda_max(W)| > 1', 'en', True, 'contract form', lambda W: rho(W) > 1),
 ('rayon spectral > 1', 'fr', True, 'French words', lambda W: rho(W) > 1),
 ('||W||_2 > 1', 'en', False, 'sigma_max > 1 is necessary, not sufficient (non-normal)', lambda W: smax(W) > 1),
 ('rho(W) >= 1', 'en', False, 'orthogonal W (rho = 1) does not explode', lambda W: rho(W) >= 1),
 ('some eigenvalue of W > 1', 'fr', False, 'no modulus: lambda=-2 missed', lambda W: max(eigvals(W).real) > 1),
 ('rho(W) < 1', 'en', False, 'inverted', lambda W: rho(W) < 1), ('entries of W > 1', 'en', False, 'entries, not eigenvalues', lambda W: W.max() > 1),
 ('rho(W) > 2', 'en', False, 'wrong threshold', lambda W: rho(W) > 2), ('|det(W)| > 1', 'fr', False, 'determinant', lambda W: abs(np.linalg.det(W)) > 1),
]: e(X, l, a, ok, why, f)

# ================= Q5 =================
J = 'q5.a.jacobian'
for a, l, ok, why, f in [
 ('W', 'en', True, 'key', lambda c: c.W), ('∂h/∂x = W', 'en', True, 'unicode lhs', lambda c: c.W), (r'\nabla_x h(x) = W', 'en', True, 'nabla lhs', lambda c: c.W),
 ('J = W', 'fr', True, 'lhs J', lambda c: c.W), (r'\frac{\partial h}{\partial x} = W', 'en', True, 'LaTeX frac lhs', lambda c: c.W),
 ('W (indépendant de x)', 'fr', True, 'words FR', lambda c: c.W), (r'\mathbf{W}', 'en', True, 'mathbf', lambda c: c.W),
 ('(W^T)^T', 'en', True, 'double transpose = W', lambda c: c.W.T.T), ('d(Wx)/dx = W', 'en', True, 'ASCII lhs', lambda c: c.W),
 ('W, constant in x', 'en', True, 'words after', lambda c: c.W),
 ('x', 'en', False, 'mistake: differentiated w.r.t. W', lambda c: c.x), ('W x', 'fr', False, 'mistake: that is h, not its Jacobian', lambda c: c.W@c.x),
 ('W^T W', 'en', False, 'reconstruction map, not the encoder Jacobian', lambda c: c.W.T@c.W), ('2W', 'en', False, 'spurious factor 2', lambda c: 2*c.W),
 ('x^T', 'fr', False, 'mistake: derivative w.r.t. W', lambda c: c.x.T),
]: e(J, l, a, ok, why, f)
P = 'q5.a.penalty'; pen = lambda c: c.lam*np.sum(c.W**2)
for a, l, ok, why, f in [
 ('lambda ||W||_F^2', 'en', True, 'key', pen), (r'\lambda \|W\|_F^2', 'en', True, 'LaTeX', pen), ('λ‖W‖_F^2', 'fr', True, 'unicode', pen),
 ('lambda * sum_{i,j} W_{ij}^2', 'en', True, 'explicit sum', pen), (r'\lambda \sum_{i}\sum_{j} W_{ij}^2', 'fr', True, 'double sum', pen),
 ('lambda*trace(W^T W)', 'en', True, 'trace form', lambda c: c.lam*np.trace(c.W.T@c.W)),
 (r'\lambda \operatorname{tr}(W W^\top)', 'en', True, 'trace, other order', lambda c: c.lam*np.trace(c.W@c.W.T)),
 ('λ Σ_{a,b} W_{ab}^2', 'fr', True, 'other index names', pen), (r'\lambda \|W\|_F^2 = \lambda \sum_{i,j} W_{ij}^2', 'en', True, 'chain', pen),
 ('||W||_F^2 * lambda', 'en', True, 'reordered', pen),
 ('lambda ||W||_F', 'en', False, 'norm not squared', lambda c: c.lam*norm(c.W)), (r'\lambda \sum_{i,j} |W_{ij}|', 'fr', False, 'L1, not L2', lambda c: c.lam*np.abs(c.W).sum()),
 ('lambda ||W x||^2', 'en', False, 'norm of h, not of its Jacobian', lambda c: c.lam*norm(c.W@c.x)**2),
 ('lambda ||W||_2^2', 'en', False, 'spectral norm, not Frobenius', lambda c: c.lam*norm(c.W, 2)**2),
 ('lambda sum_{i,j} W_{ij}', 'en', False, 'missing the square', lambda c: c.lam*c.W.sum()),
]: e(P, l, a, ok, why, f)
R = 'q5.b.jacobian'; rj = key_q5b_jac; mask = lambda c, v: np.diag(v.astype(float))@c.W
for a, l, ok, why, f in [
 ('diag(1[Wx+b>0]) W', 'en', True, 'key', rj), (r'\mathrm{diag}(\mathbb{1}[W x + b > 0])\, W', 'en', True, 'LaTeX', rj),
 ('diag(step(W x + b)) W', 'en', True, 'step function', rj), ('diag(heaviside(Wx + b)) * W', 'fr', True, 'heaviside', rj),
 ('J(x) = diag(1[W x + b > 0]) W', 'en', True, 'lhs J(x)', rj), ('diag(1[b + Wx > 0]) W', 'en', True, 'reordered sum', rj),
 ('J = diag(𝟙[Wx+b>0]) W', 'fr', True, 'unicode indicator as in the key', rj),
 (r'\operatorname{diag}\left(\mathbb{1}[Wx+b>0]\right) \cdot W', 'en', True, 'operatorname, cdot', rj),
 ('diag(1[W x + b >= 0]) W', 'en', True, 'equal almost surely (ties have measure zero)', lambda c: mask(c, c.W@c.x+c.b >= 0)),
 ('W', 'en', False, 'mask forgotten (identical to weight decay)', lambda c: c.W),
 ('W diag(1[Wx+b>0])', 'fr', False, 'mask on the wrong side', None),
 ('diag(relu(Wx+b)) W', 'en', False, 'relu instead of its derivative', lambda c: np.diag(np.maximum(c.W@c.x+c.b, 0))@c.W),
 ('diag(1[Wx > 0]) W', 'en', False, 'forgot the bias in the mask', lambda c: mask(c, c.W@c.x > 0)),
 ('diag(1[Wx+b<0]) W', 'en', False, 'inverted mask', lambda c: mask(c, c.W@c.x+c.b < 0)),
 ('diag(sigmoid(Wx+b)) W', 'fr', False, 'sigmoid instead of ReLU derivative', lambda c: np.diag(sig(c.W@c.x+c.b))@c.W),
]: e(R, l, a, ok, why, f)

# ================= Q6(b), Q8(b), Q8(c) verdicts (by hand: yes / no / yes) =================
for a, l, ok, why in [('yes', 'en', True, 'key: yes, it can'), ('Yes (it can, not guaranteed)', 'en', True, 'with nuance'), ('oui', 'fr', True, 'French yes'),
    ("Oui, c'est possible", 'fr', True, 'French with words'), ('yes, possibly', 'en', True, 'hedged yes'), ('True', 'en', True, 'boolean word'),
    ('YES', 'en', True, 'upper case'), ('Oui (écart d\'approximation plus petit)', 'fr', True, 'with reason'),
    ('no', 'en', False, 'flat no is wrong per key'), ('non', 'fr', False, 'flat no'), ('No, mean-field is always optimal per example', 'en', False, 'key mistake'),
    ('nope', 'en', False, 'informal no')]: e('q6.b.verdict', l, a, ok, why)
for a, l, ok, why in [('no', 'en', True, 'key: not linear'), ('non', 'fr', True, 'French'), ('No, exponential in min(M,K)', 'en', True, 'with reason'),
    ('false', 'en', True, 'boolean word'), ('nope', 'en', True, 'informal no'), ('Non (exponentiel en min(M,K))', 'fr', True, 'with reason FR'), ('NO', 'en', True, 'upper case'),
    ('yes', 'en', False, 'mistake: like an RBM'), ('oui', 'fr', False, 'mistake'), ('Yes, like an RBM', 'en', False, 'key mistake'), ('true', 'en', False, 'wrong verdict')]: e('q8.b.linear', l, a, ok, why)
for a, l, ok, why in [('yes', 'en', True, 'key: yes, with modifications'), ('oui', 'fr', True, 'French'), ('Yes (with sampling)', 'en', True, 'with qualifier'),
    ('yes, with a Gibbs-sampled positive phase', 'en', True, 'with reason'), ('Oui, avec une phase positive échantillonnée', 'fr', True, 'French reason'),
    ('true', 'en', True, 'boolean word'), ('Oui', 'fr', True, 'capitalised'),
    ('no', 'en', False, 'verdict wrong (at most partial)'), ('non', 'fr', False, 'wrong'), ('No, impossible', 'en', False, 'contradicts (a)'),
    ('Non, pas possible car la phase positive est intractable', 'fr', False, 'key: half right at best, verdict wrong')]: e('q8.c.possible', l, a, ok, why)

# ================= Q7(b) =================
G = 'q7.b'; k7 = key_q7
for a, l, ok, why, f in [
 ('E[x_tilde] - E[x] + 2 lambda (||w||_2 - 1) w / ||w||_2', 'en', True, 'key', k7),
 (r'\nabla_w L = \mathbb{E}_{\tilde{x} \sim P_g}[\tilde{x}] - \mathbb{E}_{x \sim P_r}[x] + 2\lambda(\|w\|_2 - 1)\frac{w}{\|w\|_2}', 'en', True, 'LaTeX with lhs', k7),
 (r'E[\tilde{x}] - E[x] + 2\lambda\left(1 - \frac{1}{\|w\|}\right) w', 'en', True, 'key alternative 2λ(1-1/||w||)w', k7),
 ('∇_w L = E[x̃] − E[x] + 2λ(‖w‖ − 1) w/‖w‖', 'fr', True, 'unicode', k7),
 ('E[x_tilde - x] + 2*lambda*(norm(w) - 1)*w/norm(w)', 'en', True, 'single expectation of the difference', lambda c: (c.Xt-c.X).mean(0)+2*c.lam*(c.n-1)*c.w/c.n),
 ('mean(x_tilde) - mean(x) + 2 lambda (1 - 1/||w||) w', 'en', True, 'mean()', k7),
 (r'2\lambda(\|w\|_2-1)\frac{w}{\|w\|_2} + E[\tilde{x}] - E[x]', 'fr', True, 'reordered', k7),
 ('E[x_g] - E[x] + 2 lambda w (||w|| - 1)/||w||', 'en', True, 'x_g alias, reordered product', k7),
 ('2λ(‖w‖−1)ŵ + E[x̃] − E[x]', 'en', True, 'unit vector ŵ = w/‖w‖ (key form)', k7),
 (r'E[\tilde{x}] - E[x] + 2\lambda w - \frac{2\lambda w}{\|w\|}', 'en', True, 'expanded', lambda c: c.Ext-c.Ex+2*c.lam*c.w-2*c.lam*c.w/c.n),
 ('-(E[x] - E[x_tilde]) + 2 lambda (||w||-1) w/||w||', 'en', True, 'negated difference', k7),
 ('E[x_tilde] - E[x] + 2 lambda (||w|| - 1) w / sqrt(w^T w)', 'fr', True, 'sqrt(w^T w) = ||w||', k7),
 (r'\mathbb{E}_{\tilde{x}\sim\mathbb{P}_g}\left[\tilde{x}\right] - \mathbb{E}_{x\sim\mathbb{P}_r}\left[x\right] + 2\lambda\left(\lVert w \rVert_2 - 1\right)\frac{w}{\lVert w \rVert_2}', 'en', True, 'full LaTeX with lVert', k7),
 ('grad_w L = E[x_tilde] - E[x] + 2 lambda (||w|| - 1) w/||w||', 'fr', True, 'ASCII lhs', k7),
 (r'\nabla_w L = \mathbb{E}[\tilde{x}] - \mathbb{E}[x] + 2\lambda \frac{\|w\|_2 - 1}{\|w\|_2} w', 'en', True, 'fraction of norms', k7),
 ('E[x_tilde] - E[x] + 2 lambda (||w|| - 1) (w^T w)^(-1/2) w', 'en', True, 'power -1/2', k7),
 ('E[x_tilde] - E[x] + 2*lambda*w*(1 - 1/norm(w))', 'en', True, 'norm()', k7),
 (r'E_{\tilde{x}}[\tilde{x}] - E_{x}[x] + \frac{2\lambda(\|w\|-1)}{\|w\|} w', 'fr', True, 'subscripted E', k7),
 # mistakes
 ('E[x_tilde] - E[x]', 'en', False, 'penalty dropped (claims no w-dependence)', lambda c: c.Ext-c.Ex),
 ('E[x_tilde] - E[x] + 2 lambda (||w|| - 1) w', 'en', False, 'missing 1/||w|| (chain rule)', lambda c: c.Ext-c.Ex+2*c.lam*(c.n-1)*c.w),
 ('E[x] - E[x_tilde] + 2λ(‖w‖-1)w/‖w‖', 'fr', False, 'means swapped (sign error) without ascent convention', lambda c: c.Ex-c.Ext+2*c.lam*(c.n-1)*c.w/c.n),
 ('E[x_tilde] - E[x] + lambda (||w|| - 1) w/||w||', 'en', False, 'missing factor 2', lambda c: c.Ext-c.Ex+c.lam*(c.n-1)*c.w/c.n),
 ('E[x_tilde] - E[x] + 2 lambda (||w||_2 - 1)', 'en', False, 'penalty gradient written as a scalar', lambda c: c.Ext-c.Ex+2*c.lam*(c.n-1)),
 ('E[x_tilde] - E[x] + 4 lambda (||w||^2 - 1) w', 'en', False, 'gradient of (||w||^2-1)^2 instead', lambda c: c.Ext-c.Ex+4*c.lam*(c.n**2-1)*c.w),
 ('E[x_tilde] - E[x] + 2 lambda (1 - ||w||) w/||w||', 'fr', False, 'sign error in the penalty', lambda c: c.Ext-c.Ex+2*c.lam*(1-c.n)*c.w/c.n),
 ('E[x_tilde] - E[x] + 2 lambda E[(w^T x_hat - 1) x_hat]', 'en', False, 'differentiated through x_hat', lambda c: c.Ext-c.Ex+2*c.lam*((c.Xh@c.w-1)[:, None]*c.Xh).mean(0)),
 ('2 lambda (||w|| - 1) w / ||w||', 'en', False, 'only the penalty term', lambda c: 2*c.lam*(c.n-1)*c.w/c.n),
 ('E[x] - E[x_tilde]', 'fr', False, 'swapped and no penalty', lambda c: c.Ex-c.Ext),
 ('E[x_tilde] - E[x] + 2 lambda (||w|| - 1)/||w||', 'en', False, 'w factor missing (scalar)', lambda c: c.Ext-c.Ex+2*c.lam*(c.n-1)/c.n),
 ('E[x_tilde] - E[x] + 2 lambda (||w||^2 - 1) w', 'en', False, 'squared norm inside', lambda c: c.Ext-c.Ex+2*c.lam*(c.n**2-1)*c.w),
]: e(G, l, a, ok, why, f)

# ================= Q8(a) =================
for fld, free, oth, key_attr in [('q8.a.x_given_yz', 'i', ('j', 'k', 'y', 'z'), 'ax'), ('q8.a.y_given_xz', 'j', ('i', 'k', 'x', 'z'), 'ay'), ('q8.a.z_given_xy', 'k', ('i', 'j', 'x', 'y'), 'az')]:
    p, q, u, v = oth
    W_ = 'W_{ijk}'
    good = lambda c, a=key_attr: sig(-getattr(c, a))
    bad_sign = lambda c, a=key_attr: sig(getattr(c, a))
    noz = lambda c, a=key_attr: np.exp(-getattr(c, a))
    rows = [
     (f'sigmoid(-sum_{{{p},{q}}} {W_} {u}_{p} {v}_{q})', 'en', True, 'key', good),
     (rf'\sigma\left(-\sum_{{{p}}}\sum_{{{q}}} {W_} {u}_{p} {v}_{q}\right)', 'en', True, 'LaTeX double sum', good),
     (f'σ(−Σ_{{{p},{q}}} W_{{ijk}} {u}_{p} {v}_{q})', 'fr', True, 'unicode', good),
     (f'1 - sigmoid(sum_{{{p},{q}}} {W_} {u}_{p} {v}_{q})', 'en', True, 'key alternative 1 - sigma(a)', lambda c, a=key_attr: 1-sig(getattr(c, a))),
     (f'1/(1+exp(sum_{{{p},{q}}} {W_} {u}_{p} {v}_{q}))', 'en', True, 'explicit logistic', good),
     (rf'\frac{{\exp(-\sum_{{{p},{q}}} {W_} {u}_{p} {v}_{q})}}{{1 + \exp(-\sum_{{{p},{q}}} {W_} {u}_{p} {v}_{q})}}', 'fr', True, 'key alternative e^-a/(1+e^-a)', good),
     (f'sigma(-sum_{{{q},{p}}} W_{{i,j,k}} {v}_{q} {u}_{p})', 'en', True, 'reordered indices and factors', good),
    ]
    if free == 'i':
        rows += [('P(x_i = 1 | y, z) = σ(−Σ_j Σ_k W_ijk y_j z_k)', 'en', True, 'lhs and unbraced W_ijk', good),
                 ('sigmoid(-sum_{a,b} W[i,a,b] y_a z_b)', 'en', True, 'other index names, bracket indexing', good),
                 ('sigmoid(-sum_{i,j,k} W_{ijk} x_i y_j z_k)', 'fr', False, 'summed over the free index i with x_i', lambda c: sig(-np.einsum('ijk,i,j,k->', c.W, c.x, c.y, c.z))*np.ones(3)),
                 ('tanh(-sum_{j,k} W_{ijk} y_j z_k)', 'en', False, 'tanh is not the Bernoulli conditional', lambda c: np.tanh(-c.ax))]
    if free == 'j':
        rows += [('P(y_j=1|x,z) = 1/(1+exp(Σ_{i,k} W_{ijk} x_i z_k))', 'fr', True, 'lhs and logistic', good),
                 ('sigmoid(-sum_{i,k} W_{ijk} x_i z_k + 1)', 'en', False, 'invented bias', lambda c: sig(-c.ay+1))]
    if free == 'k':
        rows += [(r'\sigma\left(-\sum_{i,j} W_{ijk}\, x_i\, y_j\right)', 'en', True, 'thin spaces', good),
                 ('sigmoid(-sum_{i,j} W_{ijk} x_i y_j z_k)', 'fr', False, 'includes z_k itself in its own conditional', lambda c: sig(-c.az*c.z))]
    rows += [
     (f'sigmoid(sum_{{{p},{q}}} {W_} {u}_{p} {v}_{q})', 'en', False, 'missing minus sign (RBM habit)', bad_sign),
     (rf'\sigma\left(\sum_{{{p},{q}}} {W_} {u}_{p} {v}_{q}\right)', 'fr', False, 'missing minus sign', bad_sign),
     (f'exp(-sum_{{{p},{q}}} {W_} {u}_{p} {v}_{q})', 'en', False, 'unnormalised', noz),
    ]
    for a, l, ok, why, f in rows: e(fld, l, a, ok, why, f)

# ---------------- check ----------------
def run():
    bad = 0; cms = cond_mats()
    for n, (field, lang, ans, ok, why, f) in enumerate(E):
        if field in KEYS:
            res = True
            if f is None: res = False
            else:
                for c in contexts(field):
                    try:
                        with np.errstate(all='ignore'):
                            v = np.asarray(f(c), float); r = np.asarray(KEYS[field](c), float)
                        if v.shape != r.shape or not np.allclose(v, r, rtol=1e-7, atol=1e-9): res = False; break
                    except (ValueError, KeyError, np.linalg.LinAlgError): res = False; break
        elif field.startswith('q2.c'):
            res = f is not None and all(bool(f(W)) == (tv if field.endswith('vanishes_if') else te) for W, tv, te in cms)
        else: res = ok  # sizes and verdicts: labelled by hand against the key
        if res != ok: bad += 1; print('LABEL MISMATCH', field, ans, ok, res)
    return bad
if __name__ == '__main__':
    nb = run(); print('entries', len(E), 'mismatches', nb)
    if nb: sys.exit(1)
    q = lambda s: "'" + s.replace("'", "''") + "'"
    out = ['# forms_blind2.yaml: blind, FROZEN test set of student-typed answers for the examgrade grader.',
           '# Written by a blind helper session that read only /work/shared/exam/final-exam.md,',
           '# /work/shared/exam/answer-key.md and /work/shared/spec/answer-sheet.md (never the grader, its tests, or the older forms set).',
           '# Frozen: must never be used to tune the grader; only to measure it.',
           f'# Date: {datetime.date.today().isoformat()} (UTC). Labels checked by check.py (numpy, no examgrade import).', '']
    for n, (field, lang, ans, ok, why, f) in enumerate(E, 1):
        out.append(f"- {{id: f{n:03d}, field: {field}, lang: {lang}, answer: {q(ans)}, correct: {str(ok).lower()}, why: {q(why)}}}")
    target = __import__('os').path.join(__import__('os').path.dirname(__file__), '..', '..', 'tests', 'data', 'forms_blind2.yaml')
    if '--write' in sys.argv:
        open(target, 'w').write('\n'.join(out)+'\n')
        print('written')
    else:
        same = open(target).read().split('\n')[5:] == ('\n'.join(out)+'\n').split('\n')[5:]
        print('the frozen file matches these entries' if same else 'the frozen file DIFFERS from these entries')
