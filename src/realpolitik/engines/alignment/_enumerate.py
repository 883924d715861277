"""Exact, vectorised enumeration of alignment landscapes (the numeric kernels).

Conventions shared by every kernel here
---------------------------------------
* ``W`` is the symmetric *interaction* matrix ``W_ij = s_i s_j p_ij`` with a zero diagonal.
* Energy counts ordered pairs: ``E(X) = sum_{i != j} W_ij d_ij(X)``.
* Two blocs: actor 0 is fixed in bloc 0 (this removes the bloc-swap symmetry). A configuration
  is the integer ``code`` whose bit ``i - 1`` is the bloc of actor ``i`` (``i >= 1``); there are
  ``2**(n-1)`` codes, the all-in-one-bloc configuration included.
* With spins ``sigma = 1 - 2 x`` and fields ``h = W sigma``: ``E = (sum W - sigma.h) / 2`` and
  switching actor ``k`` changes the energy by ``dE_k = 2 sigma_k h_k``. Switching actor 0 gives
  the configuration in which every *other* actor switched (same partition), so its code is
  ``code ^ (2**(n-1) - 1)``.
* A switch *lowers* the energy when ``dE < -tol``. Steepest descent takes the largest decrease;
  ties (within ``tol``) go to the lowest actor index (then, for k blocs, the lowest target bloc
  in the canonical labelling).

These functions are private: :mod:`realpolitik.engines.alignment.landscape` validates inputs
and wraps the results.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "ExactTwoBloc",
    "canonical_labels",
    "enumerate_global_minimum",
    "enumerate_k_blocs",
    "enumerate_two_blocs",
    "restricted_growth_strings",
    "two_bloc_minima_batch",
]

_LOW_BITS = 16  # rows per chunk = 2**_LOW_BITS


@dataclass(frozen=True)
class ExactTwoBloc:
    """Raw result of :func:`enumerate_two_blocs`."""

    codes: NDArray[np.int64]  # local minima, ascending code
    energies: NDArray[np.float64]
    basin_sizes: NDArray[np.int64]
    total: int


def _spins(codes: NDArray[np.int64], bits: int) -> NDArray[np.float64]:
    """Spin matrix (len(codes), bits): +1 for bloc 0, -1 for bloc 1."""
    b = (codes[:, None] >> np.arange(bits, dtype=np.int64)) & 1
    out: NDArray[np.float64] = 1.0 - 2.0 * b.astype(np.float64)
    return out


@dataclass(frozen=True)
class _Chunk:
    """One block of two-bloc configurations of a batch of systems (see :func:`_two_bloc_chunks`).

    ``codes`` (rows,), spins ``sigma`` (rows, n), single-switch energy changes ``delta``
    (B, rows, n) and energies ``energy`` (B, rows)."""

    codes: NDArray[np.int64]
    sigma: NDArray[np.float64]
    delta: NDArray[np.float64]
    energy: NDArray[np.float64]


def _two_bloc_chunks(W: NDArray[np.float64], low_bits: int = _LOW_BITS) -> Iterator[_Chunk]:
    """Every two-bloc configuration of each system in the batch ``W`` (B, n, n), in chunks of
    ``2**low_bits`` codes: the one enumeration both the landscape and the ensemble use.

    Fields are the sum of a precomputed part from the low actors (1..low) and a per-chunk
    constant from actor 0 and the high actors, so a chunk costs one broadcast add.
    """
    n = W.shape[-1]
    m = n - 1
    low = min(m, low_bits)
    high = m - low
    rows = 1 << low
    lo = np.arange(rows, dtype=np.int64)
    s_low = _spins(lo, low)  # actors 1..low
    h_low = s_low @ W[:, 1 : low + 1, :]  # (B, rows, n): fields from the low actors
    w_tot = W.sum(axis=(1, 2))
    sigma = np.empty((rows, n))
    sigma[:, 0] = 1.0
    sigma[:, 1 : low + 1] = s_low
    for hi in range(1 << high):
        s_high = 1.0 - 2.0 * ((hi >> np.arange(high)) & 1).astype(np.float64)
        h_const = W[:, :, 0] + W[:, :, low + 1 :] @ s_high  # (B, n)
        sigma[:, low + 1 :] = s_high
        fields = h_low + h_const[:, None, :]
        energy = (w_tot[:, None] - np.einsum("rn,brn->br", sigma, fields)) / 2.0
        codes = (np.int64(hi) << low) | lo
        yield _Chunk(codes, sigma, 2.0 * sigma[None] * fields, energy)


def enumerate_two_blocs(W: NDArray[np.float64], tol: float) -> ExactTwoBloc:
    """All local minima of the two-bloc landscape with exact basins.

    Every configuration's steepest-descent successor is computed chunk by chunk
    (:func:`_two_bloc_chunks`), then the descent of every start is followed at once by
    pointer doubling (``final = final[final]``), ``O(log path length)`` gathers over
    ``2**(n-1)`` integers.
    """
    n = W.shape[0]
    m = n - 1
    total = 1 << m
    if m == 0:
        return ExactTwoBloc(
            codes=np.zeros(1, np.int64),
            energies=np.zeros(1),
            basin_sizes=np.ones(1, np.int64),
            total=1,
        )
    flip = np.empty(n, dtype=np.int64)
    flip[0] = total - 1
    flip[1:] = np.int64(1) << np.arange(m, dtype=np.int64)
    succ = np.empty(total, dtype=np.int32 if m <= 31 else np.int64)
    min_codes: list[NDArray[np.int64]] = []
    min_energies: list[NDArray[np.float64]] = []
    for ch in _two_bloc_chunks(W[None]):
        delta = ch.delta[0]
        dmin = delta.min(axis=1)
        improving = dmin < -tol
        cand = (delta <= (dmin + tol)[:, None]) & (delta < -tol)
        k = np.argmax(cand, axis=1)
        succ[ch.codes[0] : ch.codes[-1] + 1] = np.where(improving, ch.codes ^ flip[k], ch.codes)
        keep = ~improving
        if keep.any():
            min_codes.append(ch.codes[keep])
            min_energies.append(ch.energy[0, keep])
    final = succ
    for _ in range(128):
        nxt = final[final]
        if np.array_equal(nxt, final):
            break
        final = nxt
    else:  # pragma: no cover - descent strictly lowers the energy, so it must end
        raise RuntimeError("steepest descent did not converge")
    mcodes = np.concatenate(min_codes)
    energies = np.concatenate(min_energies)
    pos = np.searchsorted(mcodes, final)
    sizes = np.bincount(pos, minlength=mcodes.size).astype(np.int64)
    return ExactTwoBloc(codes=mcodes, energies=energies, basin_sizes=sizes, total=total)


def two_bloc_minima_batch(
    W: NDArray[np.float64], tol: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.int64], NDArray[np.float64]]:
    """For each system of the batch ``W`` (B, n, n): the lowest-energy code (ties: the lowest
    code), its energy, the number of local minima (no switch below ``-tol[b]``) and the energy
    of the second-best local minimum (``inf`` if there is none)."""
    b = W.shape[0]
    best_code = np.zeros(b, dtype=np.int64)
    best = np.full(b, np.inf)
    two = np.full((b, 2), np.inf)  # the two lowest local-minimum energies so far
    n_minima = np.zeros(b, dtype=np.int64)
    ar = np.arange(b)
    # chunks of about 2**22 numbers per array whatever the batch size
    low_bits = int(np.clip(np.log2(2**22 / (b * W.shape[-1])), 1, _LOW_BITS))
    for ch in _two_bloc_chunks(W, low_bits):
        is_min = (ch.delta >= -tol[:, None, None]).all(axis=2)  # (B, rows)
        n_minima += is_min.sum(axis=1)
        e_min = np.where(is_min, ch.energy, np.inf)
        pool = np.concatenate([two, e_min], axis=1)
        two = np.sort(np.partition(pool, 1, axis=1)[:, :2], axis=1)
        j = np.argmin(ch.energy, axis=1)
        better = ch.energy[ar, j] < best  # strict: ties keep the lower code
        best_code = np.where(better, ch.codes[j], best_code)
        best = np.where(better, ch.energy[ar, j], best)
    # the global minimum is a local minimum, so it is two[:, 0]; the runner-up is two[:, 1]
    second = two[:, 1]
    return best_code, best, n_minima, second


def _split_terms(
    W: NDArray[np.float64], low: int
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """``left = [S | q_A]`` (2^low, low + 1), ``W_BA`` and ``W_BB`` of the low/high split."""
    n = W.shape[0]
    lo = np.arange(1 << low, dtype=np.int64)
    s_a = _spins(lo, low)
    w_aa = W[1 : low + 1, 1 : low + 1]
    q_a = np.einsum("ij,ij->i", s_a @ w_aa, s_a)
    left = np.hstack([s_a, q_a[:, None]])
    b_idx = np.r_[0, np.arange(low + 1, n)]
    w_ba = W[np.ix_(b_idx, np.arange(1, low + 1))]  # (|B|, low)
    w_bb = W[np.ix_(b_idx, b_idx)]
    return left, w_ba, w_bb


def _batch_right(
    hi: NDArray[np.int64], high: int, w_ba: NDArray[np.float64], w_bb: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``right = [2 (s_B W_BA)^T ; 1]`` (low + 1, b) and ``q_B`` (b,) of high codes ``hi``."""
    s_b = np.hstack([np.ones((hi.size, 1)), _spins(hi, high)])  # (b, |B|)
    right = np.vstack([2.0 * (s_b @ w_ba).T, np.ones((1, hi.size))])
    q_b = np.einsum("ij,ij->i", s_b @ w_bb, s_b)
    return right, q_b


def enumerate_global_minimum(
    W: NDArray[np.float64], *, low_bits: int = 14, batch: int = 512
) -> tuple[float, int]:
    """Global minimum of the two-bloc energy by exhaustive enumeration, as (energy, code).

    The quadratic form splits over low actors ``A`` (all ``2**|A|`` spin rows ``S``) and
    high actors ``B`` (with actor 0): ``Q = q_A + 2 s_A.(W_AB s_B) + q_B``. For a batch of
    high configurations the middle term and ``q_A`` come out of one matrix product
    ``[S | q_A] @ [F ; 1]``, so the work is a GEMM plus a column max over ``2**(n-1)`` values.
    Memory is ``O(2**low_bits * batch)``.

    The scan runs in float32 (half the memory traffic of float64) with a rigorous bound on
    its rounding error; every batch whose float32 maximum comes within twice that bound of
    the best is then re-scanned in float64, so the result is the exact float64 optimum.
    """
    n = W.shape[0]
    m = n - 1
    if m == 0:
        return 0.0, 0
    low = min(m, low_bits)
    high = m - low
    left, w_ba, w_bb = _split_terms(W, low)
    left32 = left.astype(np.float32)
    # |float32 result - exact| <= (terms + 2) * eps32 * sum |products| per entry (inputs
    # rounded once, then low + 1 multiply-adds); sum |products| <= max row L1 of left times
    # max |right| entry, and |right| <= 2 * max row L1 of |W| (or 1).
    eps = float(np.finfo(np.float32).eps)
    l1_left = float(np.abs(left).sum(axis=1).max())
    r_max = max(1.0, 2.0 * float(np.abs(W).sum(axis=1).max()))
    tol = 2.0 * (low + 3) * eps * l1_left * r_max + 1e-12
    n_high = 1 << high
    starts = list(range(0, n_high, batch))
    approx = np.empty(len(starts))
    for k, start in enumerate(starts):
        hi = np.arange(start, min(start + batch, n_high), dtype=np.int64)
        right, q_b = _batch_right(hi, high, w_ba, w_bb)
        block32 = left32 @ right.astype(np.float32)
        approx[k] = float((block32.max(axis=0) + q_b).max())
    best_q = -np.inf
    best_code = 0
    for kk in np.flatnonzero(approx >= approx.max() - 2.0 * tol).tolist():
        start = starts[kk]
        hi = np.arange(start, min(start + batch, n_high), dtype=np.int64)
        right, q_b = _batch_right(hi, high, w_ba, w_bb)
        block = left @ right
        col_max = block.max(axis=0) + q_b
        j = int(np.argmax(col_max))
        if col_max[j] > best_q:
            best_q = float(col_max[j])
            best_code = int((hi[j] << low) | int(np.argmax(block[:, j])))
    w_tot = float(W.sum())
    return (w_tot - best_q) / 2.0, best_code


# ----------------------------------------------------------------------------- k blocs


def restricted_growth_strings(n: int, k: int) -> NDArray[np.int8]:
    """All partitions of ``n`` actors into at most ``k`` blocs, as canonical label rows.

    Row ``r`` labels actor ``i`` with ``a[r, i]``; labels appear in first-use order
    (``a[r, 0] == 0`` and each new label is one more than the largest so far), so every
    partition appears exactly once. The count is ``sum_{j<=k} S(n, j)`` (Stirling numbers of
    the second kind).
    """
    rows = np.zeros((1, 1), dtype=np.int8)
    top = np.zeros(1, dtype=np.int8)
    for _ in range(1, n):
        parts_rows = []
        parts_top = []
        for label in range(k):
            ok = top + 1 >= label
            if not ok.any():
                continue
            r = rows[ok]
            parts_rows.append(np.hstack([r, np.full((r.shape[0], 1), label, np.int8)]))
            parts_top.append(np.maximum(top[ok], label).astype(np.int8))
        rows = np.vstack(parts_rows)
        top = np.concatenate(parts_top)
    return rows


def canonical_labels(a: NDArray[np.integer], k: int) -> NDArray[np.int8]:
    """Relabel each row of ``a`` so labels appear in first-use order."""
    a = np.asarray(a)
    r, n = a.shape
    mapping = np.full((r, k), -1, dtype=np.int16)
    counter = np.zeros(r, dtype=np.int16)
    out = np.empty((r, n), dtype=np.int8)
    ar = np.arange(r)
    for j in range(n):
        lab = a[:, j].astype(np.int64)
        cur = mapping[ar, lab]
        new = cur < 0
        mapping[ar[new], lab[new]] = counter[new]
        counter[new] += 1
        out[:, j] = mapping[ar, lab]
    return out


def _encode(a: NDArray[np.integer], k: int) -> NDArray[np.int64]:
    powers = np.int64(k) ** np.arange(a.shape[1], dtype=np.int64)
    out: NDArray[np.int64] = a.astype(np.int64) @ powers
    return out


def k_bloc_moves(
    W: NDArray[np.float64], a: NDArray[np.integer], k: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Energies ``(R,)`` and move deltas ``(R, n, k)`` for label rows ``a`` (R, n).

    ``delta[r, i, b]`` is the energy change when actor ``i`` moves to bloc ``b`` (0 for its own
    bloc): ``2 (M[i, a_i] - M[i, b])`` with ``M[i, b] = sum_j W_ij [a_j == b]``.
    """
    onehot = (a[:, :, None] == np.arange(k)[None, None, :]).astype(np.float64)  # (R, n, k)
    M = np.matmul(W, onehot)  # (R, n, k): BLAS, several times faster than einsum here
    own = np.take_along_axis(M, a[:, :, None].astype(np.int64), axis=2)  # (R, n, 1)
    delta = 2.0 * (own - M)
    energy = (W.sum(axis=1)[None, :] - own[:, :, 0]).sum(axis=1)
    return energy, delta


def steepest_moves(
    delta: NDArray[np.float64], tol: float
) -> tuple[NDArray[np.bool_], NDArray[np.int64], NDArray[np.int64]]:
    """Per row: whether some move lowers E, and the chosen (actor, bloc) of steepest descent."""
    r, n, k = delta.shape
    flat = delta.reshape(r, n * k)
    dmin = flat.min(axis=1)
    improving = dmin < -tol
    cand = (flat <= (dmin + tol)[:, None]) & (flat < -tol)
    pick = np.argmax(cand, axis=1)
    return improving, pick // k, pick % k


def enumerate_k_blocs(
    W: NDArray[np.float64], k: int, tol: float, *, chunk: int = 1 << 15
) -> tuple[NDArray[np.int8], NDArray[np.float64], NDArray[np.int64], NDArray[np.int64], int]:
    """All local minima of the k-bloc landscape, with exact basins.

    Returns ``(labels of minima, energies, basin sizes, indices of minima, total)``.
    """
    n = W.shape[0]
    rgs = restricted_growth_strings(n, k)
    total = rgs.shape[0]
    codes = _encode(rgs, k)
    order = np.argsort(codes)
    sorted_codes = codes[order]
    succ = np.empty(total, dtype=np.int64)
    energies = np.empty(total)
    for s in range(0, total, chunk):
        a = rgs[s : s + chunk]
        e, delta = k_bloc_moves(W, a, k)
        energies[s : s + chunk] = e
        improving, actor, bloc = steepest_moves(delta, tol)
        idx = np.arange(s, s + a.shape[0], dtype=np.int64)
        nxt = a.copy()
        rr = np.flatnonzero(improving)
        nxt[rr, actor[rr]] = bloc[rr]
        c = _encode(canonical_labels(nxt, k), k)
        j = order[np.searchsorted(sorted_codes, c)]
        succ[s : s + a.shape[0]] = np.where(improving, j, idx)
    final = succ
    for _ in range(128):
        nxt_f = final[final]
        if np.array_equal(nxt_f, final):
            break
        final = nxt_f
    minima = np.flatnonzero(succ == np.arange(total))
    pos = np.searchsorted(minima, final)
    sizes = np.bincount(pos, minlength=minima.size).astype(np.int64)
    return rgs[minima], energies[minima], sizes, minima, total
