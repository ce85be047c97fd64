"""Printed A4 forms: a small layout toolkit (`layout`) and one module per form.

Each form module defines a frozen dataclass holding exactly what is printed and a
`render_<form>(data, lang="ja", copies=...) -> bytes` function returning the PDF. The
renderers know nothing of the ledger: services fill the dataclasses. Submodules are
imported explicitly (reportlab costs ~0.1 s to import; screens load it only to print).
"""
