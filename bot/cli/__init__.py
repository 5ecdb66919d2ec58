"""Command-line tools of the support staff and operators (wired by ``python -m bot``)."""
