"""Judgement: criterion mapping, measurability coaching, next-level signals, readiness."""
