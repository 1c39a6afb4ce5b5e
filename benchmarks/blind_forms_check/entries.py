# -*- coding: utf-8 -*-
"""Source table of the blind forms set (written by a blind helper, from the exam, the key and the
answer-sheet contract only).  Each entry: field, lang, answer (what the student typed), correct, why,
and, for expression/condition fields, fn = MY OWN hand transcription of the student's string into numpy
(read literally, the way the contract says the string means, e.g. a sum's body is the product that
follows it).  check.py evaluates fn against the key's formula on random instances.
"""
import numpy as np

mp = np.linalg.matrix_power


def S(lo, hi, f):
    """sum_{k=lo}^{hi} f(k), inclusive; empty sum = 0."""
    tot = 0
    for k in range(lo, hi + 1):
        tot = tot + f(k)
    return tot


def sig(a):
    return 1.0 / (1.0 + np.exp(-a))


def rho(W):
    return round(float(np.max(mods(W))), 12)  # rounded: orthogonal W gives exactly 1


def mods(W):
    return np.round(np.abs(np.linalg.eigvals(W)), 12)


def smax(W):
    return float(np.linalg.norm(W, 2))


def inv(A):
    return np.linalg.inv(A)


def nrm(v):
    return float(np.linalg.norm(v))


ENTRIES = []


def E(field, lang, answer, correct, why, fn=None, layout=None):
    ENTRIES.append(dict(field=field, lang=lang, answer=answer, correct=correct, why=why,
                        fn=fn, layout=layout))


# ----------------------------------------------------------------------------------------------
# Q1  sizes (checked by hand: out = n + 2p - k + 1 = 256; RF = 1 + 6*4 = 25; full 4, valid 0, same 2)
# ----------------------------------------------------------------------------------------------
F = 'q1.a'
E(F, 'en', '256x256', True, 'n+2p-k+1 = 256+4-5+1 = 256, single size means every layer')
E(F, 'en', '256 × 256 for every layer', True, 'same size at all 6 layers (same padding)')
E(F, 'en', '256, 256, 256, 256, 256, 256', True, 'list of 6 sizes, all 256')
E(F, 'en', '[256, 256, 256, 256, 256, 256]', True, 'list of 6 sizes, all 256')
E(F, 'en', '(256-5+2*2)/1+1 = 256', True, 'working shown, output-size formula gives 256')
E(F, 'en', 'same as input (256x256)', True, 'key accepts "same as input"')
E(F, 'fr', "identique à l'entrée : 256×256 à chaque couche", True, 'same as input, 256 at each layer')
E(F, 'en', '256', True, 'single size = every layer, 256')
E(F, 'en', 'n + 2p - k + 1 = 256 + 4 - 5 + 1 = 256, so 256x256 at all 6 layers', True, 'formula worked out, 256')
E(F, 'fr', '256x256xC_l (C_l = nombre de filtres de la couche l)', True, 'key accepts 256x256xC_l')
E(F, 'fr', 'toutes les couches : 256 x 256', True, '256 at every layer')
E(F, 'en', '[256,256], [256,256], [256,256], [256,256], [256,256], [256,256]', True, 'six [256,256] sizes')
E(F, 'fr', '(256 + 2*2 - 5)/1 + 1 = 256 pour chaque couche', True, 'working shown, 256')
E(F, 'en', 'layer 1..6: 256x256, 256x256, 256x256, 256x256, 256x256, 256x256', True, 'six sizes all 256x256')
E(F, 'en', '252, 248, 244, 240, 236, 232', False, 'key mistake: padding ignored (valid case)')
E(F, 'en', '254, 252, 250, 248, 246, 244', False, 'key mistake: 2x2 padding read as 1 per side')
E(F, 'en', '128, 64, 32, 16, 8, 4', False, 'key mistake: stride/pooling invented')
E(F, 'fr', '252x252', False, 'padding ignored: 256-5+1')
E(F, 'en', '260, 264, 268, 272, 276, 280', False, 'that is the full-convolution (p=4) sequence')
E(F, 'fr', '256-5+1 = 252 puis 248, 244, 240, 236, 232', False, 'padding ignored (valid case)')
E(F, 'en', '(256-5+2*2)/1 = 255', False, 'forgot the +1 of the output-size formula')

F = 'q1.b'
E(F, 'en', '25x25', True, 'RF = 1 + 6(k-1) = 25')
E(F, 'en', '25 × 25', True, 'RF = 25x25')
E(F, 'en', '1 + 6*(5-1) = 25', True, 'working shown, 25')
E(F, 'en', '25', True, 'single number 25 (square RF)')
E(F, 'en', '25x25 pixels (5, 9, 13, 17, 21, 25 layer by layer)', True, 'recursive growth by 4, ends at 25')
E(F, 'fr', 'champ récepteur : 25×25', True, '25x25')
E(F, 'en', 'r_l = r_{l-1} + 4, r_6 = 25 -> 25x25', True, 'key accepts the recursion r_l = r_{l-1}+4')
E(F, 'fr', '12 pixels de chaque côté du centre, soit 25x25', True, 'key accepts 12 on each side of the centre = 25')
E(F, 'fr', "25 x 25 (x nombre de canaux d'entrée)", True, 'key accepts 25x25 x input channels')
E(F, 'en', '1+L(k-1) = 1+6*4 = 25 -> 25x25', True, 'formula 1+L(k-1)')
E(F, 'en', '[25, 25]', True, 'size as a list, 25x25')
E(F, 'en', '21x21', False, 'key mistake: off by one layer (1+5*4)')
E(F, 'en', '24x24', False, 'key mistake: 6*4, forgot the centre pixel')
E(F, 'en', '31x31', False, 'key mistake: added k instead of k-1 (6*5+1)')
E(F, 'fr', '6*5 = 30, donc 30x30', False, 'key mistake: added k instead of k-1')
E(F, 'en', '5x5', False, 'key mistake: only the last kernel')
E(F, 'en', '1 + 5*4 = 21', False, 'off by one layer')
E(F, 'en', '13x13', False, 'that is the corner neuron (real pixels), a middle neuron sees 25x25')

F = 'q1.c'
E(F, 'en', '4', True, 'full = k-1 = 4 per side')
E(F, 'en', '4x4', True, '4 per side in the exam notation')
E(F, 'en', '(5-1)', True, 'k-1 = 4')
E(F, 'en', 'k-1 = 4', True, 'k-1 = 4')
E(F, 'en', '4 on each side', True, '4 per side')
E(F, 'fr', '4 de chaque côté', True, '4 per side')
E(F, 'fr', 'p = k - 1 = 5 - 1 = 4', True, 'working shown, 4')
E(F, 'en', '4 zeros per side (8 in total per dimension)', True, 'key accepts 8 in total = 4 per side')
E(F, 'en', '4 (output becomes 260x260)', True, '4, output n+k-1 = 260')
E(F, 'fr', '4 pixels de zéros de chaque côté', True, '4 per side')
E(F, 'en', '2', False, 'key mistake: that is same padding')
E(F, 'en', '5', False, 'key mistake: k instead of k-1')
E(F, 'en', '8', False, 'total per dimension given as per-side padding')
E(F, 'fr', '2x2', False, 'that is the same padding')
E(F, 'en', 'k = 5', False, 'k instead of k-1')

F = 'q1.d'
E(F, 'en', '0', True, 'valid = no padding')
E(F, 'en', 'none', True, 'no padding = 0')
E(F, 'fr', 'aucun', True, 'no padding = 0')
E(F, 'en', '0x0', True, '0')
E(F, 'en', 'no padding (0)', True, '0')
E(F, 'fr', 'pas de padding : 0', True, '0')
E(F, 'en', 'p = 0 (output 252x252)', True, '0, output n-k+1 = 252')
E(F, 'fr', 'zéro', True, '0 written as a word')
E(F, 'en', '0 on each side', True, '0')
E(F, 'en', '4', False, 'key mistake: confused with full')
E(F, 'en', '2', False, 'that is same padding')
E(F, 'fr', '1', False, 'valid uses no padding')
E(F, 'en', '4x4', False, 'confused with full')

F = 'q1.e'
E(F, 'en', '2', True, 'same = (k-1)/2 = 2')
E(F, 'en', '2x2', True, '2 per side in the exam notation')
E(F, 'en', '(5-1)/2', True, '(k-1)/2 = 2')
E(F, 'en', '(k-1)/2 = 2', True, '(k-1)/2 = 2')
E(F, 'en', '2 on each side (the configuration given)', True, 'same is the given configuration')
E(F, 'fr', '2 de chaque côté', True, '2 per side')
E(F, 'fr', "p = 2, comme dans l'énoncé", True, 'same = 2, as given')
E(F, 'en', '2 (already what the network uses)', True, '2')
E(F, 'en', '4', False, 'key mistake: total treated as per side')
E(F, 'en', '1', False, 'key mistake')
E(F, 'en', '5/2 = 2.5', False, 'k/2 instead of (k-1)/2')
E(F, 'fr', '0', False, 'that is valid padding')
E(F, 'en', '4x4', False, 'that is full padding')

# ----------------------------------------------------------------------------------------------
# Q2(a)  h_t = W^t h_0 + sum_{k=1}^t W^{t-k}(U x_k + b)
# ----------------------------------------------------------------------------------------------
F = 'q2.a'
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k}(U x_k + b)', True, 'key form',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', 'h_t = W^t h_0 + sum_{k=1}^t W^(t-k) (U x_k + b)', True, 'key form, ASCII',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', 'W^t h_0 + Σ_{k=1}^{t} W^{t-k} (U x_k + b)', True, 'key form without left side, unicode Σ',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', 'hₜ = Wᵗ h₀ + Σₖ₌₁ᵗ Wᵗ⁻ᵏ (U xₖ + b)', True, 'key form in unicode sub/superscripts',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=0}^{t-1} W^k (U x_{t-k} + b)', True, 'key equivalent: shifted index',
  lambda c: mp(c.W, c.t) @ c.h0 + S(0, c.t - 1, lambda k: mp(c.W, k) @ (c.U @ c.x(c.t - k) + c.b)))
E(F, 'en', r'h_t = W^t h_0 + \sum_{j=1}^{t} W^{t-j} U x_j + \sum_{j=1}^{t} W^{t-j} b', True, 'split sums, index j',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda j: mp(c.W, c.t - j) @ c.U @ c.x(j)) + S(1, c.t, lambda j: mp(c.W, c.t - j) @ c.b))
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + (I-W)^{-1}(I-W^t) b', True, 'key geometric-series form (generic W)',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + inv(c.I - c.W) @ (c.I - mp(c.W, c.t)) @ c.b)
E(F, 'en', 'W^t h_0 + sum_{k=1}^t W^{t-k} U x_k + (I - W^t)(I - W)^{-1} b', True, 'geometric series, factors reordered (they commute: both polynomials in W)',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + (c.I - mp(c.W, c.t)) @ inv(c.I - c.W) @ c.b)
E(F, 'en', r'h_t = \mathbf{W}^{t}\mathbf{h}_0 + \sum_{\tau=1}^{t}\mathbf{W}^{t-\tau}\left(\mathbf{U}\mathbf{x}_\tau+\mathbf{b}\right)', True, 'LaTeX mathbf, Greek index tau',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', 'h_t = W**t * h_0 + Sum(W**(t-k) * (U*x_k + b), (k, 1, t))', True, 'sympy-style Sum',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', 'W^t h0 + sum_{i=1}^{t} W^{t-i} U x_i + sum_{i=0}^{t-1} W^i b', True, 'split sums, bias sum re-indexed',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda i: mp(c.W, c.t - i) @ c.U @ c.x(i)) + S(0, c.t - 1, lambda i: mp(c.W, i) @ c.b))
E(F, 'en', r'h_t = W^{t}h_{0} + \sum_{k=1}^{t}W^{t-k}Ux_{k} + \sum_{k=1}^{t}W^{t-k}b', True, 'no spaces, juxtaposition Ux_{k}',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.b))
E(F, 'en', r'h_t = W h_{t-1} + U x_t + b = W^2 h_{t-2} + W(U x_{t-1} + b) + U x_t + b = W^t h_0 + \sum_{k=1}^t W^{t-k}(Ux_k+b)', True, 'chain of equalities ending in the key form',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x[k] + \sum_{k=0}^{t-1} W^{k} b', True, 'x[k] indexing, bias sum re-indexed',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + S(0, c.t - 1, lambda k: mp(c.W, k) @ c.b))
E(F, 'en', r'W^{t} h_0 + \sum_{s=0}^{t-1} W^{s} U x_{t-s} + \sum_{s=0}^{t-1} W^{s} b', True, 'index s, shifted',
  lambda c: mp(c.W, c.t) @ c.h0 + S(0, c.t - 1, lambda s: mp(c.W, s) @ c.U @ c.x(c.t - s)) + S(0, c.t - 1, lambda s: mp(c.W, s) @ c.b))
E(F, 'en', r'h_t = \sum_{k=1}^{t} W^{t-k}(Ux_k + b) + W^t h_0', True, 'terms reordered',
  lambda c: S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)) + mp(c.W, c.t) @ c.h0)
E(F, 'en', 'h_t=W^t*h_0+sum_{k=1}^{t}W^(t-k)*(U*x_k+b)', True, 'ASCII, explicit *',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'fr', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k}\left(U x_k + b\right)  (par récurrence)', True, 'key form, words after',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'fr', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} (U x_k) + \sum_{k=1}^{t} W^{t-k} b', True, 'split sums',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k))) + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.b))
E(F, 'fr', r'W^t h_0 + \sum_{k=1}^{t} W^{t-k} (b + U x_k)', True, 'b and Ux_k swapped inside the bracket',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.b + c.U @ c.x(k))))
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} (W^{t-k} U x_k + W^{t-k} b)', True, 'distributed inside the sum',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k) + mp(c.W, c.t - k) @ c.b))
E(F, 'fr', r'h_t = W^{t} h_{0} + \sum_{k=1}^{t} W^{t-k} U x_{k} + \left(\sum_{k=0}^{t-1} W^{k}\right) b', True, 'bias as (sum of powers) b',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + S(0, c.t - 1, lambda k: mp(c.W, k)) @ c.b)
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + \sum_{k=1}^{t} W^{k-1} b', True, 'bias sum with reversed exponent k-1 (same set of powers)',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + S(1, c.t, lambda k: mp(c.W, k - 1) @ c.b))
E(F, 'en', 'W^t h_0 + Σ_{k=1}^t W^{t-k}·U·x_k + Σ_{k=1}^t W^{t-k}·b', True, 'middle-dot products',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.b))
E(F, 'fr', r'h_t = W^t h_0 + \sum_{l=1}^{t} W^{t-l} U x_l + \sum_{l=1}^{t} W^{t-l} b  (le biais est propagé comme les entrées)', True, 'index l, words after',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda l: mp(c.W, c.t - l) @ c.U @ c.x(l)) + S(1, c.t, lambda l: mp(c.W, c.t - l) @ c.b))
# mistakes
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k+1}(U x_k + b)', False, 'key mistake: off by one, W^{t-k+1}',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k + 1) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k-1}(U x_k + b)', False, 'key mistake: off by one, W^{t-k-1}',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k - 1) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + t b', False, 'key mistake: b added t times, not propagated by W',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + c.t * c.b)
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + W^t b', False, 'key mistake: W^t b only',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + mp(c.W, c.t) @ c.b)
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + b', False, 'subtle: the sum body is the product only, so b is added once (no brackets)',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + c.b)
E(F, 'en', r'h_t = h_0 W^t + \sum_{k=1}^{t} W^{t-k}(U x_k + b)', False, 'wrong order of the product: h_0 W^t is (W^T)^t h_0',
  lambda c: c.h0 @ mp(c.W, c.t) + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} U W^{t-k} x_k + \sum_{k=1}^{t} W^{t-k} b', False, 'key mistake: commutes U and W (U W^{t-k} x_k is not even well-shaped)',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: c.U @ mp(c.W, c.t - k) @ c.x(k)) + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.b))
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t-1} W^{t-k}(U x_k + b)', False, 'off by one in the sum range: the k = t term (U x_t + b) is missing',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t - 1, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', r'h_t = W^{t-1} h_0 + \sum_{k=1}^{t} W^{t-k}(U x_k + b)', False, 'W^{t-1} h_0 instead of W^t h_0',
  lambda c: mp(c.W, c.t - 1) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ (c.U @ c.x(k) + c.b)))
E(F, 'fr', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{k}(U x_k + b)', False, 'exponent W^k instead of W^{t-k} (recent inputs weighted most)',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, k) @ (c.U @ c.x(k) + c.b)))
E(F, 'en', 'h_t = W h_{t-1} + U x_t + b', False, 'key mistake: only the recursion, not a function of h_0', None)
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k + (I-W)^{-1}(I-W^{t+1}) b', False, 'off by one in the geometric series',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + inv(c.I - c.W) @ (c.I - mp(c.W, c.t + 1)) @ c.b)
E(F, 'en', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{k-1}(U x_k + b)', False, 'subtle: W^{k-1} pairs x_1 with W^0, inputs weighted in reverse order',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, k - 1) @ (c.U @ c.x(k) + c.b)))
E(F, 'fr', r'h_t = W^t \left(h_0 + \sum_{k=1}^{t} (U x_k + b)\right)', False, 'all inputs multiplied by W^t',
  lambda c: mp(c.W, c.t) @ (c.h0 + S(1, c.t, lambda k: c.U @ c.x(k) + c.b)))
E(F, 'fr', r'h_t = W^t h_0 + \sum_{k=1}^{t} W^{t-k} U x_k', False, 'bias forgotten',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)))
E(F, 'en', 'h_t = W^t h_0 + sum_{k=1}^t W^{t-k} U x_k + (I-W)^{-1} b', False, 'bias as the t->infinity limit, not the finite sum',
  lambda c: mp(c.W, c.t) @ c.h0 + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U @ c.x(k)) + inv(c.I - c.W) @ c.b)

# ----------------------------------------------------------------------------------------------
# Q2(b)  J = W^t
# ----------------------------------------------------------------------------------------------
F = 'q2.b'
E(F, 'en', 'J = W^t', True, 'key answer', lambda c: mp(c.W, c.t))
E(F, 'en', 'W^t', True, 'key answer', lambda c: mp(c.W, c.t))
E(F, 'en', r'\frac{\partial h_t}{\partial h_0} = W^t', True, 'LaTeX left side', lambda c: mp(c.W, c.t))
E(F, 'en', '∂h_t/∂h_0 = Wᵗ', True, 'unicode', lambda c: mp(c.W, c.t))
E(F, 'en', r'J = \prod_{s=1}^{t} W', True, 'key accepts the product of t one-step Jacobians',
  lambda c: np.linalg.multi_dot([c.I] + [c.W] * c.t))
E(F, 'en', 'J = W^{t}', True, 'braces', lambda c: mp(c.W, c.t))
E(F, 'en', 'dh_t/dh_0 = W**t', True, 'ASCII power', lambda c: mp(c.W, c.t))
E(F, 'en', r'\frac{\partial h_t}{\partial h_{t-1}}\cdots\frac{\partial h_1}{\partial h_0} = W \cdot W \cdots W = W^t', True, 'chain rule chain ending in W^t', lambda c: mp(c.W, c.t))
E(F, 'en', r'J = \mathbf{W}^t', True, 'mathbf', lambda c: mp(c.W, c.t))
E(F, 'en', 'J = W^t (numerator layout, rows = components of h_t)', True, 'W^t with words', lambda c: mp(c.W, c.t))
E(F, 'fr', 'J = W^t (U et b disparaissent)', True, 'W^t, words after', lambda c: mp(c.W, c.t))
E(F, 'en', 'prod_{k=1}^{t} W = W^t', True, 'product = power', lambda c: mp(c.W, c.t))
E(F, 'fr', r'\left(W\right)^{t}', True, 'W^t with \\left( \\right)', lambda c: mp(c.W, c.t))
E(F, 'fr', 'J = W^t, indépendant de x et de b', True, 'W^t, words after', lambda c: mp(c.W, c.t))
E(F, 'en', r'\frac{\partial \mathbf{h}_t}{\partial \mathbf{h}_0} = \mathbf{W}^{t}', True, 'mathbf both sides', lambda c: mp(c.W, c.t))
E(F, 'en', 'J = W W ... W (t times) = W^t', True, 'words, ends in W^t', lambda c: mp(c.W, c.t))
E(F, 'fr', 'J = ∏_{s=1}^{t} ∂h_s/∂h_{s-1} = Wᵗ', True, 'chain rule product, unicode', lambda c: mp(c.W, c.t))
E(F, 'en', 'J = W', False, 'key mistake: one step only', lambda c: c.W)
E(F, 'en', 'J = t W', False, 'key mistake: t·W', lambda c: c.t * c.W)
E(F, 'en', 'J = W^{t-1}', False, 'key mistake: off by one', lambda c: mp(c.W, c.t - 1))
E(F, 'en', '(W^T)^t', False, 'gradient layout without stating the convention (key: accept only with explicit convention)', lambda c: mp(c.W.T, c.t))
E(F, 'en', 'J = W^t U', False, 'U does not enter the Jacobian w.r.t. h_0 (and shape is wrong)', lambda c: mp(c.W, c.t) @ c.U)
E(F, 'fr', 'J = W^{t+1}', False, 'off by one', lambda c: mp(c.W, c.t + 1))
E(F, 'en', r'J = \prod_{s=1}^{t-1} W', False, 'off by one in the product range',
  lambda c: np.linalg.multi_dot([c.I, c.I] + [c.W] * (c.t - 1)))
E(F, 'en', 'J = t W^{t-1}', False, 'scalar power-rule habit', lambda c: c.t * mp(c.W, c.t - 1))
E(F, 'fr', 'J = W^t + sum_{k=1}^t W^{t-k} U', False, 'input terms do not depend on h_0',
  lambda c: mp(c.W, c.t) + S(1, c.t, lambda k: mp(c.W, c.t - k) @ c.U))

# ----------------------------------------------------------------------------------------------
# Q2(c)  vanishes iff rho(W) < 1 ; explodes iff rho(W) > 1  (fn = predicate on W)
# ----------------------------------------------------------------------------------------------
F = 'q2.c.vanishes_if'
E(F, 'en', 'rho(W) < 1', True, 'key: spectral radius < 1', lambda W: rho(W) < 1)
E(F, 'en', 'ρ(W) < 1', True, 'unicode rho', lambda W: rho(W) < 1)
E(F, 'en', 'spectral radius of W < 1', True, 'in words', lambda W: rho(W) < 1)
E(F, 'en', r'\max_i |\lambda_i(W)| < 1', True, 'max modulus of eigenvalues', lambda W: rho(W) < 1)
E(F, 'en', 'max(abs(eig(W))) < 1', True, 'contract spectral form', lambda W: rho(W) < 1)
E(F, 'en', '|lambda_max(W)| < 1', True, 'contract alias of spectral radius', lambda W: rho(W) < 1)
E(F, 'en', 'all eigenvalues of W have |λ| < 1', True, 'words, with modulus', lambda W: bool(np.all(mods(W) < 1)))
E(F, 'fr', 'toutes les valeurs propres de W sont de module < 1', True, 'words FR, modulus', lambda W: bool(np.all(mods(W) < 1)))
E(F, 'fr', 'rayon spectral de W inférieur à 1', True, 'words FR', lambda W: rho(W) < 1)
E(F, 'en', 'spectral_radius(W) < 1', True, 'contract function', lambda W: rho(W) < 1)
E(F, 'en', r'\rho(W) < 1', True, 'LaTeX rho', lambda W: rho(W) < 1)
E(F, 'en', '|λ_i| < 1 for all i', True, 'all eigenvalue moduli < 1', lambda W: bool(np.all(mods(W) < 1)))
E(F, 'en', 'rho(W) < 1 (vanishing gradients, h_t forgets h_0)', True, 'condition + words', lambda W: rho(W) < 1)
E(F, 'en', 'ρ(W) < 1, i.e. W^t → 0', True, 'condition + consequence', lambda W: rho(W) < 1)
E(F, 'en', '1 > rho(W)', True, 'reversed comparison', lambda W: 1 > rho(W))
E(F, 'fr', 'max |valeur propre de W| < 1', True, 'FR words', lambda W: rho(W) < 1)
E(F, 'en', '||W||_2 < 1', False, 'sufficient only (non-normal W with rho<1 can have ||W||_2>1), not the exact condition', lambda W: smax(W) < 1)
E(F, 'en', 'sigma_max(W) < 1', False, 'sufficient only, not the exact condition', lambda W: smax(W) < 1)
E(F, 'en', 'rho(W) < 0.9', False, 'sufficient only, not the exact condition', lambda W: rho(W) < 0.9)
E(F, 'en', 'all eigenvalues of W < 1', False, 'key mistake: no absolute value (lambda = -2 explodes)', lambda W: bool(np.all(np.real(np.linalg.eigvals(W)) < 1)))
E(F, 'fr', 'rho(W) <= 1', False, 'rho = 1 does not vanish (orthogonal W)', lambda W: rho(W) <= 1)
E(F, 'en', '|W_ij| < 1 for all i, j', False, 'key mistake: condition on entries, not eigenvalues', lambda W: bool(np.all(np.abs(W) < 1)))
E(F, 'fr', 'det(W) < 1', False, 'determinant is not the condition', lambda W: np.linalg.det(W) < 1)
E(F, 'en', 'rho(W) > 1', False, 'swapped with the explosion condition', lambda W: rho(W) > 1)
E(F, 'en', '||W||_F < 1', False, 'sufficient only, not the exact condition', lambda W: np.linalg.norm(W, 'fro') < 1)

F = 'q2.c.explodes_if'
E(F, 'en', 'rho(W) > 1', True, 'key: spectral radius > 1', lambda W: rho(W) > 1)
E(F, 'en', 'ρ(W) > 1', True, 'unicode', lambda W: rho(W) > 1)
E(F, 'en', 'spectral radius of W > 1', True, 'words', lambda W: rho(W) > 1)
E(F, 'en', 'max(abs(eig(W))) > 1', True, 'contract form', lambda W: rho(W) > 1)
E(F, 'en', 'some eigenvalue of W has |λ| > 1', True, 'words, modulus', lambda W: bool(np.any(mods(W) > 1)))
E(F, 'fr', 'il existe une valeur propre de W de module > 1', True, 'FR words, modulus', lambda W: bool(np.any(mods(W) > 1)))
E(F, 'fr', 'rayon spectral de W > 1', True, 'FR words', lambda W: rho(W) > 1)
E(F, 'en', r'\rho(W) > 1', True, 'LaTeX', lambda W: rho(W) > 1)
E(F, 'en', r'|\lambda_{max}(W)| > 1', True, 'contract alias', lambda W: rho(W) > 1)
E(F, 'en', 'max_i |λ_i| > 1 (exploding gradients)', True, 'condition + words', lambda W: rho(W) > 1)
E(F, 'en', 'spectral_radius(W) > 1', True, 'contract function', lambda W: rho(W) > 1)
E(F, 'fr', 'ρ(W) > 1 : gradients explosifs', True, 'condition + words FR', lambda W: rho(W) > 1)
E(F, 'en', '1 < rho(W)', True, 'reversed comparison', lambda W: 1 < rho(W))
E(F, 'en', '||W||_2 > 1', False, 'key mistake: sigma_max > 1 is necessary but not sufficient (non-normal example)', lambda W: smax(W) > 1)
E(F, 'en', 'sigma_max(W) > 1', False, 'not sufficient for explosion', lambda W: smax(W) > 1)
E(F, 'fr', 'rho(W) >= 1', False, 'rho = 1 (e.g. orthogonal W) does not explode', lambda W: rho(W) >= 1)
E(F, 'en', 'largest eigenvalue of W > 1', False, 'key mistake: no absolute value (lambda = -2 missed)', lambda W: float(np.max(np.real(np.linalg.eigvals(W)))) > 1)
E(F, 'en', 'entries of W > 1', False, 'key mistake: entries, not eigenvalues', lambda W: bool(np.any(W > 1)))
E(F, 'fr', 'det(W) > 1', False, 'determinant is not the condition', lambda W: np.linalg.det(W) > 1)
E(F, 'en', '||W||_F > 1', False, 'norm condition, not sufficient', lambda W: np.linalg.norm(W, 'fro') > 1)
E(F, 'en', 'rho(W) < 1', False, 'swapped with the vanishing condition', lambda W: rho(W) < 1)

# ----------------------------------------------------------------------------------------------
# Q5  h(x) = W x: Jacobian W, penalty lambda ||W||_F^2 ; ReLU: diag(1[Wx+b>0]) W
# ----------------------------------------------------------------------------------------------
F = 'q5.a.jacobian'
E(F, 'en', 'W', True, 'dh/dx = W (numerator layout)', lambda c: c.W)
E(F, 'en', r'\nabla_x h = W', True, 'key answer', lambda c: c.W)
E(F, 'en', r'\frac{\partial h}{\partial x} = W', True, 'LaTeX left side', lambda c: c.W)
E(F, 'en', 'J = W (J_ij = W_ij, independent of x)', True, 'W with words', lambda c: c.W)
E(F, 'en', 'dh/dx = W', True, 'ASCII', lambda c: c.W)
E(F, 'en', r'J_h(x) = \mathbf{W}', True, 'mathbf', lambda c: c.W)
E(F, 'fr', 'W (indépendante de x)', True, 'W with words', lambda c: c.W)
E(F, 'fr', '∂h/∂x = W', True, 'unicode', lambda c: c.W)
E(F, 'fr', r'\nabla_x h(x) = W^T (convention gradient ; même norme de Frobenius)', True, 'key accepts W^T in the other layout, convention stated', lambda c: c.W.T, 'T')
E(F, 'en', r'\frac{\partial (Wx)}{\partial x} = W', True, 'W', lambda c: c.W)
E(F, 'en', 'x', False, 'key mistake: differentiated w.r.t. W, not x', lambda c: c.x)
E(F, 'en', 'Wx', False, 'key mistake: that is h itself', lambda c: c.W @ c.x)
E(F, 'en', 'W^T W', False, 'Jacobian of the reconstruction, not of h', lambda c: c.W.T @ c.W)
E(F, 'fr', 'x^T', False, 'derivative w.r.t. W', lambda c: c.x.T)
E(F, 'en', '2W', False, 'spurious factor 2', lambda c: 2 * c.W)

F = 'q5.a.penalty'
E(F, 'en', 'lambda ||W||_F^2', True, 'key: lambda ||W||_F^2', lambda c: c.lam * np.linalg.norm(c.W, 'fro') ** 2)
E(F, 'en', r'\lambda \|W\|_F^2', True, 'LaTeX', lambda c: c.lam * np.linalg.norm(c.W, 'fro') ** 2)
E(F, 'en', 'λ Σ_ij W_ij²', True, 'unicode sum of squares', lambda c: c.lam * S(0, c.H - 1, lambda i: S(0, c.D - 1, lambda j: c.W[i, j] ** 2)))
E(F, 'en', r'\lambda \sum_{i,j} W_{ij}^2', True, 'sum of squares', lambda c: c.lam * S(0, c.H - 1, lambda i: S(0, c.D - 1, lambda j: c.W[i, j] ** 2)))
E(F, 'en', 'lambda * trace(W^T W)', True, 'trace form', lambda c: c.lam * np.trace(c.W.T @ c.W))
E(F, 'en', r'\lambda\,\mathrm{tr}(W W^\top)', True, 'trace form, reordered product (same trace)', lambda c: c.lam * np.trace(c.W @ c.W.T))
E(F, 'fr', 'λ‖W‖_F²', True, 'unicode', lambda c: c.lam * np.linalg.norm(c.W, 'fro') ** 2)
E(F, 'fr', r'\lambda \sum_{i}\sum_{j} W_{ij}^{2}', True, 'double sum', lambda c: c.lam * S(0, c.H - 1, lambda i: S(0, c.D - 1, lambda j: c.W[i, j] ** 2)))
E(F, 'en', 'lambda sum_{j,i} W_ij^2', True, 'sum indices listed in other order', lambda c: c.lam * S(0, c.D - 1, lambda j: S(0, c.H - 1, lambda i: c.W[i, j] ** 2)))
E(F, 'en', 'λ ‖∇_x h(x)‖_F² = λ ‖W‖_F² = λ Σ_{i,j} W_ij²', True, 'chain of equalities', lambda c: c.lam * np.linalg.norm(c.W, 'fro') ** 2)
E(F, 'en', 'lambda*norm(W, F)^2', True, 'contract norm() form', lambda c: c.lam * np.linalg.norm(c.W, 'fro') ** 2)
E(F, 'en', r'\lambda \lVert W \rVert_F^2  (= weight decay)', True, 'lVert, words', lambda c: c.lam * np.linalg.norm(c.W, 'fro') ** 2)
E(F, 'fr', 'λ tr(WᵀW) (indépendant de x)', True, 'trace, unicode transpose', lambda c: c.lam * np.trace(c.W.T @ c.W))
E(F, 'en', r'\lambda \|W^T\|_F^2', True, 'Frobenius norm of the transpose (same)', lambda c: c.lam * np.linalg.norm(c.W.T, 'fro') ** 2)
E(F, 'en', r'\lambda \sum_{i,j} |W_{ij}|', False, 'key mistake: L1, not squared Frobenius', lambda c: c.lam * np.sum(np.abs(c.W)))
E(F, 'en', 'lambda ||W||_F', False, 'not squared', lambda c: c.lam * np.linalg.norm(c.W, 'fro'))
E(F, 'en', 'lambda ||W x||^2', False, 'key mistake: penalty made to depend on x', lambda c: c.lam * np.linalg.norm(c.W @ c.x) ** 2)
E(F, 'fr', r'\lambda \|x\|^2', False, 'Jacobian mistaken for x', lambda c: c.lam * np.linalg.norm(c.x) ** 2)
E(F, 'en', '2 lambda W', False, 'that is the gradient of the penalty, not the penalty', lambda c: 2 * c.lam * c.W)
E(F, 'en', 'λ Σ_ij W_ij', False, 'squares missing', lambda c: c.lam * np.sum(c.W))
E(F, 'en', r'\lambda \|W\|_2^2', False, 'subtle: spectral norm squared, not Frobenius', lambda c: c.lam * smax(c.W) ** 2)
E(F, 'fr', 'lambda ||W^T W||_F^2', False, 'norm of W^T W, not of W', lambda c: c.lam * np.linalg.norm(c.W.T @ c.W, 'fro') ** 2)

F = 'q5.b.jacobian'
E(F, 'en', 'diag(1[Wx+b>0]) W', True, 'key answer', lambda c: np.diag((c.W @ c.x + c.b > 0) * 1.0) @ c.W)
E(F, 'en', r'\mathrm{diag}(\mathbb{1}[Wx+b>0])\,W', True, 'LaTeX', lambda c: np.diag((c.W @ c.x + c.b > 0) * 1.0) @ c.W)
E(F, 'en', 'diag(heaviside(W x + b)) W', True, 'heaviside form', lambda c: np.diag(np.heaviside(c.W @ c.x + c.b, 0)) @ c.W)
E(F, 'en', 'diag(step(Wx+b)) W', True, 'step form', lambda c: np.diag((c.W @ c.x + c.b > 0) * 1.0) @ c.W)
E(F, 'en', "J = diag(relu'(Wx + b)) W", True, "relu' = indicator, mask on rows", lambda c: np.diag((c.W @ c.x + c.b > 0) * 1.0) @ c.W)
E(F, 'en', r'J_{ij} = \mathbb{1}[w_i^T x + b_i > 0] W_{ij}', True, 'index form, row i masked',
  lambda c: np.array([[float(c.W[i] @ c.x + c.b[i] > 0) * c.W[i, j] for j in range(c.D)] for i in range(c.H)]))
E(F, 'en', r'\operatorname{diag}\left(\mathbb{1}[W x + b > 0]\right) W', True, 'operatorname, left/right', lambda c: np.diag((c.W @ c.x + c.b > 0) * 1.0) @ c.W)
E(F, 'fr', 'diag(1[b + Wx > 0]) · W', True, 'sum reordered, middle dot', lambda c: np.diag((c.b + c.W @ c.x > 0) * 1.0) @ c.W)
E(F, 'fr', r'\frac{\partial h}{\partial x} = \mathrm{diag}(\mathbb{1}[Wx+b>0]) W  (seules les unités actives)', True, 'key answer, words after', lambda c: np.diag((c.W @ c.x + c.b > 0) * 1.0) @ c.W)
E(F, 'en', 'diag(step(Wx+b)) \\cdot W', True, 'cdot', lambda c: np.diag((c.W @ c.x + c.b > 0) * 1.0) @ c.W)
E(F, 'en', 'W diag(1[Wx+b>0])', False, 'key mistake: mask on the wrong side (columns)', lambda c: c.W @ np.diag((c.W @ c.x + c.b > 0) * 1.0))
E(F, 'en', 'W', False, 'key mistake: ReLU derivative taken as 1 everywhere', lambda c: c.W)
E(F, 'en', 'diag(relu(Wx+b)) W', False, 'relu instead of its derivative', lambda c: np.diag(np.maximum(c.W @ c.x + c.b, 0)) @ c.W)
E(F, 'fr', 'diag(sigmoid(Wx+b)) W', False, 'sigmoid-style derivative for a ReLU', lambda c: np.diag(sig(c.W @ c.x + c.b)) @ c.W)
E(F, 'en', '1[Wx+b>0]', False, 'mask vector only, not the Jacobian', lambda c: (c.W @ c.x + c.b > 0) * 1.0)
E(F, 'en', 'diag(1[Wx>0]) W', False, 'bias forgotten inside the indicator', lambda c: np.diag((c.W @ c.x > 0) * 1.0) @ c.W)
E(F, 'fr', 'diag(1[Wx+b<0]) W', False, 'indicator flipped', lambda c: np.diag((c.W @ c.x + c.b < 0) * 1.0) @ c.W)

# ----------------------------------------------------------------------------------------------
# Q6(b) verdict: yes, it can (not guaranteed)   (checked by hand against the key)
# ----------------------------------------------------------------------------------------------
F = 'q6.b.verdict'
E(F, 'en', 'yes', True, 'key: yes, it can')
E(F, 'en', 'Yes, it can (not guaranteed)', True, 'key wording')
E(F, 'fr', 'oui', True, 'yes')
E(F, 'fr', "Oui, c'est possible", True, 'yes, it can')
E(F, 'en', 'yes - richer non-factorized posterior family (smaller approximation gap)', True, 'yes with the approximation-gap reason')
E(F, 'en', 'Yes (if the amortization gap is small)', True, 'yes with the key condition')
E(F, 'fr', 'OUI', True, 'yes, upper case')
E(F, 'en', 'yes it could', True, 'yes')
E(F, 'fr', "oui, mais pas garanti (écart d'amortissement)", True, 'yes, not guaranteed')
E(F, 'en', 'True', True, 'true = yes')
E(F, 'en', 'not necessarily: it wins only if its amortization gap is smaller than the mean-field approximation gap', True, 'key debatable point 6: "not necessarily" argued with the two gaps is accepted')
E(F, 'en', 'no', False, 'key: a flat no is wrong')
E(F, 'fr', 'non', False, 'flat no')
E(F, 'en', 'No, mean-field optimises each example exactly so it is always better', False, 'key mistake: optimal only within the factorized family')
E(F, 'en', 'nope', False, 'flat no')
E(F, 'fr', "Non : le mean-field est optimal pour chaque exemple", False, 'key mistake: optimal only within its family')
E(F, 'en', 'false', False, 'false = no')
E(F, 'en', 'Yes, IAF is always better', False, 'key mistake: overclaims, amortization gap means it is not guaranteed')
E(F, 'fr', 'non, pas forcément', False, 'bare "no, not necessarily": key accepts it only when argued with the amortization/approximation gaps')
E(F, 'fr', "non, pas forcément : seulement si l'écart d'amortissement est plus petit que l'écart d'approximation du mean-field", True, 'key debatable point 6: "not necessarily" argued with the two gaps is accepted')

# ----------------------------------------------------------------------------------------------
# Q7(b)  grad_w L = E[x~] - E[x] + 2 lambda (||w|| - 1) w/||w||
# ----------------------------------------------------------------------------------------------
F = 'q7.b'
Eg = lambda A: A.mean(axis=0)
E(F, 'en', 'E[x_tilde] - E[x] + 2 lambda (||w||_2 - 1) w / ||w||_2', True, 'key answer, ASCII',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', r'\mathbb{E}_{\tilde{x}\sim P_g}[\tilde{x}] - \mathbb{E}_{x\sim P_r}[x] + 2\lambda(\|w\|_2 - 1)\frac{w}{\|w\|_2}', True, 'key answer, LaTeX',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', '∇_w L = E[x̃] − E[x] + 2λ(‖w‖ − 1) w/‖w‖', True, 'unicode',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', 'E[x_tilde] - E[x] + 2 lambda (1 - 1/||w||) w', True, 'key equivalent 2 lambda (1 - 1/||w||) w',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (1 - 1 / nrm(c.w)) * c.w)
E(F, 'en', 'E[x̃ − x] + 2λ(‖w‖−1)ŵ   (ŵ = w/‖w‖)', True, 'key equivalent with unit vector w-hat, difference inside E',
  lambda c: Eg(c.Xt - c.X) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', 'mean(x_tilde) - mean(x) + 2*lambda*(norm(w)-1)*w/norm(w)', True, 'mean()/norm() forms',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', r'\nabla_w L = \mathbb{E}[\tilde{x}] - \mathbb{E}[x] + 2\lambda\left(1-\frac{1}{\|w\|}\right)w', True, 'LaTeX, (1 - 1/||w||) form',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (1 - 1 / nrm(c.w)) * c.w)
E(F, 'en', '-E[x] + E[x_tilde] + 2 lambda (||w|| - 1) w/||w||', True, 'terms reordered',
  lambda c: -Eg(c.X) + Eg(c.Xt) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', '2λ(‖w‖₂ − 1) w/‖w‖₂ + E_{x̃∼P_g}[x̃] − E_{x∼P_r}[x]', True, 'penalty first, unicode ∼',
  lambda c: 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w) + Eg(c.Xt) - Eg(c.X))
E(F, 'en', r'\frac{1}{m}\sum_{i=1}^{m}(\tilde{x}_i - x_i) + 2\lambda(\|w\| - 1)\frac{w}{\|w\|}', True, 'key minibatch form',
  lambda c: (1 / c.m) * S(0, c.m - 1, lambda i: c.Xt[i] - c.X[i]) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', 'E[x_g] - E[x] + 2 lambda (||w|| - 1) w / ||w||', True, 'x_g alias for generated samples',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'fr', r'\nabla_w L = E_{P_g}[\tilde x] - E_{P_r}[x] + 2\lambda (\lVert w \rVert - 1) \frac{w}{\lVert w \rVert}', True, 'lVert, \\tilde x without braces',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', 'E[x_tilde] - E[x] + 2 lambda (w - w/||w||)', True, '2 lambda (w - w/||w||) = 2 lambda (1 - 1/||w||) w',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (c.w - c.w / nrm(c.w)))
E(F, 'en', '∇_w L = E[x̃] − E[x] + 2λ w (‖w‖ − 1)/‖w‖', True, 'scalar factors reordered',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * c.w * (nrm(c.w) - 1) / nrm(c.w))
E(F, 'en', r'E[\tilde{x}] - E[x] + \frac{2\lambda(\|w\|-1)}{\|w\|} w', True, 'fraction then w',
  lambda c: Eg(c.Xt) - Eg(c.X) + (2 * c.lam * (nrm(c.w) - 1) / nrm(c.w)) * c.w)
E(F, 'fr', 'E[x_tilde] - E[x] + 2λ(||w|| - 1) w/||w||  (b disparaît, grad_x̂ D = w)', True, 'key answer, words after',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', '∇_w L = ∇_w[wᵀ(E[x̃] − E[x]) + λ(‖w‖−1)²] = E[x̃] − E[x] + 2λ(‖w‖−1)w/‖w‖', True, 'chain of equalities ending in the key form',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', r'\mathbb{E}[\tilde{x}] - \mathbb{E}[x] + 2\lambda\,\mathbb{E}_{\hat{x}}\left[(\|w\|_2 - 1)\frac{w}{\|w\|_2}\right]', True, 'expectation over x-hat kept around a constant',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * Eg(np.array([(nrm(c.w) - 1) * c.w / nrm(c.w) for _ in c.Xh])))
E(F, 'fr', r'\frac{1}{m}\sum_{j=1}^{m}\tilde{x}_j - \frac{1}{m}\sum_{j=1}^{m}x_j + 2\lambda\frac{\|w\|-1}{\|w\|}w', True, 'minibatch means, index j',
  lambda c: (1 / c.m) * S(0, c.m - 1, lambda j: c.Xt[j]) - (1 / c.m) * S(0, c.m - 1, lambda j: c.X[j]) + 2 * c.lam * (nrm(c.w) - 1) / nrm(c.w) * c.w)
E(F, 'en', 'E[x_tilde] - E[x]', False, 'key mistake: penalty term dropped (it depends on w)',
  lambda c: Eg(c.Xt) - Eg(c.X))
E(F, 'en', 'E[x_tilde] - E[x] + 2 lambda (||w|| - 1) w', False, 'key mistake: missing 1/||w|| (chain rule)',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1) * c.w)
E(F, 'en', 'E[x] - E[x_tilde] + 2 lambda (||w|| - 1) w/||w||', False, 'key mistake: means swapped (sign error)',
  lambda c: Eg(c.X) - Eg(c.Xt) + 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', 'E[x_tilde] - E[x] + 2 lambda (||w|| - 1)', False, 'key mistake: penalty gradient written as a scalar',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1))
E(F, 'fr', 'E[x_tilde] - E[x] + lambda (||w|| - 1) w/||w||', False, 'missing factor 2',
  lambda c: Eg(c.Xt) - Eg(c.X) + c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', 'E[x_tilde] - E[x] + 4 lambda (||w||^2 - 1) w', False, 'key mistake: gradient of (||w||^2 - 1)^2',
  lambda c: Eg(c.Xt) - Eg(c.X) + 4 * c.lam * (nrm(c.w) ** 2 - 1) * c.w)
E(F, 'en', 'E[x_tilde] - E[x] - 2 lambda (||w|| - 1) w/||w||', False, 'sign error on the penalty',
  lambda c: Eg(c.Xt) - Eg(c.X) - 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', 'E[x_tilde] - E[x] + 2 lambda (1 - ||w||) w/||w||', False, 'sign error inside the penalty factor',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (1 - nrm(c.w)) * c.w / nrm(c.w))
E(F, 'fr', 'E[x] - E[x_tilde] - 2 lambda (||w|| - 1) w/||w||', False, 'whole gradient negated with no ascent/maximisation stated',
  lambda c: Eg(c.X) - Eg(c.Xt) - 2 * c.lam * (nrm(c.w) - 1) * c.w / nrm(c.w))
E(F, 'en', 'E[x_tilde] - E[x] + 2 lambda (||w|| - 1) E[x_hat] / ||w||', False, 'key mistake: differentiated through x-hat as if the penalty depended on it',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) - 1) * Eg(c.Xh) / nrm(c.w))
E(F, 'en', 'E[x_tilde] - E[x] + 2 lambda (||w||^2 - 1) w/||w||', False, 'norm squared inside the factor',
  lambda c: Eg(c.Xt) - Eg(c.X) + 2 * c.lam * (nrm(c.w) ** 2 - 1) * c.w / nrm(c.w))

# ----------------------------------------------------------------------------------------------
# Q8(a)  P(x_i=1|y,z) = sigma(-sum_jk W_ijk y_j z_k), etc.  (fn returns the vector over the free index)
# ----------------------------------------------------------------------------------------------
ax = lambda c: np.einsum('ijk,j,k->i', c.W, c.y, c.z)   # a_i
ay = lambda c: np.einsum('ijk,i,k->j', c.W, c.x, c.z)   # a_j
az = lambda c: np.einsum('ijk,i,j->k', c.W, c.x, c.y)   # a_k

F = 'q8.a.x_given_yz'
E(F, 'en', 'sigma(-sum_{j,k} W_{ijk} y_j z_k)', True, 'key answer', lambda c: sig(-ax(c)))
E(F, 'en', 'σ(−Σ_{j,k} W_ijk y_j z_k)', True, 'unicode', lambda c: sig(-ax(c)))
E(F, 'en', r'\sigma\left(-\sum_{j}\sum_{k} W_{ijk} y_j z_k\right)', True, 'LaTeX double sum', lambda c: sig(-ax(c)))
E(F, 'en', '1/(1+exp(sum_{j,k} W_ijk y_j z_k))', True, 'sigma(-a) = 1/(1+e^a)', lambda c: 1 / (1 + np.exp(ax(c))))
E(F, 'en', r'\frac{1}{1+\exp\left(\sum_{j,k} W_{ijk} y_j z_k\right)}', True, 'LaTeX fraction', lambda c: 1 / (1 + np.exp(ax(c))))
E(F, 'en', '1 - sigmoid(sum_{j,k} W_{ijk} y_j z_k)', True, 'key accepts 1 - sigma(a)', lambda c: 1 - sig(ax(c)))
E(F, 'en', r'P(x_i = 1 | y, z) = \sigma(-\sum_{m,n} W_{imn} y_m z_n)', True, 'bound indices renamed m,n',
  lambda c: sig(-np.einsum('imn,m,n->i', c.W, c.y, c.z)))
E(F, 'en', r'\frac{e^{-\sum_{j,k} W_{ijk} y_j z_k}}{1 + e^{-\sum_{j,k} W_{ijk} y_j z_k}}', True, 'key accepts e^{-a}/(1+e^{-a})',
  lambda c: np.exp(-ax(c)) / (1 + np.exp(-ax(c))))
E(F, 'en', 'sigmoid(-sum_k sum_j W[i,j,k] z_k y_j)', True, 'sums and factors reordered, bracket indexing', lambda c: sig(-ax(c)))
E(F, 'fr', 'exp(-Σ_jk W_ijk y_j z_k) / (1 + exp(-Σ_jk W_ijk y_j z_k))', True, 'e^{-a}/(1+e^{-a})', lambda c: np.exp(-ax(c)) / (1 + np.exp(-ax(c))))
E(F, 'fr', 'σ(−Σ_{j,k} W_{ijk} y_j z_k)  (signe moins car E = +ΣWxyz)', True, 'key answer, words after', lambda c: sig(-ax(c)))
E(F, 'fr', '1/(1+e^{Σ_j Σ_k W_{ijk} y_j z_k})', True, '1/(1+e^a)', lambda c: 1 / (1 + np.exp(ax(c))))
E(F, 'en', 'sigma(-sum_{k,j} y_j W_{i,j,k} z_k)', True, 'comma subscripts, factors reordered', lambda c: sig(-ax(c)))
E(F, 'en', 'sigma(sum_{j,k} W_{ijk} y_j z_k)', False, 'key mistake: missing minus sign (RBM habit)', lambda c: sig(ax(c)))
E(F, 'en', '1/(1+exp(-sum_{j,k} W_ijk y_j z_k))', False, 'this is sigma(+a): sign error', lambda c: 1 / (1 + np.exp(-ax(c))))
E(F, 'en', 'exp(-sum_{j,k} W_ijk y_j z_k)', False, 'unnormalized, not a probability', lambda c: np.exp(-ax(c)))
E(F, 'fr', 'sigma(-sum_{j,k} W_{ijk} y_j)', False, 'z_k missing', lambda c: sig(-np.einsum('ijk,j->i', c.W, c.y)))
E(F, 'en', '1 - sigma(-sum_{j,k} W_{ijk} y_j z_k)', False, 'equals sigma(+a): sign error', lambda c: 1 - sig(-ax(c)))
E(F, 'en', 'σ(−Σ_{i,j,k} W_ijk x_i y_j z_k)', False, 'whole energy summed over i too: not P(x_i = 1 | y, z)',
  lambda c: sig(-np.einsum('ijk,i,j,k->', c.W, c.x, c.y, c.z)) * np.ones(c.N))

F = 'q8.a.y_given_xz'
E(F, 'en', 'sigma(-sum_{i,k} W_{ijk} x_i z_k)', True, 'key answer', lambda c: sig(-ay(c)))
E(F, 'en', 'σ(−Σ_{i,k} W_ijk x_i z_k)', True, 'unicode', lambda c: sig(-ay(c)))
E(F, 'en', r'\sigma\left(-\sum_{i}\sum_{k} W_{ijk}\, x_i z_k\right)', True, 'LaTeX', lambda c: sig(-ay(c)))
E(F, 'en', '1/(1+exp(sum_{i,k} W_ijk x_i z_k))', True, '1/(1+e^a)', lambda c: 1 / (1 + np.exp(ay(c))))
E(F, 'en', '1 - sigmoid(sum_{i,k} W_{ijk} x_i z_k)', True, '1 - sigma(a)', lambda c: 1 - sig(ay(c)))
E(F, 'en', r'P(y_j=1|x,z) = \sigma(-\sum_{a,c} W_{ajc} x_a z_c)', True, 'indices renamed a,c',
  lambda c: sig(-np.einsum('ajc,a,c->j', c.W, c.x, c.z)))
E(F, 'fr', r'\frac{1}{1+e^{\sum_{i,k} W_{ijk} x_i z_k}}', True, 'LaTeX fraction', lambda c: 1 / (1 + np.exp(ay(c))))
E(F, 'fr', 'sigmoid(-sum_k sum_i z_k x_i W[i,j,k])', True, 'reordered', lambda c: sig(-ay(c)))
E(F, 'fr', 'exp(-Σ_{i,k} W_{ijk} x_i z_k)/(1+exp(-Σ_{i,k} W_{ijk} x_i z_k))', True, 'e^{-a}/(1+e^{-a})', lambda c: np.exp(-ay(c)) / (1 + np.exp(-ay(c))))
E(F, 'en', 'σ(−Σ_i Σ_k W_{i,j,k} x_i z_k)', True, 'unicode double sum', lambda c: sig(-ay(c)))
E(F, 'en', r'\sigma(-\textstyle\sum_{ik} W_{ijk} x_i z_k)', True, 'indices run together ik', lambda c: sig(-ay(c)))
E(F, 'en', 'sigma(sum_{i,k} W_{ijk} x_i z_k)', False, 'key mistake: missing minus sign', lambda c: sig(ay(c)))
E(F, 'en', '1/(1+exp(-sum_{i,k} W_ijk x_i z_k))', False, 'sigma(+a): sign error', lambda c: 1 / (1 + np.exp(-ay(c))))
E(F, 'fr', 'sigma(-sum_{i,k} W_{ijk} x_i)', False, 'z_k missing', lambda c: sig(-np.einsum('ijk,i->j', c.W, c.x)))
E(F, 'en', 'sigma(-sum_{i,k} W_{ijk} x_i y_j z_k)', False, 'y_j kept inside its own conditional (it is what is sampled)',
  lambda c: sig(-ay(c) * c.y))
E(F, 'en', 'sigma(-sum_{j,k} W_{ijk} x_i z_k)', False, 'summed over the wrong index j (free index must be j)', None)
E(F, 'en', 'exp(-sum_{i,k} W_ijk x_i z_k)', False, 'unnormalized', lambda c: np.exp(-ay(c)))

F = 'q8.a.z_given_xy'
E(F, 'en', 'sigma(-sum_{i,j} W_{ijk} x_i y_j)', True, 'key answer', lambda c: sig(-az(c)))
E(F, 'en', 'σ(−Σ_{i,j} W_ijk x_i y_j)', True, 'unicode', lambda c: sig(-az(c)))
E(F, 'en', r'\sigma\left(-\sum_{i,j} W_{ijk} x_i y_j\right)', True, 'LaTeX', lambda c: sig(-az(c)))
E(F, 'en', '1/(1+exp(sum_{i,j} W_ijk x_i y_j))', True, '1/(1+e^a)', lambda c: 1 / (1 + np.exp(az(c))))
E(F, 'en', '1 - sigmoid(sum_{i,j} W_{ijk} x_i y_j)', True, '1 - sigma(a)', lambda c: 1 - sig(az(c)))
E(F, 'en', r'P(z_k = 1 \mid x, y) = \sigma\Big(-\sum_{p}\sum_{q} W_{pqk} x_p y_q\Big)', True, 'indices renamed p,q, \\mid',
  lambda c: sig(-np.einsum('pqk,p,q->k', c.W, c.x, c.y)))
E(F, 'fr', r'\frac{\exp(-\sum_{i,j}W_{ijk}x_iy_j)}{1+\exp(-\sum_{i,j}W_{ijk}x_iy_j)}', True, 'e^{-a}/(1+e^{-a}), no spaces', lambda c: np.exp(-az(c)) / (1 + np.exp(-az(c))))
E(F, 'fr', 'sigmoid(-sum_j sum_i y_j x_i W[i,j,k])', True, 'reordered', lambda c: sig(-az(c)))
E(F, 'fr', 'σ(−Σ_{i,j} W_{ijk} x_i y_j)  (même forme que pour x et y)', True, 'key answer, words after', lambda c: sig(-az(c)))
E(F, 'en', '1/(1 + e^{Σ_{i,j} W_{i,j,k} x_i y_j})', True, '1/(1+e^a), unicode', lambda c: 1 / (1 + np.exp(az(c))))
E(F, 'en', 'sigmoid(-sum_{j,i} W_ijk y_j x_i)', True, 'indices listed in other order', lambda c: sig(-az(c)))
E(F, 'en', 'sigma(sum_{i,j} W_{ijk} x_i y_j)', False, 'key mistake: missing minus sign', lambda c: sig(az(c)))
E(F, 'en', '1/(1+exp(-sum_{i,j} W_ijk x_i y_j))', False, 'sigma(+a): sign error', lambda c: 1 / (1 + np.exp(-az(c))))
E(F, 'fr', 'sigma(-sum_{i,j} W_{ijk} y_j)', False, 'x_i missing', lambda c: sig(-np.einsum('ijk,j->k', c.W, c.y)))
E(F, 'en', '1 - sigma(-sum_{i,j} W_{ijk} x_i y_j)', False, 'equals sigma(+a): sign error', lambda c: 1 - sig(-az(c)))
E(F, 'en', 'exp(-sum_{i,j} W_ijk x_i y_j)', False, 'unnormalized', lambda c: np.exp(-az(c)))
E(F, 'fr', 'sigma(-sum_{i,j} W_{ijk} x_i y_j) * sigma(-sum_{i,k} W_{ijk} x_i z_k)', False, 'joint-factorized habit, extra factor (and index clash)', None)

# ----------------------------------------------------------------------------------------------
# Q8(b) linear? -> no ;  Q8(c) CD-like possible? -> yes   (checked by hand against the key)
# ----------------------------------------------------------------------------------------------
F = 'q8.b.linear'
E(F, 'en', 'no', True, 'key: not linear')
E(F, 'fr', 'non', True, 'not linear')
E(F, 'en', 'No: exponential in min(M,K)', True, 'key reason')
E(F, 'fr', 'Non, 2^{min(M,K)} termes', True, 'key reason')
E(F, 'en', 'no - one layer can be summed analytically, the other needs 2^min(M,K) terms', True, 'key reason')
E(F, 'en', 'nope', True, 'no')
E(F, 'en', 'False', True, 'false = no')
E(F, 'fr', "non, pas linéaire (c'est la fonction de partition d'une RBM entre y et z)", True, 'key reason')
E(F, 'en', 'No, unlike the RBM', True, 'no')
E(F, 'en', 'NO', True, 'no, upper case')
E(F, 'en', 'No, exponential (2^(M+K) terms naively)', True, 'verdict right; M+K is only an upper bound (key: partial explanation, non-linearity concluded)')
E(F, 'en', 'yes', False, 'key mistake: it is not linear')
E(F, 'fr', 'oui', False, 'not linear')
E(F, 'en', 'Yes, like an RBM: sum of softplus terms', False, 'key mistake: summing z leaves a product depending on y')
E(F, 'fr', 'oui, comme pour une RBM', False, 'key mistake')
E(F, 'en', 'yes, linear in M+K', False, 'wrong')
E(F, 'en', 'true', False, 'true = yes, wrong')

F = 'q8.c.possible'
E(F, 'en', 'yes', True, 'key: yes, with modifications')
E(F, 'en', 'Yes (with sampling)', True, 'yes with sampled positive phase')
E(F, 'fr', 'oui', True, 'yes')
E(F, 'fr', 'Oui, avec une phase positive échantillonnée (Gibbs avec x fixé)', True, 'key reason')
E(F, 'en', 'yes, PCD with a clamped Gibbs chain for the positive phase', True, 'key accepts PCD + non-factorial positive phase')
E(F, 'en', 'yes, with mean-field for the positive phase', True, 'key reason')
E(F, 'fr', 'oui mais moins efficace que pour une RBM', True, 'key wording')
E(F, 'en', 'Yes, but P(y,z|x) is not factorial so the positive phase needs sampling', True, 'key crux')
E(F, 'en', 'true', True, 'true = yes')
E(F, 'en', 'yep', True, 'yes')
E(F, 'fr', 'Oui (CD-k avec Gibbs à 3 blocs)', True, 'yes')
E(F, 'en', 'no', False, 'key: possible')
E(F, 'fr', 'non', False, 'wrong verdict')
E(F, 'en', 'No, the positive phase is intractable', False, 'key: half right only; it can be approximated efficiently')
E(F, 'fr', 'Non, pas de Gibbs possible', False, 'key mistake: contradicts (a)')
E(F, 'en', 'Yes, exactly as in an RBM with E[y_j z_k|x] = E[y_j|x]E[z_k|x] = σ(..)σ(..)', False, 'key mistake: y and z are dependent given x')
E(F, 'en', 'nope', False, 'wrong verdict')
