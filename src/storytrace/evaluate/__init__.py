"""Scorers against labelled data: each module has `evaluate(data_dir) -> {system: {metric: value}}`."""
