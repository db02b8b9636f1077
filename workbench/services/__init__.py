"""Use cases: each user action is one transaction and returns what changed."""
