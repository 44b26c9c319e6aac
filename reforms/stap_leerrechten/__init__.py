"""Hervorming stap_leerrechten_mbo4: zie hervorming.py."""
