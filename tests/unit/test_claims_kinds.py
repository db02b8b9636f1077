"""Kinds and scores a fact-checker relies on when sorting the list."""

import pytest

from workbench.claims import extract_claims
from workbench.domain import ClaimKind


def only(text: str):
    claims = extract_claims(text)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The city spent 4 million dollars on new buses last year.", ClaimKind.NUMBER),
        ("The council approved the budget on Nov. 21, 2023.", ClaimKind.DATE_EVENT),
        ('"We closed the plant in March," said Ana Ruiz.', ClaimKind.QUOTE),
        ("The regulator fined the bank over its lending practices.", ClaimKind.STATEMENT),
    ],
)
def test_kinds(text, kind):
    assert only(text).kind == kind


def test_role_from_relative_clause():
    claims = extract_claims("The report was written by Ely Ratner, who was the deputy national security advisor.")
    roles = [c for c in claims if c.kind == ClaimKind.ROLE]
    assert roles and roles[0].text.startswith("Ely Ratner was")


@pytest.mark.parametrize(
    "text",
    [
        "Will the council raise taxes next year?",
        "I think they will wait a few days.",
        "The government needs to act now.",
        "They may be beginning to feel the pressure.",
    ],
)
def test_opinions_predictions_and_questions_are_not_claims(text):
    assert extract_claims(text) == []


def test_while_joined_clauses_are_two_claims():
    claims = extract_claims("Exports rose 4 percent in May, while imports fell 2 percent.")
    assert len(claims) == 2
    assert claims[1].text.startswith("Imports fell")


def test_numbers_score_higher_than_vague_statements():
    number = only("Unemployment fell to 3.9 percent in April, the lowest rate since 2001.")
    vague = extract_claims("Things are moving along in the town these days.")
    assert all(number.checkworthiness > c.checkworthiness for c in vague)
