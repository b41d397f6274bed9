"""The Doc extension the relation components share: ``doc._.relations``, a list of
``(head_index, child_index, type, score)`` over ``doc.ents``; registered once, on import."""

from spacy.tokens import Doc

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=[])

# where a gold Doc (``annotations.docbin``) keeps its relations: ``doc.user_data[RELATIONS_KEY]``
RELATIONS_KEY = "relations"
