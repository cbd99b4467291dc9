"""Scheduling: slots in both parties' hours and zones, holidays, calendar holds."""
