"""The command line's handlers, one module per capability."""
