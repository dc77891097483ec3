"""Version strings: the package, the record schema, and the coder that stamps every stored row."""

__version__ = "0.1.0"
SCHEMA = "sagwan/1"
# Bumped whenever extraction output can change; stored with every row it produced.
CODER = f"sagwan-ko-{__version__}"
