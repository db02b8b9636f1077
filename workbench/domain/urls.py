"""Evidence URLs: only http and https, normalised so one page is one source."""

from urllib.parse import urlsplit, urlunsplit, parse_qsl, urlencode

from workbench.domain.errors import InvalidInput

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def normalise_url(url: str) -> str:
    """Validate and normalise: scheme and host lower-case, no fragment, no tracking parameters."""
    text = (url or "").strip()
    if not text:
        raise InvalidInput("A source needs a URL")
    if any(ch.isspace() for ch in text) or any(ord(ch) < 32 for ch in text):
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
