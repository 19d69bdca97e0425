"""Story timelines: one dated, ordered, de-duplicated timeline per actor from a whole batch."""
