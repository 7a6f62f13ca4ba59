"""docutils settings for text that anyone may have written.

Descriptions (checked by :mod:`.rst_check`) and hand-written pages (read by
:mod:`.page_reader`) are parsed with these settings: no file or URL is read,
no raw markup passes, and messages go to the caller, not to stderr.
"""

from __future__ import annotations

from typing import Any

SAFE_SETTINGS: dict[str, Any] = {
    "report_level": 5,  # messages go to an observer or the doctree, not stderr
    "halt_level": 5,
    "warning_stream": False,
    "doctitle_xform": False,  # keep sections visible
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "input_encoding": "unicode",
    "_disable_config": True,  # no docutils.conf of the user changes results
}
