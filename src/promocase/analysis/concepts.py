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
        self.phrases: dict[str, list[tuple[tuple[str, ...], str, float]]] = {}
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
        # Broader concepts without a line of their own only group others; their names
        # ("organisation", "results") are too common to count as triggers.
        for parent_list in list(self.parents.values()):
            for parent in parent_list:
                self.parents.setdefault(parent, ())
        self._closure: dict[str, tuple[tuple[str, float], ...]] = {}

    def _add(self, trigger: str, concept: str) -> None:
        # "word*0.5" marks an ambiguous trigger that counts half.
        weight = 1.0
        if "*" in trigger:
            trigger, _, raw_weight = trigger.rpartition("*")
            weight = float(raw_weight)
        key = tuple(stems(trigger))
        if not key or (len(key) == 1 and len(key[0]) < 2):
            return
        bucket = self.phrases.setdefault(key[0], [])
        if all(k != key or c != concept for k, c, _ in bucket):
            bucket.append((key, concept, weight))

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

    def within(self, ancestor: str) -> frozenset[str]:
        """The concepts that are `ancestor` or expand to it ("kubernetes" is within
        "technical")."""
        return frozenset(c for c in self.parents if any(a == ancestor for a, _ in self.expand(c)))

    def full_triggers(self) -> dict[str, list[str]]:
        """Each concept's triggers that count fully (not the ambiguous "word*0.5" ones), as
        stemmed text, in the order the vocabulary lists them."""
        found: dict[str, list[str]] = {}
        for bucket in self.phrases.values():
            for phrase, concept, weight in bucket:
                if weight >= 1:
                    found.setdefault(concept, []).append(" ".join(phrase))
        return found

    def matches(self, tokens: list[str]) -> list[tuple[int, int, str, float]]:
        """(start, end, concept, weight) for each trigger phrase in the stem sequence.

        A phrase inside a longer matched phrase does not count on its own: in "new hire"
        the word "hire" is not recruiting.
        """
        found: list[tuple[int, int, str, float]] = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            for phrase, concept, weight in self.phrases.get(tok, ()):
                k = len(phrase)
                if k == 1 or (i + k <= n and tuple(tokens[i : i + k]) == phrase):
                    found.append((i, i + k, concept, weight))
        if not found:
            return found
        spans = {(s, e) for s, e, _, _ in found if e - s > 1}
        if not spans:
            return found
        return [
            m
            for m in found
            if not any(a <= m[0] and m[1] <= b and (b - a) > (m[1] - m[0]) for a, b in spans)
        ]

    def direct(self, tokens: list[str]) -> list[str]:
        """Concepts whose trigger phrases occur in the stem sequence (with repeats)."""
        return [m[2] for m in self.matches(tokens)]

    def concepts(self, text: str, *, lead_boost: float = 1.0) -> dict[str, float]:
        """Concept → weight for one text: 1 for a direct hit, less for broader concepts.

        A second trigger of the same concept adds half its weight (up to 2). With
        `lead_boost` > 1, concepts named by the opening words (the action in a log line
        such as "Mentored …" or "Explained …") count that much more, unless the trigger is
        an ambiguous one ("wrote*0.5"): then what the line is about decides.
        """
        return self.concepts_of(self.matches(stems(text)), lead_boost=lead_boost)

    def concepts_of(
        self, matches: list[tuple[int, int, str, float]], *, lead_boost: float = 1.0
    ) -> dict[str, float]:
        """`concepts` from matches already found by `matches` (saves matching twice)."""
        best: dict[str, float] = {}
        extra: dict[str, float] = {}
        for start, _end, concept, trigger_weight in matches:
            boost = trigger_weight * (lead_boost if start == 0 and trigger_weight >= 1 else 1.0)
            for name, weight in self.expand(concept):
                weight *= boost
                old = best.get(name, 0.0)
                if weight > old:
                    best[name] = weight
                    extra[name] = extra.get(name, 0.0) + 0.5 * old
                else:
                    extra[name] = extra.get(name, 0.0) + 0.5 * weight
        return {name: min(2.0, w + extra.get(name, 0.0)) for name, w in best.items()}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The built-in vocabulary, parsed once per process."""
    return Vocabulary()


def concept_count() -> tuple[int, int]:
    """How many concepts and trigger phrases the vocabulary holds."""
    vocab = vocabulary()
    return len(vocab.parents), sum(len(v) for v in vocab.phrases.values())


__all__ = ["Vocabulary", "concept_count", "stem", "vocabulary"]
