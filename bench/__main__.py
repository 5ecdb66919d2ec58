"""``python -m bench``: the full benchmark (see bench/README.md)."""
from bench.runner import main

if __name__ == "__main__":
    raise SystemExit(main())
