"""IIIF, the library standard for images and viewers: the Image API 3.0, Presentation API 3.0 manifests and the
Content Search API, as JSON the server sends; one module per API, none knowing the archive's layout."""
