"""Review pages for post-editors: what MT and the translation memory drafted, least sure first."""
