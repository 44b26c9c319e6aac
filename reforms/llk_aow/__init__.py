"""Hervorming llk_leeftijd_gelijk_aan_aow: zie hervorming.py."""
