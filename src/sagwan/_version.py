"""Version strings: the package and the record schema.

Which coder made a record is said by the language bundle that coded it (`LanguageBundle.coder`, e.g.
`sagwan-ko/1`, with its components' versions such as `sagwan-events-ko/1`; see extract/core). A
document in a language with no bundle is stamped `UNCODED`.
"""

__version__ = "0.1.0"
SCHEMA = "sagwan/1"
# The package itself: what stamps rows no coder made (failures, rows written by hand in tests).
CODER = f"sagwan-{__version__}"
# A document kept without coding: its language had no bundle.
UNCODED = "sagwan-uncoded/1"
