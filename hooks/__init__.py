"""nova-priorities core: loading, validation, rendering, git access, CLI.

Nothing here imports Sphinx; GitPython and docutils are imported only by
the commands that need them.
"""
