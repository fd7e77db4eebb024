"""Fitting the matcher's evidence weights on a labelled set: a logistic regression on the pair features.

The weights of `intelligence.matching.pair_features` are the coefficients of an L2-regularised logistic
regression on the candidate pairs of one generated set (labels from its clusters), fitted by Newton's method
in plain Python (the features are few and mostly 0/1, so identical pairs are counted once). The threshold
is then the score with the best F1 on that set (true pairs missed by blocking count as missed), and is
folded into the bias so that the stored weights flag a pair from a score of 0.5, the default of
`INTELLIGENCE_MATCH_THRESHOLD`. Every candidate pair is fitted, also those that a rule of `score_pair` keeps
below any threshold (a contested name alone, birth dates that contradict): they carry the evidence of the
other features (siblings, fathers and sons with other dates). Other seeds are the report (`evaluate_matching`).
"""
from __future__ import annotations

import json
import math
from collections import Counter
from datetime import date
from pathlib import Path

from .dataset import DEFAULT_NAMESAKE_RATE, Generator
from .evaluation import profiles_of_records, true_pairs
from .matching import WEIGHTS_FILE, Matcher, fitted_weights, pair_features, rule_ceiling
from .normalize import Profile

Row = tuple[tuple[tuple[str, float], ...], int]


def labelled_rows(profiles: list[Profile], labels: dict[str, str]) -> tuple[Counter[Row], int]:
    """Every candidate pair's features with its label (1: same person), counted; and the true pairs."""
    matcher = Matcher()
    matcher.extend(profiles)
    truth = true_pairs(labels)
    rows: Counter[Row] = Counter()
    for x, y in matcher.candidate_pairs():
        a, b = matcher.profiles[x], matcher.profiles[y]
        features, _levels = pair_features(a, b, **matcher.context(a, b))
        key = tuple(sorted((k, round(v, 2)) for k, v in features.items()))
        rows[(key, int(((x, y) if x < y else (y, x)) in truth))] += 1
    return rows, len(truth)


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the Hessian is small and positive definite)."""
    n = len(vector)
    m = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            if factor:
                for c in range(col, n + 1):
                    m[r][c] -= factor * m[col][c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        out[r] = (m[r][n] - sum(m[r][c] * out[c] for c in range(r + 1, n))) / m[r][r]
    return out


def fit_logistic(rows: Counter[Row], l2: float = 1.0, iterations: int = 30) -> dict[str, float]:
    """Coefficients (log-odds points) of each feature and a "bias", by Newton's method.

    The L2 penalty (not on the bias) keeps weights of rare features, seen in a few pairs only, small
    instead of letting them run off to infinity on a perfectly separated handful."""
    names = sorted({k for key, _ in rows for k, _ in key})
    index = {name: i + 1 for i, name in enumerate(names)}  # 0 is the bias
    n = len(names) + 1
    data = [([(0, 1.0)] + [(index[k], v) for k, v in key], y, c) for (key, y), c in rows.items()]
    w = [0.0] * n
    for _ in range(iterations):
        grad = [l2 * w[i] if i else 0.0 for i in range(n)]
        hess = [[0.0] * n for _ in range(n)]
        for i in range(1, n):
            hess[i][i] = l2
        hess[0][0] = 1e-6
        for x, y, c in data:
            z = sum(w[i] * v for i, v in x)
            p = 1.0 / (1.0 + math.exp(-max(min(z, 35.0), -35.0)))
            g, h = c * (p - y), c * p * (1.0 - p)
            for i, v in x:
                grad[i] += g * v
                for j, u in x:
                    hess[i][j] += h * v * u
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return {"bias": w[0], **{name: w[index[name]] for name in names}}


def best_threshold(rows: Counter[Row], weights: dict[str, float], true_total: int) -> tuple[float, float]:
    """The log-odds cut with the best F1 over the candidate pairs, and that F1 (true_total: every true pair,
    blocked or not, so blocking misses count)."""
    # pairs that a rule keeps below any threshold (`rule_ceiling`) are never flagged: they count as missed
    scored = sorted(((weights["bias"] + sum(weights[k] * v for k, v in key), y, c) for (key, y), c in rows.items()
                     if rule_ceiling(dict(key)) is None), reverse=True)
    best, cut, tp, predicted = 0.0, 0.0, 0, 0
    for i, (z, y, c) in enumerate(scored):
        tp += c * y
        predicted += c
        if i + 1 < len(scored) and scored[i + 1][0] == z:
            continue
        f1 = 2 * tp / (predicted + true_total) if predicted else 0.0
        if f1 > best:
            best = f1
            cut = (z + scored[i + 1][0]) / 2 if i + 1 < len(scored) else z
    return cut, best


def fit(seed: int = 20260521, records: int = 6000, l2: float = 1.0) -> dict:
    """Generate the set of `seed`, fit the weights and the threshold; the content of the weights file."""
    profiles, labels = profiles_of_records(Generator(seed).generate(records))
    rows, true_total = labelled_rows(profiles, labels)
    weights = fit_logistic(rows, l2)
    cut, f1 = best_threshold(rows, weights, true_total)
    weights["bias"] -= cut  # score 0.5 at the best cut
    return {
        "seed": seed, "records": records, "namesake_rate": DEFAULT_NAMESAKE_RATE, "fitted": date.today().isoformat(),
        "l2": l2,
        "method": "L2 logistic regression (Newton) on the candidate pairs of generate_matching_dataset",
        "pairs": sum(rows.values()), "true_pairs": true_total, "f1_on_fitting_set": round(f1, 4),
        "threshold_log_odds": round(cut, 4),
        "weights": {k: round(v, 4) for k, v in sorted(weights.items())},
    }


def write_weights(content: dict, path: Path = WEIGHTS_FILE) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(content, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    fitted_weights.cache_clear()
