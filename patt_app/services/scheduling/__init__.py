"""Scheduling: availability, zone-aware week maths, the heatmap, the raid-night finder."""
