"""The application layer: one function per command, between the command line and the engine.

Each command is a module here with a frozen request type and ``run(request, workspace)``,
which returns an :class:`~ntm_check.app.outcome.Outcome` (the result to render, what to say on
standard error, the exit code). The command line builds the one
:class:`~ntm_check.app.workspace.Workspace` of the run from its options, calls ``run``,
renders the result with the format registry (:mod:`ntm_check.app.formats`), prints and exits.
Nothing here prints, exits or reads the clock.
"""
