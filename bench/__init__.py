"""The mtclean benchmark: quality on real and synthetic data, speed and scaling.

Run ``python -m bench`` from the repository root; see ``bench/README.md``.
"""
