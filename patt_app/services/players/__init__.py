"""Players: the officer's player changes, the player directory, the public roster, the landing numbers."""
