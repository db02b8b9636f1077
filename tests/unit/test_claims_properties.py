"""Properties every extraction must keep, whatever the text: spans point at real source words."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.claims import extract_claims
from workbench.domain import ClaimKind

FRAGMENTS = [
    "The mayor said the city spent $4 million on roads in 2021.",
    '"We closed three schools," said Ana Ruiz, the education chief.',
    "He added that the U.S. and the U.N. had agreed on Nov. 5.",
    "Is this true?",
    "I think it will rain.",
    "The plan \u2014 announced on Monday \u2014 failed, according to officials.",
    "Sales rose 5 percent and profits fell.",
    "By Jane Roe",
    "Reuters contributed to this report.",
    "Prices \u201crose sharply\u201d, the bank said.",
    "Dr. Smith, who founded the clinic in 1990, retired.",
    "caf\u00e9 \u00e9t\u00e9 na\u00efve",
    "  ",
    "\u2014",
]

texts = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from([" ", "\n", "\n\n", "\n \n", "  "])),
    min_size=0,
    max_size=8,
).map(lambda parts: "".join(f + sep for f, sep in parts))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_spans_lie_inside_the_text_and_match_the_source_words(text):
    claims = extract_claims(text)
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        src = text[c.start : c.end]
        assert src.strip() == src and src
        assert c.text.strip()
        assert isinstance(c.kind, ClaimKind)
        assert 0.0 <= c.checkworthiness <= 1.0
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert extract_claims(text) == claims


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_breaks_the_engine(text):
    for c in extract_claims(text):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end].strip()
