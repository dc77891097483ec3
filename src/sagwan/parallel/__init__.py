"""parallel: batch ingest at scale — extraction on a Dask cluster, record shards in and out.

    from sagwan.parallel import ingest_paths
    ingest_paths(["news/"], db_url="chronicle.db", workers=2)      # local cluster of 2 processes
    ingest_paths(["news/"], out="shards/", workers=2)              # sagwan/1 shards, no database
    ingest_paths(["shards/"], db_url="chronicle.db")               # store the shards as they are

Only `sagwan.parallel.dask` imports Dask, and only when a cluster is asked for.
"""

from sagwan.parallel.batch import DEFAULT_PARTITION_SIZE, extract_batch, ingest_paths, split_inputs
from sagwan.parallel.progress import progress_bar
from sagwan.parallel.records import SHARD_FORMATS, ShardWriter, is_record, read_shard, shard_kind

__all__ = [
    "DEFAULT_PARTITION_SIZE", "SHARD_FORMATS", "ShardWriter", "extract_batch", "ingest_paths", "is_record",
    "progress_bar", "read_shard", "shard_kind", "split_inputs",
]
