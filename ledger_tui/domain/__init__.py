"""Pure domain types, states and rules. No I/O, no database, no Textual."""
