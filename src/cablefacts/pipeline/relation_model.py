"""Thinc model of the relation component: a pair of entity spans -> one score per relation type.

In: ``(docs, pairs)`` where ``pairs[k]`` lists ``((head_start, head_end), (child_start, child_end))``
token spans of ``docs[k]``. Out: an array with one row per pair and one column per relation type.
Each pair is represented by the mean token vectors of its head, of its child and of the tokens
between them (the context that says how they relate), plus one-hot features of the two entity labels,
the gap between them and their order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Linear, Logistic, Model, chain
from thinc.types import Floats1d, Floats2d

Pair = tuple[tuple[int, int], tuple[int, int]]
PairInput = tuple[list[Doc], list[list[Pair]]]  # docs, and the candidate pairs of each


@registry.architectures("cablefacts.RelationModel.v1")
def build_relation_model(tok2vec: Model[list[Doc], list[Floats2d]], nO: int | None = None
                         ) -> Model[PairInput, Floats2d]:
    pairs = pair_features(tok2vec)
    output: Model[Floats2d, Floats2d] = chain(Linear(nO=nO), Logistic())
    model: Model[PairInput, Floats2d] = chain(pairs, output)
    model.set_ref("output_layer", output.layers[0])
    return model


def pair_features(tok2vec: Model) -> Model:
    return Model("pair_features", _pair_forward, layers=[tok2vec], refs={"tok2vec": tok2vec}, dims={"nO": None},
                 init=_pair_init)


def _spans(pair: Pair) -> list[tuple[int, int]]:
    (hs, he), (cs, ce) = pair
    lo, hi = (he, cs) if he <= cs else (ce, hs)
    return [(hs, he), (cs, ce), (lo, hi)]


LABELS = ("ARTICLE", "LAW", "PENALTY", "VICTIM_COUNT", "CASE_COUNT", "MONEY", "GPE", "NORP", "DATE", "TIER")
DISTANCES = (1, 3, 6, 12, 25, 50)  # token gaps, bucketed
N_EXTRA = 2 * len(LABELS) + len(DISTANCES) + 2


def _extra(doc: Doc, pair: Pair) -> Floats1d:
    """One-hot features of a pair: head and child labels, the gap between them, and their order."""
    (hs, he), (cs, ce) = pair
    labels = {(e.start, e.end): e.label_ for e in doc.ents}
    out = numpy.zeros(N_EXTRA, dtype="f")
    for k, span in enumerate(((hs, he), (cs, ce))):
        label = labels.get(span)
        if label in LABELS:
            out[k * len(LABELS) + LABELS.index(label)] = 1.0
    gap = max(cs - he, hs - ce, 0)
    out[2 * len(LABELS) + sum(gap > d for d in DISTANCES[:-1])] = 1.0
    out[-2 if hs < cs else -1] = 1.0
    return cast(Floats1d, out)  # thinc's name for a one-dimensional float array


def _pair_init(model: Model, X: PairInput | None = None, Y: Floats2d | None = None) -> None:
    tok2vec = model.get_ref("tok2vec")
    if X is not None:
        tok2vec.initialize(X=X[0])
    else:
        tok2vec.initialize()
    model.set_dim("nO", tok2vec.get_dim("nO") * 3 + N_EXTRA)


def _pair_forward(model: Model, inputs: PairInput, is_train: bool) -> tuple[Floats2d, Callable]:
    docs, pairs = inputs
    tok2vec = model.get_ref("tok2vec")
    tokvecs, backprop_tok2vec = tok2vec(docs, is_train)
    ops = model.ops
    width = tok2vec.get_dim("nO")
    rows = []
    for doc, vecs, doc_pairs in zip(docs, tokvecs, pairs, strict=True):
        for pair in doc_pairs:
            parts = [vecs[s:e].mean(axis=0) if e > s else ops.alloc1f(width) for s, e in _spans(pair)]
            rows.append(ops.xp.concatenate([*parts, ops.asarray1f(_extra(doc, pair))]))
    output = ops.xp.vstack(rows) if rows else ops.alloc2f(0, width * 3 + N_EXTRA)

    def backprop(d_output: Floats2d) -> list:
        d_tokvecs = [ops.alloc2f(*v.shape) for v in tokvecs]
        row = 0
        for d_vecs, doc_pairs in zip(d_tokvecs, pairs, strict=True):
            for pair in doc_pairs:
                for k, (s, e) in enumerate(_spans(pair)):
                    if e > s:
                        d_vecs[s:e] += d_output[row, k * width : (k + 1) * width] / (e - s)
                row += 1
        return backprop_tok2vec(d_tokvecs)

    return output, backprop


def to_numpy(array: Any) -> numpy.ndarray:
    """A numpy or cupy array as numpy (cupy's come back from the GPU)."""
    return array.get() if hasattr(array, "get") else numpy.asarray(array)
