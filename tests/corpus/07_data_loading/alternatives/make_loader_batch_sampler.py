# why: builds the batches with an explicit BatchSampler over a SequentialSampler
# %% make_loader
from torch.utils.data import BatchSampler, SequentialSampler


def make_loader(dataset: Dataset, batch_size: int, drop_last: bool) -> DataLoader:
    return DataLoader(dataset, batch_sampler=BatchSampler(SequentialSampler(dataset), batch_size, drop_last))
