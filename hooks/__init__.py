"""nova-priorities core: loading, validation, rendering, git access, CLI.

Nothing here imports Sphinx; docutils is imported only where a description
needs it, and git is run as a command (no GitPython at run time).
"""
