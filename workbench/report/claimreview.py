"""Report data -> schema.org ClaimReview JSON-LD, one object per claim that has a verdict.

Unverified claims are left out, and so is what is not a claim (opinions, image credits and captions). Verdicts without a place on the numeric scale (e.g. Unproven, Not checkable)
carry only reviewRating.alternateName: ratingValue, bestRating and worstRating are omitted rather than invented.
"""

import json
import re
from urllib.parse import urlsplit, urlunsplit

from workbench.report.formatting import link_url

CONTEXT = "https://schema.org"
FALLBACK_AUTHOR = "Fact Workbench user"
_ORGANISATION_WORDS = re.compile(
    r"\b(ministry|department|government|agency|office|council|committee|commission|house|party|union|bank|"
    r"university|institute|organi[sz]ation|association|corporation|company|inc|ltd|news|times|post|press|"
    r"group|centre|center|foundation|fund|agency|authority|board|bureau|service|survey|laboratory|lab|"
    r"officials|sources|diplomats|spokes\w*|nations|state|states|administration|army|military|police|court|"
    r"congress|senate|parliament|pentagon|kremlin|white|foreign|policy|reuters|associated|who|un|eu|nato|"
    # nations and capitals that speak in news copy ("North Korea says", "Washington reneged")
    r"korea|china|russia|iran|israel|ukraine|japan|india|france|germany|britain|america|europe|republic|"
    r"kingdom|united|pyongyang|washington|moscow|beijing|seoul|tokyo|london|paris|brussels|tehran|kyiv)\b",
    re.IGNORECASE,
)


_PERSON_NOUNS = re.compile(
    r"\b(diplomat|spokes(person|man|woman)|official|source|aide|advis[eo]r|analyst|expert|minister|secretary|"
    r"ambassador|envoy|senator|president|reporter|officer|negotiator|fellow|director|chief|general|leader|"
    r"lawmaker|representative|professor|researcher|resident|witness|doctor|student)\b",
    re.IGNORECASE,
)  # singular only: "officials", "sources" are groups


def claimant(attribution: str) -> str:
    """Who makes the claim: "Joseph Yun (according to U.S. officials)" -> "Joseph Yun"."""
    return re.sub(r"\s*\((according to|via|citing)\b[^)]*\)\s*$", "", attribution.strip(),
                  flags=re.IGNORECASE) or attribution.strip()


_CREDIT = re.compile(r"\b(credit|credits|photo(graph)?|image|illustration|caption|getty images|via reuters|"
                     r"ap photo|afp)\b", re.IGNORECASE)


def is_credit(text: str) -> bool:
    """An image credit or caption line ("Clayton Aldern / Grist is Credit"): not a claim to publish a review of."""
    return len(text.split()) <= 12 and bool(_CREDIT.search(text)) and ("/" in text or "credit" in text.lower()
                                                                          or text.lower().startswith("photo"))


def author_type(name: str, looked_up: str = "") -> str:
    """Person for one person (a name, or "a Security Council diplomat"), Organization otherwise. looked_up: what
    the named-entity label in the article said ("Person"/"Organization"), which wins over the word heuristic
    except for a single role ("a diplomat", "an official": one person, whatever body they belong to)."""
    who = claimant(name)
    words = who.split()
    if not words:
        return "Organization"
    if _PERSON_NOUNS.search(who):
        return "Person"
    if looked_up in ("Person", "Organization"):
        return looked_up
    tail = words[-2:]
    if len(words) <= 5 and all(w[:1].isupper() for w in tail) and not _ORGANISATION_WORDS.search(who):
        return "Person"
    return "Organization"


def _publication(source: str) -> str:
    host = urlsplit(source).hostname or ""
    return host[4:] if host.startswith("www.") else host


def _claim_author(data, claim) -> dict | list[dict] | None:
    if claim.attribution:
        return {"@type": author_type(claim.attribution, claim.author_type), "name": claimant(claim.attribution)}
    authors = [a for a in data.article.authors if a]
    if len(authors) == 1:
        return {"@type": "Person", "name": authors[0]}
    if authors:
        return [{"@type": "Person", "name": a} for a in authors]
    publication = _publication(data.article.source) if link_url(data.article.source) else ""
    return {"@type": "Organization", "name": publication} if publication else None


def _claim_url(published_at: str, number: int) -> str | None:
    """Where the fact-check is published (the workspace's publication URL for the article), at the claim's
    anchor in the published report; None when the newsroom has not said where it publishes."""
    url = link_url(published_at)
    if url is None:
        return None
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, f"claim-{number}"))


def exported(claim) -> bool:
    """A claim with a verdict that is a claim at all: no opinions, no image credits."""
    return claim.verified and claim.kind != "opinion" and not is_credit(claim.text)


def claim_reviews(data) -> list[dict]:
    scale = data.scale
    article = data.article
    article_url = link_url(article.source)
    reviews = []
    for claim in data.claims:
        if not exported(claim):
            continue
        option = claim.verdict
        rating: dict = {"@type": "Rating"}
        if option.rating is not None:
            rating.update(ratingValue=option.rating, bestRating=scale.best_rating, worstRating=scale.worst_rating)
        rating["alternateName"] = option.label
        item: dict = {"@type": "Claim"}
        author = _claim_author(data, claim)
        if author is not None:
            item["author"] = author
        if article.published:
            item["datePublished"] = article.published.isoformat()
        if article_url:
            item["appearance"] = [{"@type": "CreativeWork", "url": article_url, "headline": article.title}]
        review = {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "claimReviewed": claim.text,
            "reviewRating": rating,
            "itemReviewed": item,
            "author": {"@type": "Organization", "name": data.organisation or FALLBACK_AUTHOR},
            "datePublished": data.generated_date,
        }
        url = _claim_url(data.publication_url, claim.number)
        if url:
            review["url"] = url
        if claim.rationale:
            review["reviewBody"] = claim.rationale
        reviews.append(review)
    return reviews


def render_claimreview(data) -> str:
    """A JSON array of ClaimReview objects (each with its own @context).

    "<", ">" and "&" are written as \\u escapes so the text can be pasted into a
    <script type="application/ld+json"> block without closing it.
    """
    text = json.dumps(claim_reviews(data), ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
