"""`make load`: protocol-level load clients against the PATT app and a bare Reflex counter."""
