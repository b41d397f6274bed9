"""Precision, recall and F1 from counts: the one formula every evaluation of the project uses (facts,
relations, agreement between two readings)."""

from __future__ import annotations


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    """``precision``, ``recall``, ``f1`` (0 where undefined) with the counts they come from."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp,
            "predicted": n_pred, "gold": n_gold}
