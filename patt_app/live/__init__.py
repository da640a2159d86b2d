"""Live updates: `notify(topic)` from anywhere redraws every open view subscribed to that topic."""
