"""Sphinx configuration of the nova-priorities documentation."""

project = "nova-priorities"
copyright = "nova-priorities developers"
extensions = ["nova_priorities.sphinxext"]
# priorities_dir is left out: the extension finds the repository's
# priorities/ folder by itself.
exclude_patterns: list[str] = []
html_theme = "alabaster"
