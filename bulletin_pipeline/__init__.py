"""bulletin_pipeline: Chinese municipal government gazette PDF -> validated, queryable knowledge base."""
__version__ = "0.1.0"
