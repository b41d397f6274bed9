"""``cablefacts_rel``: the trainable relation component.

In: a ``Doc`` (a paragraph) with entities. Out: ``doc._.relations``, a list of ``Relation`` records
(head and child indices into ``doc.ents``, type, score), for each candidate pair whose score for a type
reaches ``threshold``. Candidates are the pairs of entities at most ``max_distance`` tokens
apart whose labels some relation type of the schema admits; only those types are scored.

Training reads gold relations from ``doc.user_data["relations"]`` of the reference docs (character
offsets, as ``cablefacts annotations convert`` writes them).
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import Config, Model, Optimizer, set_dropout_rate

from ..schema import RELATIONS, allowed, candidate_types
from ..scoring import prf
from .extensions import RELATIONS_KEY, Relation  # registers doc._.relations too
from .relation_model import Pair, to_numpy

TYPES = list(RELATIONS)
INIT_BATCH = 20  # examples per try when the model reads its input width in initialize
Candidates = list[list[tuple[int, int]]]  # entity index pairs per doc


DEFAULT_MODEL = Config().from_str("""
[model]
@architectures = "cablefacts.RelationModel.v1"
nO = null

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 64
depth = 2
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
""")["model"]


@registry.scorers("cablefacts.relation_scorer.v1")
def make_relation_scorer() -> Callable[..., dict]:
    """Relation P/R/F1 per type and micro (``score_relations``)."""
    return score_relations


@registry.misc("cablefacts.entity_pairs.v1")
def make_candidates() -> Callable[[Doc, int], list[tuple[int, int]]]:
    """The candidate generator: pairs of entities a relation type admits, at most ``max_distance`` tokens apart."""
    return candidates


@Language.factory("cablefacts_rel", default_config={
    "model": DEFAULT_MODEL, "threshold": 0.5, "max_distance": 60,
    "get_candidates": {"@misc": "cablefacts.entity_pairs.v1"},
    "scorer": {"@scorers": "cablefacts.relation_scorer.v1"}},
    default_score_weights={"rel_micro_f": 1.0, "rel_micro_p": 0.0, "rel_micro_r": 0.0},
    requires=["doc.ents"], assigns=["doc._.relations"])
def make_relation_extractor(nlp: Language, name: str, model: Model, threshold: float, max_distance: int,
                            get_candidates: Callable[[Doc, int], list[tuple[int, int]]],
                            scorer: Callable[..., dict]) -> RelationExtractor:
    return RelationExtractor(nlp.vocab, model, name, threshold=threshold, max_distance=max_distance,
                             get_candidates=get_candidates, scorer=scorer)


def candidates(doc: Doc, max_distance: int) -> list[tuple[int, int]]:
    """Pairs of entity indices that some relation type admits, within ``max_distance`` tokens."""
    ents = doc.ents
    return [(i, j) for i, a in enumerate(ents) for j, b in enumerate(ents)
            if i != j and abs(a.start - b.start) <= max_distance and candidate_types(a.label_, b.label_)]


def _pairs(doc: Doc, cands: list[tuple[int, int]]) -> list[Pair]:
    ents = doc.ents
    return [((ents[i].start, ents[i].end), (ents[j].start, ents[j].end)) for i, j in cands]


def gold_keys(doc: Doc) -> set[tuple[int, int, int, int, str]]:
    return {tuple(r) for r in doc.user_data.get(RELATIONS_KEY, [])}


class RelationExtractor(TrainablePipe):
    def __init__(self, vocab: Vocab, model: Model, name: str = "cablefacts_rel", *, threshold: float = 0.5,
                 max_distance: int = 60, get_candidates: Callable[[Doc, int], list[tuple[int, int]]] | None = None,
                 scorer: Callable[..., dict] | None = None) -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self.get_candidates = get_candidates or candidates
        self.scorer = scorer or score_relations
        self.cfg: dict[str, Any] = {"threshold": threshold, "max_distance": max_distance, "labels": []}

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels"])

    def predict(self, docs: Iterable[Doc]) -> tuple[Candidates, numpy.ndarray]:
        docs = list(docs)
        cands = [self.get_candidates(d, self.cfg["max_distance"]) for d in docs]
        if not any(cands):
            return cands, numpy.zeros((0, len(self.labels)), dtype="f")
        scores = self.model.predict((docs, [_pairs(d, c) for d, c in zip(docs, cands, strict=True)]))
        return cands, to_numpy(scores)

    def set_annotations(self, docs: Iterable[Doc], predictions: tuple[Candidates, numpy.ndarray]) -> None:
        cands, scores = predictions
        row = 0
        threshold = self.cfg["threshold"]
        for doc, doc_cands in zip(docs, cands, strict=True):
            labels = [e.label_ for e in doc.ents]
            rels = []
            for i, j in doc_cands:
                for k in numpy.flatnonzero(scores[row] >= threshold):
                    t = self.labels[k]
                    if allowed(t, labels[i], labels[j]):
                        rels.append(Relation(i, j, t, float(scores[row, k])))
                row += 1
            doc._.relations = rels

    def _training_batch(self, examples: Iterable[Example]
                        ) -> tuple[list[Doc], list[list[Pair]], list[list[float]], list[list[float]]]:
        """Predicted docs with the reference's entities, their candidate pairs and the truth."""
        docs: list[Doc] = []
        pairs: list[list[Pair]] = []
        truth: list[list[float]] = []
        masks: list[list[float]] = []
        skipped = 0
        for eg in examples:
            pred, ref = eg.predicted, eg.reference
            if len(pred) != len(ref):  # tokenisations differ: cannot carry spans over
                skipped += 1
                continue
            pred.ents = [Span(pred, e.start, e.end, label=e.label_) for e in ref.ents]
            cands = self.get_candidates(pred, self.cfg["max_distance"])
            gold = gold_keys(ref)
            ents = pred.ents
            for i, j in cands:
                a, b = ents[i], ents[j]
                key = (a.start_char, a.end_char, b.start_char, b.end_char)
                truth.append([1.0 if (*key, t) in gold else 0.0 for t in self.labels])
                masks.append([1.0 if allowed(t, a.label_, b.label_) else 0.0 for t in self.labels])
            docs.append(pred)
            pairs.append(_pairs(pred, cands))
        if skipped:
            warnings.warn(f"{self.name}: {skipped} example(s) skipped, their predicted and reference "
                          "tokenisations differ", stacklevel=2)
        return docs, pairs, truth, masks

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd: Optimizer | None = None,
               losses: dict | None = None) -> dict:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        docs, pairs, truth, masks = self._training_batch(examples)
        if not len(truth):
            return losses
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update((docs, pairs))
        loss, d_scores = self._loss(scores, truth, masks)
        backprop(d_scores)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], scores: Any) -> tuple[float, Any]:
        """Squared error of the scores against the gold relations, over the types each pair admits."""
        _, _, truth, masks = self._training_batch(examples)
        return self._loss(scores, truth, masks)

    def _loss(self, scores: Any, truth: list[list[float]], masks: list[list[float]]) -> tuple[float, Any]:
        ops = self.model.ops
        d_scores = (scores - ops.asarray2f(truth)) * ops.asarray2f(masks)
        return float((to_numpy(d_scores) ** 2).sum()), d_scores

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None,
                   labels: list[str] | None = None) -> None:
        """Labels from ``labels``, else the relation types of the examples' gold, else the schema's."""
        sample = list(get_examples())
        if labels is None:
            seen = {r[4] for eg in sample for r in gold_keys(eg.reference)}
            labels = [t for t in TYPES if t in seen] or TYPES
        self.cfg["labels"] = list(labels)
        self.model.get_ref("output_layer").set_dim("nO", len(self.labels))
        # the model's input width is read from a batch with candidate pairs: the first examples may have none
        for start in range(0, len(sample), INIT_BATCH):
            docs, pairs, truth, _ = self._training_batch(sample[start : start + INIT_BATCH])
            if len(truth):
                self.model.initialize(X=(docs, pairs), Y=self.model.ops.asarray2f(truth))
                return
        raise ValueError(f"{self.name}: no example has a pair of entities that a relation type admits; "
                         "the relation component cannot be initialised")

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict:
        """The configured scorer (``cablefacts.relation_scorer.v1``: relation P/R/F1 per type and micro)."""
        return self.scorer(examples)


def score_relations(examples: Iterable[Example]) -> dict:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, predicted, gold
    for eg in examples:
        pred_doc, ref = eg.predicted, eg.reference
        ref_labels = {(e.start_char, e.end_char): e.label_ for e in ref.ents}
        gold = {(h0, h1, c0, c1, t) for h0, h1, c0, c1, t in gold_keys(ref)
                if (h0, h1) in ref_labels and (c0, c1) in ref_labels}
        ents = pred_doc.ents
        pred: set[tuple[tuple[int, int, int, int, str], bool]] = set()  # relation, both entities right
        for rel in pred_doc._.relations:
            a, b, t = ents[rel.head], ents[rel.child], rel.label
            ok = ref_labels.get((a.start_char, a.end_char)) == a.label_ and \
                ref_labels.get((b.start_char, b.end_char)) == b.label_
            pred.add(((a.start_char, a.end_char, b.start_char, b.end_char, t), ok))
        for key, ok in pred:
            counts[key[4]][1] += 1
            counts[key[4]][0] += ok and key in gold
        for key in gold:
            counts[key[4]][2] += 1
    out: dict = {"rel_per_type": {}}
    tp = n_p = n_g = 0
    for t, (a, b, c) in sorted(counts.items()):
        out["rel_per_type"][t] = _prf(a, b, c)
        tp, n_p, n_g = tp + a, n_p + b, n_g + c
    micro = _prf(tp, n_p, n_g)
    out.update({"rel_micro_p": micro["p"], "rel_micro_r": micro["r"], "rel_micro_f": micro["f"]})
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    """spaCy's per-type score keys (``p``, ``r``, ``f``)."""
    out = prf(tp, n_pred, n_gold)
    return {"p": out["precision"], "r": out["recall"], "f": out["f1"]}
