"""Titles placed before a name give role claims, like appositives do: "Chinese envoy Song Tao"."""

import pytest

from workbench.claims import extract_claims
from workbench.domain import ClaimKind
from workbench.text import parse_article_file


def roles(text: str) -> list[tuple[str, str]]:
    """(claim text, source words) of every role claim."""
    return [(c.text, text[c.start : c.end]) for c in extract_claims(text) if c.kind == ClaimKind.ROLE]


@pytest.mark.parametrize(
    "text, claim, source",
    [
        ("U.N. Under-Secretary-General Jeffrey Feltman said the talks had failed.",
         "Jeffrey Feltman is U.N. Under-Secretary-General", "U.N. Under-Secretary-General Jeffrey Feltman"),
        ("North Korea has sent messages through intermediaries, including the Russians and Chinese envoy "
         "Song Tao.", "Song Tao is a Chinese envoy", "Chinese envoy Song Tao"),
        ("Secretary of State Rex Tillerson met Chinese officials in Beijing on Monday.",
         "Rex Tillerson is Secretary of State", "Secretary of State Rex Tillerson"),
        ("In the weeks before U.S. Secretary of State Rex Tillerson's call for talks, officials met in Oslo.",
         "Rex Tillerson is U.S. Secretary of State", "U.S. Secretary of State Rex Tillerson"),
        ("North Korea's foreign minister Ri Yong Ho invited Guterres to Pyongyang in September.",
         "Ri Yong Ho is North Korea's foreign minister", "North Korea's foreign minister Ri Yong Ho"),
        ("Ratner was an adviser to former Vice President Joe Biden in 2014.",
         "Joe Biden is a former Vice President", "former Vice President Joe Biden"),
        ("Sen. Rand Paul voted against the bill on Tuesday.", "Rand Paul is Senator", "Sen. Rand Paul"),
        ("Energy Department official Maria Lopez resigned on Monday.",
         "Maria Lopez is an Energy Department official", "Energy Department official Maria Lopez"),
    ],
)
def test_preposed_title_gives_a_role_claim(text, claim, source):
    assert (claim, source) in roles(text)
    c = next(c for c in extract_claims(text) if c.text == claim)
    assert c.attribution is None and c.checkworthiness == 0.4  # as appositive roles


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith and Dr. Jones met the mayor on Monday.",  # honorifics are not titles
        "The late Senator John McCain voted against the bill in 2017.",  # no longer holds
        "Then-Secretary of State Rex Tillerson flew to Seoul in 2017.",
        "Trump praised his secretary of state Rex Tillerson on Monday.",  # whose? not named
        '"Secretary Tillerson is doing a fine job," Wit said.',  # the speaker's words, not the article's
    ],
)
def test_no_role_claim_without_a_clear_current_title(text):
    assert roles(text) == []


def test_an_address_list_gives_no_title_roles():
    text = ("Mr. Speaker, Senator Barron, Representative Newton, members of the Legislature, "
            "distinguished guests.")
    assert not any("Barron is Senator" in t or "Newton is" in t for t, _ in roles(text))


def test_the_same_role_is_claimed_once_per_article():
    text = ("President Donald Trump signed the bill on Monday. President Trump flew to Ohio on Tuesday.\n\n"
            "U.S. Secretary of State Rex Tillerson called for talks. Secretary Tillerson flew to Seoul.")
    found = [t for t, _ in roles(text)]
    assert found.count("Donald Trump is President") == 1
    assert "Rex Tillerson is U.S. Secretary of State" in found
    assert not any(t.startswith(("Trump is", "Tillerson is", "Rex Tillerson is Secretary")) for t in found)


def test_an_appositive_role_is_not_repeated_by_a_later_title():
    text = ("Joel Wit, a senior fellow at the institute, said the talks failed. "
            "Senior fellow Joel Wit flew to Seoul in May.")
    assert [t for t, _ in roles(text)] == ["Joel Wit is a senior fellow at the institute"]


def test_seed_article_title_roles(seed_path):
    text = parse_article_file(seed_path).text
    found = dict(roles(text))
    for claim, source in [
        ("Rex Tillerson is U.S. Secretary of State", "U.S. Secretary of State Rex Tillerson"),
        ("Donald Trump is President", "President Donald Trump"),
        ("Jeffrey Feltman is U.N. Under-Secretary-General", "U.N. Under-Secretary-General Jeffrey Feltman"),
        ("Song Tao is a Chinese envoy", "Chinese envoy Song Tao"),
        ("António Guterres is U.N. Secretary-General", "U.N. Secretary-General António Guterres"),
        ("Joe Biden is a former Vice President", "former Vice President Joe Biden"),
    ]:
        assert found.get(claim) == source
    # "President Trump" and "Secretary Tillerson" (in a quote) later: no second role
    assert sum(t.endswith("is President") for t in found) == 1
    assert not any(t.startswith("Rex Tillerson is Secretary") for t in found)


@pytest.mark.parametrize(
    "text",
    [
        # the seed's shape: a title set off by a comma the parser does not read as an appositive
        "That meeting came about one month after North Korea's foreign minister, Ri Yong Ho invited "
        "Guterres to send an envoy to Pyongyang.",
        "In September, North Korea's foreign minister, Ri Yong Ho invited Guterres to Pyongyang.",
    ],
)
def test_a_title_before_a_comma_gives_a_role_claim(text):
    assert ("Ri Yong Ho is North Korea's foreign minister", "North Korea's foreign minister, Ri Yong Ho") in roles(text)


@pytest.mark.parametrize(
    "text",
    [
        "After the president, Joe Biden spoke to the crowd in Dover.",  # an opening phrase, not a title
        "Speaking to North Korea's foreign minister, Ri Yong Ho said the talks had failed.",  # an object
        "Biden spoke after the company's chairman, Smith said.",  # "..., Smith said." closes a quote
        "Officials from Washington, D.C. met mayors from Paris, London and Rome on Monday.",
        "He met the company's founder, John Smith and the mayor in Dover on Monday.",  # a list
        # an address list gives no role of any kind (it used to give "Mr. Speaker is Senator Barron, ...")
        "Mr. Speaker, Senator Barron, Representative Newton, members of the Legislature, distinguished guests.",
        "Mr. Howe, Senator Kennedy, my fellow Americans.",
    ],
)
def test_no_role_from_commas_that_join_other_things(text):
    assert roles(text) == []


def test_a_description_is_not_a_list_item():
    # the appositive of a coordinated name is still its role
    text = ("Jason Clarke, our new Chief Information Officer, and his team are working on the broadband "
            "initiative.")
    assert [t for t, _ in roles(text)] == ["Jason Clarke is our new Chief Information Officer"]


@pytest.mark.parametrize(
    "text, claim",
    [
        ("In 1998, Governor Tom Carper signed the law.", "Tom Carper was Governor"),
        ("This building was given to the state by Governor Ebe Tunnell some 98 years ago.",
         "Ebe Tunnell was Governor"),
        ("In 1998, Tom Carper, the governor of Delaware, signed the law.",
         "Tom Carper was the governor of Delaware"),
        # deliberately "is": news of now, a present perfect that still holds, a future, a date in
        # another clause, a title already placed in time ("former")
        ("On Monday, Governor Tom Carper signed the law.", "Tom Carper is Governor"),
        ("Governor Tom Carper has led the state since 1998.", "Tom Carper is Governor"),
        ("Governor Tom Carper will sign the bill in 2025.", "Tom Carper is Governor"),
        ("Governor Ruth Minner, who took office in 2001, signed the budget on Monday.",
         "Ruth Minner is Governor"),
        ("Ratner was an adviser to former Vice President Joe Biden in 2014.",
         "Joe Biden is a former Vice President"),
    ],
)
def test_a_role_in_a_dated_past_event_reads_was(text, claim):
    assert claim in [t for t, _ in roles(text)]


def test_seed_article_comma_roles(seed_path):
    text = parse_article_file(seed_path).text
    found = dict(roles(text))
    assert found.get("Ri Yong Ho is North Korea's foreign minister") == "North Korea's foreign minister, Ri Yong Ho"
    # "Choe" alone is not a PERSON to the parser; the article named her in full before
    assert found.get("Choe Hon Sui is North Korea's negotiator") == "North Korea's negotiator, Choe"
    # still once per person and title, and no title role reads "was" in this news story
    assert not any(" was " in t and "former" not in t for t in found)


def test_a_hyphenated_word_before_a_title_is_never_left_out_of_it():
    # "an immigration leader" would say the opposite of "Anti-illegal immigration leader"
    text = "Anti-illegal immigration leader Maria Espinoza is running for Congress."
    assert not [c for c in extract_claims(text) if c.kind == ClaimKind.ROLE]


def test_a_party_and_state_tag_is_no_role_and_leaves_no_empty_brackets():
    text = "She will be challenging incumbent Rep. John Culberson (R-TX) in the primary."
    found = extract_claims(text)
    assert [c.text for c in found if c.kind == ClaimKind.ROLE] == ["John Culberson is Representative"]
    assert not any("()" in c.text or "is R-TX" in c.text for c in found)


def test_a_name_set_after_a_prepositions_object_gets_no_role_from_that_object():
    # Stenehjem is a candidate for governor, not the governor
    text = ("Those not on the slate included Gov. Jack Dalrymple and the endorsed Republican candidate for "
            "governor, Wayne Stenehjem.")
    roles = [c.text for c in extract_claims(text) if c.kind == ClaimKind.ROLE]
    assert roles == ["Jack Dalrymple is Governor"]


def test_a_description_opening_the_sentence_reads_in_lower_case_after_is():
    text = "Another delegate on the Cruz slate, Jim Poolman, said he was leaning toward Cruz."
    roles = [c.text for c in extract_claims(text) if c.kind == ClaimKind.ROLE]
    assert roles == ["Jim Poolman is another delegate on the Cruz slate"]


def test_a_name_after_the_object_of_with_is_that_person():
    text = "Joseph Yun traveled to Oslo for secret talks with a senior North Korean official, Choe Hon Sui."
    roles = [c.text for c in extract_claims(text) if c.kind == ClaimKind.ROLE]
    assert "Choe Hon Sui is a senior North Korean official" in roles


def test_a_title_before_a_bare_surname_names_no_relative_who_shares_it():
    text = "Michelle Obama spoke at the rally. President Obama signed the bill on Monday."
    roles = [c.text for c in extract_claims(text) if c.kind == ClaimKind.ROLE]
    assert roles == ["Obama is President"]
