"""Text -> facts, no policy: the shared word tables and the detectors' rule tables."""
