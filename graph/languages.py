"""The scripts dealgraph names organizations in: English, Traditional and Simplified Chinese.

Kept free of imports so the CLI can offer them (``--labels``) without loading
the model; ``Organization.aliases`` is keyed by the same three, and a test
checks they agree.
"""

__all__ = ["LANGUAGES"]

LANGUAGES = ("en", "zh-Hant", "zh-Hans")
