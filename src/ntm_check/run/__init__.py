"""Running assessments: the set store, the one per-file path, many files, workers, cache."""
