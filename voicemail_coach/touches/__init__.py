"""The follow-up cycle: a touch log of every attempt, CRM exchange, and the cadence of who is due.

Nothing below `drafting` imports this package; the command line and the drafter feed it.
"""
