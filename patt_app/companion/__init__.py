"""The PATTSync companion uploader: a small program a member runs on their own PC. It watches
the addon's SavedVariables file, and when the game writes a newer export it uploads it to
`{PATT_API_URL}/guild-sync/addon-upload`. Run it with `python -m patt_app.companion`
(`--once` to upload the current export and exit)."""
