"""Package data: unit gazetteers, calendar conventions, measure units (JSON, extend by editing).

Read only through :class:`bulletin_pipeline.lexicon.Resources`."""
