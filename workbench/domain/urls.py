"""Evidence URLs: only http and https, normalised so one page is one source."""

import unicodedata
from urllib.parse import urlsplit, urlunsplit, parse_qsl, urlencode

from workbench.domain.errors import InvalidInput
from workbench.domain.limits import MAX_URL

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def normalise_url(url: str) -> str:
    """Validate and normalise: scheme and host lower-case, no fragment, no tracking parameters."""
    text = (url or "").strip()
    if not text:
        raise InvalidInput("A source needs a URL")
    if len(text) > MAX_URL:
        raise InvalidInput(f"The URL is too long ({len(text):,} characters; at most {MAX_URL:,}): {text[:80]}…")
    if any(ch.isspace() or ord(ch) < 32 or 0x7f <= ord(ch) <= 0x9f for ch in text):
        raise InvalidInput(f"Not a valid URL (contains spaces or control characters): {text[:80]}")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:  # a bad port or a broken [IPv6] address
        raise InvalidInput(f"Not a valid URL ({exc}): {text[:80]}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidInput(f"Only http and https links can be stored, not {scheme or 'a link without a scheme'}: {text[:80]}")
    if not parts.hostname:
        raise InvalidInput(f"The URL has no host name: {text[:80]}")
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal: keep its brackets
        host = f"[{host}]"
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    if parts.username or parts.password:
        raise InvalidInput("URLs with a user name or password are not stored")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING)])
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def is_openable(url: str) -> bool:
    try:
        normalise_url(url)
    except InvalidInput:
        return False
    return True


# Scripts that are written together in one name (Japanese, Chinese and Korean host names mix them with Latin).
_MIXABLE = ({"LATIN", "CJK", "HIRAGANA", "KATAKANA"}, {"LATIN", "CJK", "HANGUL"}, {"LATIN", "CJK", "BOPOMOFO"})


def display_url(url: str) -> str:
    """The URL as a person should see it: a host name whose labels mix scripts (`exаmple.org` with a Cyrillic а
    looks exactly like example.org) is shown in its punycode form (`xn--exmple-4nf.org`), as browsers do."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return url
    if host.isascii() or not any(_mixes_scripts(label) for label in host.split(".")):
        return url
    ascii_host = ".".join(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
                          for label in host.split("."))
    netloc = parts.netloc
    start = netloc.lower().find(host)
    netloc = netloc[:start] + ascii_host + netloc[start + len(host):] if start >= 0 else ascii_host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _mixes_scripts(label: str) -> bool:
    scripts = set()
    for ch in label:
        if not ch.isalpha():
            continue  # digits and hyphens belong to every script
        name = unicodedata.name(ch, "")
        scripts.add(name.split(" ")[0] if name else "UNKNOWN")
    return len(scripts) > 1 and not any(scripts <= allowed for allowed in _MIXABLE)
