"""The Textual user interface. Only this package (and the CLI) may import Textual."""
