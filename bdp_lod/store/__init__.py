"""``push``: a published folder into a SPARQL 1.1 Graph Store (`push`), through a client that
streams files, retries a busy store and checks counts afterwards (`client`), from the dumps a
folder holds (`sources`); `incremental` applies an edition's change set instead, checked against
the edition `marker` every push leaves in the store. A room of its own above ``publish``: it reads a publication and talks
to a server, and publishing never needs it.
"""

from .incremental import IncrementalResult, push_incremental
from .push import Credentials, GraphCount, PushResult, RetryPolicy, SentFile, push

__all__ = [
    "Credentials", "GraphCount", "IncrementalResult", "PushResult", "RetryPolicy", "SentFile", "push",
    "push_incremental",
]
