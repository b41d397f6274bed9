"""Gold annotations: stand-off store, working/doccano/Prodigy formats, validation, DocBin."""
