"""The PATTSync addon: reading its SavedVariables export and the upload it sends."""
