"""Signed contributions (readers' comments, letters): the name line is no claim and speaks for what is above it."""

from workbench.claims import extract_claims

ROUNDUP = """Readers react to the council's budget.

The council approved a budget of $40 million on Monday.

FACEBOOK.

The city spent $3 million on the new stadium in 2019.

Maria Lopez.

Property taxes rose 8 percent last year. The mayor promised a freeze in 2018.

John O'Neill.

TWITTER.

We asked our followers what they thought of the budget.

The library budget was cut by half in 2020.

@citywatcher
"""


def test_each_contribution_is_its_writers_and_the_name_lines_are_no_claims():
    said = {c.text: c.attribution for c in extract_claims(ROUNDUP)}
    assert said["The city spent $3 million on the new stadium in 2019"] == "Maria Lopez"
    assert said["Property taxes rose 8 percent last year"] == "John O'Neill"
    assert said["The library budget was cut by half in 2020"] == "@citywatcher"
    # the paper's own words before a section's first contribution stay the paper's
    assert said["The council approved a budget of $40 million on Monday"] is None
    assert not any(text in ("Maria Lopez", "John O'Neill", "@citywatcher") for text in said)


def test_one_name_line_alone_is_no_signature():
    text = "The council approved a budget of $40 million on Monday.\n\nMaria Lopez.\n\nThe vote was 7 to 2.\n"
    said = {c.text: c.attribution for c in extract_claims(text)}
    assert said["The council approved a budget of $40 million on Monday"] is None
