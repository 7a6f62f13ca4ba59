"""The subcommands of ``nova-priorities``: thin layers over the engine.

Each module has ``add_arguments(parser)`` and ``run(args) -> int``; they
parse, call the engine or the page builder, and report through
:mod:`..reporters`. The CLI (:mod:`..cli`) imports only the one that runs.
"""
