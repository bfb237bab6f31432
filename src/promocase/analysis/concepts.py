"""Expand text into competency concepts using the vocabulary (pure Python, cached)."""

from __future__ import annotations

from functools import lru_cache

from promocase.analysis.text import stem, stems
from promocase.analysis.vocabulary import CONCEPTS

# How much a broader concept counts when a narrower one is found (per step up).
ANCESTOR_DECAY = 0.5
MAX_DEPTH = 2


class Vocabulary:
    """Triggers (stemmed phrases) → concepts, and each concept's broader concepts."""

    def __init__(self, source: str = CONCEPTS) -> None:
        self.parents: dict[str, tuple[str, ...]] = {}
        # first stem → list of (phrase stems, concept)
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for raw in source.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            head, _, body = line.partition(":")
            name, _, parents = head.partition(">")
            concept = name.strip()
            self.parents[concept] = tuple(p.strip() for p in parents.split(",") if p.strip())
            triggers = [t.strip() for t in body.split(",")]
            triggers.append(concept.replace("-", " "))
            for trigger in triggers:
                self._add(trigger, concept)
        for parent_list in list(self.parents.values()):
            for parent in parent_list:
                self.parents.setdefault(parent, ())
                self._add(parent.replace("-", " "), parent)
        self._closure: dict[str, tuple[tuple[str, float], ...]] = {}

    def _add(self, trigger: str, concept: str) -> None:
        key = tuple(stems(trigger))
        if not key or (len(key) == 1 and len(key[0]) < 2):
            return
        bucket = self.phrases.setdefault(key[0], [])
        if (key, concept) not in bucket:
            bucket.append((key, concept))

    def expand(self, concept: str) -> tuple[tuple[str, float], ...]:
        """The concept and its broader concepts, with the weight each one gets."""
        cached = self._closure.get(concept)
        if cached is not None:
            return cached
        weights: dict[str, float] = {concept: 1.0}
        frontier = [concept]
        weight = 1.0
        for _ in range(MAX_DEPTH):
            weight *= ANCESTOR_DECAY
            nxt = []
            for c in frontier:
                for parent in self.parents.get(c, ()):
                    if weights.get(parent, 0.0) < weight:
                        weights[parent] = weight
                        nxt.append(parent)
            frontier = nxt
        result = tuple(weights.items())
        self._closure[concept] = result
        return result

    def direct(self, tokens: list[str]) -> list[str]:
        """Concepts whose trigger phrases occur in the stem sequence (with repeats)."""
        found = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            for phrase, concept in self.phrases.get(tok, ()):
                k = len(phrase)
                if k == 1 or (i + k <= n and tuple(tokens[i : i + k]) == phrase):
                    found.append(concept)
        return found

    def concepts(self, text: str) -> dict[str, float]:
        """Concept → weight for one text: 1 for a direct hit, less for broader concepts."""
        out: dict[str, float] = {}
        for concept in self.direct(stems(text)):
            for name, weight in self.expand(concept):
                if out.get(name, 0.0) < weight:
                    out[name] = weight
        return out


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The built-in vocabulary, parsed once per process."""
    return Vocabulary()


def concept_count() -> tuple[int, int]:
    """How many concepts and trigger phrases the vocabulary holds."""
    vocab = vocabulary()
    return len(vocab.parents), sum(len(v) for v in vocab.phrases.values())


__all__ = ["Vocabulary", "concept_count", "stem", "vocabulary"]
