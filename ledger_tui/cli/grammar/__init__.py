"""The command line's grammar for each capability (argparse sub-commands)."""
