"""Analyses of the deal graph: loops, exposure, DebtRank stress, timelines.

The defaults every entry point shares live here, light enough for ``--help``.
"""

#: longest loop searched for, in hops, unless told otherwise
DEFAULT_MAX_LENGTH = 6

#: rounds of DebtRank propagation, unless told otherwise
DEFAULT_MAX_ROUNDS = 100
