"""Hervorming slim_scholingssubsidie_plan_2024: zie hervorming.py."""
