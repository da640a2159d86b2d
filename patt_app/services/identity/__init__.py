"""Who is who: identity matching (characters ↔ Discord users ↔ players), the integrity audit,
the PATTSync addon upload and the uploader keys."""
