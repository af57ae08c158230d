"""Responses compressed on the wire: gzip or Brotli, as the client accepts.

- :mod:`~deck.compression.encodings`: choosing the encoding, compressing, and
  the ETag of each encoding;
- :mod:`~deck.compression.middleware`: every whole text response, with the
  page cache's pages compressed once (:mod:`deck.caching.encoded_pages`);
  streaming responses left alone.

Static files are compressed by whitenoise (deck/project/static_files.py).
"""
