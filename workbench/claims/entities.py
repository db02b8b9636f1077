"""spaCy entity labels the claim rules share."""

# Entities that measure or date something: never a person, a group or a title.
NUMERIC_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
